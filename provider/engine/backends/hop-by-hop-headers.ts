/** Hop-by-hop headers (RFC 9110 §7.6.1), lower case: never forwarded, in either direction. */
export const HOP_BY_HOP: ReadonlySet<string> = new Set(['connection', 'keep-alive', 'proxy-connection', 'te', 'trailer', 'transfer-encoding', 'upgrade', 'proxy-authorization', 'proxy-authenticate']);

/**
 * `true` at the index of every length a name in `names` has: a header name of another length
 * cannot be one of them, so it is copied without being lower-cased.
 */
export function lengthGate(names: Iterable<string>): readonly boolean[] {
  const gate: boolean[] = [];
  for (const n of names) gate[n.length] = true;
  return gate;
}

/** `lengthGate(HOP_BY_HOP)`. */
export const HOP_BY_HOP_LENGTHS = lengthGate(HOP_BY_HOP);
