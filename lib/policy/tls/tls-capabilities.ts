import { CipherCatalog } from '../attributes/cipher-catalog';
import { TlsProtocols } from '../attributes/protocols';
import { NodeTlsSupport } from '../attributes/types';

/**
 * What a TLS library can negotiate, in ELB's names. The engine probes its own OpenSSL build at
 * start-up and passes the result; without one, the documented Node.js 20 / OpenSSL 3.0 build is assumed.
 */
export interface TlsCapabilities {
  /** Protocol attributes the library can negotiate (`Protocol-TLSv1.2`, ...). */
  readonly protocols: string[];
  /** Cipher attribute names (ELB spelling) the library can negotiate, under any condition. */
  readonly ciphers: string[];
  /** Where the facts come from, e.g. `documented: Node.js 20 / OpenSSL 3.0` or `probed: OpenSSL 3.0.19`. */
  readonly source: string;
}

/** Capabilities of TLS libraries. */
export class TlsCapabilitySets {
  /**
   * The documented capabilities of Node.js 20 with OpenSSL 3.0 (elb-facts §9). Node.js 22 with its
   * bundled OpenSSL 3.5 probes the same (docs/admin-api.md, "TLS on this OpenSSL").
   */
  public static documentedNode20(): TlsCapabilities {
    return {
      protocols: TlsProtocols.all().filter((p) => p.negotiableByNode).map((p) => p.protocol),
      ciphers: CipherCatalog.all().filter((c) => c.nodeSupport !== NodeTlsSupport.ABSENT).map((c) => c.name),
      source: 'documented: Node.js 20 / OpenSSL 3.0',
    };
  }

  private constructor() {}
}
