/**
 * A protocol attribute of an SSL negotiation policy. The value is ELB's own attribute name.
 */
export enum TlsProtocol {
  /** SSL 2.0 (`Protocol-SSLv2`). Broken (DROWN); forbidden by RFC 6176. Historic: absent from current ELB output. */
  SSL_V2 = 'Protocol-SSLv2',
  /** SSL 3.0 (`Protocol-SSLv3`). Broken (POODLE); forbidden by RFC 7568. */
  SSL_V3 = 'Protocol-SSLv3',
  /** TLS 1.0 (`Protocol-TLSv1`). Deprecated by RFC 8996. */
  TLS_V1 = 'Protocol-TLSv1',
  /** TLS 1.1 (`Protocol-TLSv1.1`). Deprecated by RFC 8996. */
  TLS_V1_1 = 'Protocol-TLSv1.1',
  /** TLS 1.2 (`Protocol-TLSv1.2`). The newest version Classic ELB offers; it has no TLS 1.3 attribute. */
  TLS_V1_2 = 'Protocol-TLSv1.2',
}

/** How safe a cipher suite is, from ELB's catalog classification. */
export enum CipherStrength {
  /** Ephemeral key exchange and AEAD encryption. */
  STRONG = 'strong',
  /** Not broken but inferior: no forward secrecy, CBC mode, SHA-1 MAC, DSA certificate, SEED, or needs a PSK. */
  LEGACY = 'legacy',
  /** Must not be allowed: RC4, 3DES, DES, export, RC2, IDEA, MD5 MAC, anonymous, SSLv2-only or Kerberos. */
  WEAK = 'weak',
}

/** The kind of certificate key a cipher suite needs on the server. */
export enum CertificateKeyType {
  /** An RSA certificate (the kind ACM issues). */
  RSA = 'RSA',
  /** An ECDSA (EC) certificate. */
  ECDSA = 'ECDSA',
  /** A DSA certificate. */
  DSA = 'DSA',
  /** No certificate at all (anonymous Diffie-Hellman). */
  NONE = 'NONE',
  /** A pre-shared key instead of a certificate (ELB has no setting for one). */
  PSK = 'PSK',
  /** A Kerberos ticket instead of a certificate (obsolete). */
  KERBEROS = 'KERBEROS',
}

/** Whether the OpenSSL build behind Node.js 20 (OpenSSL 3.0) can negotiate a suite, as documented. */
export enum NodeTlsSupport {
  /** Negotiable at OpenSSL's default security level with the right certificate. */
  SUPPORTED = 'supported',
  /** Negotiable only when the conditions in `nodeRequirements` are met. */
  CONDITIONAL = 'conditional',
  /** Compiled out of this OpenSSL build: can never be negotiated here. */
  ABSENT = 'absent',
}

/** A condition a TLS server must meet before OpenSSL 3 negotiates a suite. */
export enum TlsRequirement {
  /** The server needs Diffie-Hellman parameters (Node: `dhparam: 'auto'`). */
  DH_PARAMETERS = 'dh-parameters',
  /** The cipher string needs `@SECLEVEL=0`. */
  SECURITY_LEVEL_0 = 'security-level-0',
  /** Both sides need a pre-shared key callback. */
  PRE_SHARED_KEY = 'pre-shared-key',
}

/** One cipher attribute of ELB's SSLNegotiationPolicyType catalog. */
export interface CipherSuite {
  /** ELB's attribute name (an OpenSSL-style suite name, e.g. `ECDHE-RSA-AES128-GCM-SHA256`). */
  readonly name: string;
  /** The name OpenSSL 1.1+ uses; differs from `name` only for the four renamed `EDH-*` suites. */
  readonly opensslName: string;
  /** The IANA name, or an empty string for SSLv2-only suites, which have none. */
  readonly ianaName: string;
  /** The IANA code point (`0xC02F`), or the 3-byte SSLv2 code. */
  readonly code: string;
  /** Position in ELB's catalog, 1 to 88; also the server preference order. */
  readonly catalogPosition: number;
  /** Key exchange (`ECDHE`, `DHE`, `RSA`, `PSK`, ...). */
  readonly keyExchange: string;
  /** Authentication (`RSA`, `ECDSA`, `DSS`, `none`, ...). */
  readonly authentication: string;
  /** Bulk encryption (`AES-128-GCM`, `3DES-EDE-CBC`, ...). */
  readonly encryption: string;
  /** Message authentication (`AEAD`, `SHA1`, `SHA256`, `MD5`, ...). */
  readonly mac: string;
  /** The oldest protocol that can carry the suite; TLS 1.2 for suites that exist only there. */
  readonly minimumProtocol: TlsProtocol;
  /** True when the key exchange is ephemeral (forward secrecy). */
  readonly forwardSecrecy: boolean;
  /** Security classification. */
  readonly strength: CipherStrength;
  /** Why the suite is legacy or weak (empty for strong suites). */
  readonly weaknesses: string[];
  /** True when the suite was in ELB's catalog before February 2014. */
  readonly introducedBefore2014: boolean;
  /** The certificate key type the server needs for this suite. */
  readonly certificateKeyType: CertificateKeyType;
  /** Whether Node.js 20 / OpenSSL 3.0 can negotiate it (the documented build; engines probe their own). */
  readonly nodeSupport: NodeTlsSupport;
  /** Conditions for `NodeTlsSupport.CONDITIONAL` suites. */
  readonly nodeRequirements: TlsRequirement[];
}
