import { CipherCatalog } from './cipher-catalog';
import { editDistance } from '../rules/rule-helpers';
import { protocolVersionNamed } from './protocol-named';
import { TlsProtocols } from './protocols';

/** Other names people use for an attribute, mapped to ELB's name (the console calls it "Server Order Preference"). */
const SYNONYMS: Record<string, string> = {
  'Server-Order-Preference': 'Server-Defined-Cipher-Order',
  'Server-Cipher-Order': 'Server-Defined-Cipher-Order',
  'Honor-Cipher-Order': 'Server-Defined-Cipher-Order',
  'Protocol-TLSv1.0': 'Protocol-TLSv1',
  'Protocol-TLSv10': 'Protocol-TLSv1',
  'Protocol-TLSv11': 'Protocol-TLSv1.1',
  'Protocol-TLSv12': 'Protocol-TLSv1.2',
  'Reference-Policy': 'Reference-Security-Policy',
};

function tokens(name: string): string[] {
  return name.toLowerCase().split(/[-_.\s]+/).filter(Boolean);
}

/**
 * The attribute names of ELB's SSLNegotiationPolicyType: protocols, `Server-Defined-Cipher-Order`,
 * `Reference-Security-Policy` and the 88 ciphers.
 */
export class SslNegotiationAttributes {
  /** `Server-Defined-Cipher-Order`: when true the server's cipher order wins. */
  public static readonly SERVER_DEFINED_CIPHER_ORDER = 'Server-Defined-Cipher-Order';

  /** `Reference-Security-Policy`: the name of a predefined policy to copy. */
  public static readonly REFERENCE_SECURITY_POLICY = 'Reference-Security-Policy';

  /** Every attribute name: protocols (oldest first), the two options, then ciphers in catalog order. */
  public static names(): string[] {
    return [
      ...TlsProtocols.names(),
      SslNegotiationAttributes.SERVER_DEFINED_CIPHER_ORDER,
      SslNegotiationAttributes.REFERENCE_SECURITY_POLICY,
      ...CipherCatalog.names(),
    ];
  }

  /** True when ELB knows this attribute name (case-sensitive, as the API is). */
  public static isKnown(name: string): boolean {
    return TlsProtocols.isProtocol(name)
      || name === SslNegotiationAttributes.SERVER_DEFINED_CIPHER_ORDER
      || name === SslNegotiationAttributes.REFERENCE_SECURITY_POLICY
      || CipherCatalog.isCipher(name);
  }

  /**
   * The known attribute an unknown name most likely meant, or undefined when nothing is close.
   *
   * Tries, in order: a known synonym, a case-insensitive match, a small edit distance (typos), and
   * a large share of common words. A wrong guess is worse than none, so distant names get nothing,
   * and a name that speaks of a protocol version is only ever answered with that same version
   * (never a weaker one: `Protocol-TLSv1.3` gets no suggestion, as ELB has no TLS 1.3).
   */
  public static suggest(name: string): string | undefined {
    const suggestion = SslNegotiationAttributes.nearest(name);
    const meant = protocolVersionNamed(name);
    if (suggestion === undefined || meant === undefined || !TlsProtocols.isProtocol(suggestion)) return suggestion;
    return TlsProtocols.find(suggestion)!.rank === meant.rank ? suggestion : undefined;
  }

  private static nearest(name: string): string | undefined {
    // Every known name is short; edit distances to a huge name would cost seconds and suggest nothing.
    if (name.length > 256) return undefined;
    const all = SslNegotiationAttributes.names();
    if (Object.prototype.hasOwnProperty.call(SYNONYMS, name)) return SYNONYMS[name];
    const lower = name.toLowerCase();
    const sameCase = all.find((n) => n.toLowerCase() === lower);
    if (sameCase) return sameCase;
    let best: string | undefined;
    let bestDistance = Number.MAX_SAFE_INTEGER;
    for (const candidate of all) {
      const d = editDistance(lower, candidate.toLowerCase());
      if (d < bestDistance) {
        bestDistance = d;
        best = candidate;
      }
    }
    if (best && bestDistance <= Math.max(2, Math.floor(name.length / 6))) return best;
    const mine = tokens(name);
    let bestShare = 0;
    let bestByWords: string | undefined;
    for (const candidate of all) {
      const theirs = tokens(candidate);
      const common = mine.filter((t) => theirs.includes(t)).length;
      const share = common / Math.max(mine.length, theirs.length);
      if (share > bestShare) {
        bestShare = share;
        bestByWords = candidate;
      }
    }
    return bestShare >= 0.5 ? bestByWords : undefined;
  }

  private constructor() {}
}
