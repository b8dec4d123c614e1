import { TlsProtocol } from './types';

/** Facts about one protocol attribute of an SSL negotiation policy. */
export interface ProtocolFacts {
  /** The ELB attribute (`Protocol-TLSv1.2`). */
  readonly protocol: TlsProtocol;
  /** The version name OpenSSL and Node.js use (`TLSv1.2`). */
  readonly versionName: string;
  /** Order from oldest (0) to newest. */
  readonly rank: number;
  /** True for protocols no client should be offered (SSLv2, SSLv3, TLS 1.0, TLS 1.1). */
  readonly weak: boolean;
  /** Why the protocol is weak (empty when it is not). */
  readonly reason: string;
  /** True when Node.js 20 / OpenSSL 3.0 can negotiate it at all (TLS 1.0/1.1 only at security level 0). */
  readonly negotiableByNode: boolean;
}

const FACTS: ProtocolFacts[] = [
  { protocol: TlsProtocol.SSL_V2, versionName: 'SSLv2', rank: 0, weak: true, reason: 'SSL 2.0 is broken (DROWN) and forbidden by RFC 6176', negotiableByNode: false },
  { protocol: TlsProtocol.SSL_V3, versionName: 'SSLv3', rank: 1, weak: true, reason: 'SSL 3.0 is broken (POODLE, CVE-2014-3566) and forbidden by RFC 7568', negotiableByNode: false },
  { protocol: TlsProtocol.TLS_V1, versionName: 'TLSv1', rank: 2, weak: true, reason: 'TLS 1.0 is deprecated by RFC 8996', negotiableByNode: true },
  { protocol: TlsProtocol.TLS_V1_1, versionName: 'TLSv1.1', rank: 3, weak: true, reason: 'TLS 1.1 is deprecated by RFC 8996', negotiableByNode: true },
  { protocol: TlsProtocol.TLS_V1_2, versionName: 'TLSv1.2', rank: 4, weak: false, reason: '', negotiableByNode: true },
].map((f) => Object.freeze(f));

/** The protocol attributes of an SSL negotiation policy, oldest first. */
export class TlsProtocols {
  /** Facts for every protocol attribute, oldest first. */
  public static all(): ProtocolFacts[] {
    return FACTS.slice();
  }

  /** Every protocol attribute name, oldest first. */
  public static names(): string[] {
    return FACTS.map((f) => f.protocol);
  }

  /** Facts for one protocol attribute, or undefined when `name` is not one. */
  public static find(name: string): ProtocolFacts | undefined {
    return FACTS.find((f) => f.protocol === name);
  }

  /** True when `name` is a protocol attribute (`Protocol-...`). */
  public static isProtocol(name: string): boolean {
    return FACTS.some((f) => f.protocol === name);
  }

  private constructor() {}
}
