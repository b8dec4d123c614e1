import { ProtocolFacts, TlsProtocols } from './protocols';

/**
 * The protocol version a name speaks of (internal: not exported from the package), so a
 * did-you-mean never answers a protocol name with another version.
 */
export interface NamedProtocolVersion {
  /** The version as people write it, e.g. `TLS 1.3`. */
  readonly text: string;
  /** Its place in `TlsProtocols` order (SSL 2.0 is 0, TLS 1.2 is 4; TLS 1.3 is 5, which ELB lacks). */
  readonly rank: number;
  /** ELB's attribute for that version, or undefined when Classic ELB has none (TLS 1.3 and later). */
  readonly attribute?: ProtocolFacts;
}

/**
 * The SSL/TLS version a possibly misspelt name means (`Protocol-TLSv1.3`, `TLSv13`, `tls1_2`,
 * `Protocol-SSLv3`), or undefined when it names none.
 */
export function protocolVersionNamed(name: string): NamedProtocolVersion | undefined {
  if (typeof name !== 'string') return undefined;
  const m = /(ssl|tls)\s*v?\s*(\d)(?:[._\s]?(\d))?/i.exec(name);
  if (!m) return undefined;
  const family = m[1].toUpperCase();
  const major = Number(m[2]);
  const minor = m[3] === undefined ? 0 : Number(m[3]);
  let rank: number;
  if (family === 'SSL') {
    if (major !== 2 && major !== 3) return undefined;
    rank = major - 2;
  } else {
    if (major !== 1) return undefined;
    rank = 2 + minor;
  }
  const text = family === 'SSL' ? `SSL ${major}.0` : `TLS ${major}.${minor}`;
  return { text, rank, attribute: TlsProtocols.all().find((f) => f.rank === rank) };
}
