import { CipherCatalog } from '../attributes/cipher-catalog';
import { TlsProtocols } from '../attributes/protocols';
import { SslNegotiationAttributes } from '../attributes/ssl-negotiation-attributes';
import { CipherStrength } from '../attributes/types';

/** How an SSL negotiation attribute, when enabled, bears on security. */
export enum AttributeRisk {
  /** Enabling it allows something broken or deprecated (SSLv3, TLS 1.0/1.1, RC4, 3DES, export, anonymous, ...). */
  WEAK = 'weak',
  /** Enabling it allows something inferior but not broken (no forward secrecy, CBC, SHA-1 MAC, ...). */
  LEGACY = 'legacy',
  /** Enabling it allows only what current guidance recommends (TLS 1.2, ECDHE/DHE with AEAD, server order). */
  STRONG = 'strong',
}

/** The security classification of one SSL negotiation attribute. */
export interface AttributeClassification {
  /** The ELB attribute name. */
  readonly attribute: string;
  /** What enabling it means for security. */
  readonly risk: AttributeRisk;
  /** Why, in words (empty for strong attributes). */
  readonly reason: string;
}

/**
 * Classifies protocols and ciphers of an SSL negotiation policy: SSLv2/v3, TLS 1.0/1.1, RC4, 3DES,
 * DES, export, NULL, anonymous and MD5 are weak, each with its reason. The catalog has no NULL
 * cipher, so NULL never appears.
 */
export class SecurityClassification {
  /** The classification of one attribute, or undefined when the name is not an SSL negotiation attribute. */
  public static ofAttribute(name: string): AttributeClassification | undefined {
    const protocol = TlsProtocols.find(name);
    if (protocol) {
      return { attribute: name, risk: protocol.weak ? AttributeRisk.WEAK : AttributeRisk.STRONG, reason: protocol.reason };
    }
    if (name === SslNegotiationAttributes.SERVER_DEFINED_CIPHER_ORDER) {
      return { attribute: name, risk: AttributeRisk.STRONG, reason: '' };
    }
    const suite = CipherCatalog.find(name);
    if (!suite) return undefined;
    const risk = suite.strength === CipherStrength.WEAK ? AttributeRisk.WEAK
      : suite.strength === CipherStrength.LEGACY ? AttributeRisk.LEGACY : AttributeRisk.STRONG;
    const reason = suite.weaknesses.join(', ');
    return { attribute: name, risk, reason };
  }

  /** The enabled attributes of a policy that are weak (by risk WEAK), in policy order. */
  public static weakAttributes(enabledAttributes: string[]): AttributeClassification[] {
    return enabledAttributes
      .map((a) => SecurityClassification.ofAttribute(a))
      .filter((c): c is AttributeClassification => c !== undefined && c.risk === AttributeRisk.WEAK);
  }

  private constructor() {}
}
