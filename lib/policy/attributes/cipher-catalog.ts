import { CIPHER_ROWS } from './cipher-rows';
import { CipherSuite } from './types';

const SUITES: CipherSuite[] = CIPHER_ROWS.map((row, index) => Object.freeze({
  name: row[0],
  opensslName: row[1],
  ianaName: row[2],
  code: row[3],
  catalogPosition: index + 1,
  keyExchange: row[4],
  authentication: row[5],
  encryption: row[6],
  mac: row[7],
  minimumProtocol: row[8],
  forwardSecrecy: row[9],
  strength: row[10],
  weaknesses: row[11],
  introducedBefore2014: row[12],
  certificateKeyType: row[13],
  nodeSupport: row[14],
  nodeRequirements: row[15],
}));
const BY_NAME = new Map(SUITES.map((s) => [s.name, s]));

/**
 * The 88 cipher attributes ELB Classic accepts in an SSL negotiation policy, in catalog order.
 *
 * Catalog order is also the server preference order: ELB cannot reorder ciphers, so a policy with
 * `Server-Defined-Cipher-Order` prefers the earlier suite of this list.
 */
export class CipherCatalog {
  /** Every cipher suite, in catalog (preference) order. */
  public static all(): CipherSuite[] {
    return SUITES.slice();
  }

  /** Every cipher attribute name, in catalog order. */
  public static names(): string[] {
    return SUITES.map((s) => s.name);
  }

  /** The suite with this ELB attribute name, or undefined (names are case-sensitive). */
  public static find(name: string): CipherSuite | undefined {
    return BY_NAME.get(name);
  }

  /** True when `name` is one of ELB's cipher attributes. */
  public static isCipher(name: string): boolean {
    return BY_NAME.has(name);
  }

  /** Sorts cipher names into catalog order (unknown names last, in their given order). */
  public static sortByCatalog(names: string[]): string[] {
    const pos = (n: string) => BY_NAME.get(n)?.catalogPosition ?? Number.MAX_SAFE_INTEGER;
    return names.slice().sort((a, b) => pos(a) - pos(b));
  }

  private constructor() {}
}
