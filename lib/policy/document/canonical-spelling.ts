import { DESYNC_MITIGATION_MODES } from '../rules/desync-mitigation-mode';
import { ListenerProtocol } from './listener-protocol';

/*
 * The one place enum-like strings get their canonical spelling. ELB compares protocols without
 * regard to case ('https' and 'HTTPS' are one protocol) but the model, the targets and the security
 * advice compare exact strings; so every such string is spelled canonically where it enters the
 * model (a construct's props, a parsed document), and nothing after that boundary has to care.
 * A value that matches no allowed spelling in any case is returned unchanged, so an error about it
 * quotes what the user wrote.
 */

const PROTOCOLS: readonly string[] = Object.values(ListenerProtocol);

/** `value` spelled as the member of `allowed` it equals ignoring case; anything else unchanged. */
export function canonicalSpelling<T>(value: T, allowed: readonly string[]): T {
  if (typeof value !== 'string') return value;
  if (allowed.includes(value)) return value;
  const lower = value.toLowerCase();
  const match = allowed.find((a) => a.toLowerCase() === lower);
  return (match ?? value) as unknown as T;
}

/** A listener protocol (front end or back end) in canonical upper case: `'https'` gives `HTTPS`. */
export function canonicalProtocol(value: ListenerProtocol | string): ListenerProtocol {
  return canonicalSpelling(value, PROTOCOLS) as ListenerProtocol;
}

/** A health-check target with its protocol part canonical: `'http:8080/ping'` gives `HTTP:8080/ping`. */
export function canonicalHealthCheckTarget(target: string): string {
  if (typeof target !== 'string') return target;
  return target.replace(/^([A-Za-z]+):/, (_, protocol: string) => `${canonicalProtocol(protocol)}:`);
}

/** A desync mitigation mode in canonical lower case, as ELB writes it: `'DEFENSIVE'` gives `defensive`. */
export function canonicalDesyncMitigationMode(mode: string): string {
  return canonicalSpelling(mode, DESYNC_MITIGATION_MODES);
}
