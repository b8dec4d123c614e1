/** A request target rewritten from absolute-form to origin-form. */
export interface OriginForm {
  /** The authority of the absolute URI (`host` or `host:port`): the Host header the back end gets. */
  readonly host: string;
  /** The path and query, starting with `/` (just `/` when the URI had no path). */
  readonly path: string;
}

/** `http` or `https`, `://`, the authority, then path and query; a fragment is dropped. */
const ABSOLUTE_FORM = /^https?:\/\/([^/?#]*)([^#]*)(?:#.*)?$/i;
/** `host` or `host:port`: a registered name, an IPv4 address or an IP literal in brackets; no user info. */
const AUTHORITY = /^(?:\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9\-._~%!$&'()*+,;=]+)(?::[0-9]*)?$/;

/**
 * The origin-form of an absolute-form request target (`http://other.example:8080/a?b`), as an
 * HTTP/1.1 proxy forwards it: path and query on the request line, the URI's authority as Host
 * (RFC 9112 §3.2.2: a received Host header is replaced, not forwarded). Only `http` and `https`
 * URIs with a host and no user info qualify; anything else gives undefined (the listener answers
 * 400).
 */
export function originForm(target: string): OriginForm | undefined {
  const m = ABSOLUTE_FORM.exec(target);
  if (!m) return undefined;
  const [, authority, rest] = m;
  if (!AUTHORITY.test(authority)) return undefined;
  const path = rest === '' ? '/' : rest.startsWith('?') ? `/${rest}` : rest;
  return { host: authority, path };
}
