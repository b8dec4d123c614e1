/** An attribute a policy enables that a TLS server cannot enforce here, and why. */
export interface UnenforceableAttribute {
  /** The ELB attribute name (`Protocol-SSLv3`, `RC4-SHA`, ...). */
  readonly attribute: string;
  /** Why it cannot be offered. */
  readonly reason: string;
}

/** A cipher that is offered but works only under a condition (certificate type, DH parameters, ...). */
export interface CipherCondition {
  /** The ELB cipher name. */
  readonly cipher: string;
  /** What the handshake needs for it, in words. */
  readonly condition: string;
}

/**
 * What a TLS server (Node.js `tls.createSecureContext` / OpenSSL) must be told to enforce one
 * resolved SSL negotiation policy. Nothing the policy enables is dropped silently: what cannot be
 * enforced is listed in `unenforceable`.
 */
export interface TlsServerSettings {
  /** Lowest protocol version to accept (`TLSv1`, `TLSv1.1` or `TLSv1.2`). */
  readonly minVersion: string;
  /** Highest protocol version to accept. Always `TLSv1.2`: Classic ELB never offers TLS 1.3. */
  readonly maxVersion: string;
  /** Versions strictly between min and max that the policy switches off (e.g. `TLSv1.1`): set `SSL_OP_NO_*` for them. */
  readonly disabledVersions: string[];
  /** The versions the server accepts, oldest first: what the policy enables that this TLS library can negotiate. */
  readonly enabledVersions: string[];
  /**
   * True when `enabledVersions` leave a gap, e.g. TLS 1.0 and 1.2 without 1.1. OpenSSL 3 takes the
   * highest version of one context from the lowest unbroken run of versions, so a context with a
   * gap refuses every handshake when no offered cipher exists at that version (TLS 1.2-only suites
   * with TLS 1.0 on). The server must then pick, per connection, a context pinned to the version
   * ELB would negotiate for the client's hello (`TlsVersionNegotiation.choose`).
   */
  readonly versionGap: boolean;
  /** The OpenSSL cipher string, suites in ELB catalog order, with `:@SECLEVEL=0` appended when `securityLevel` is 0. */
  readonly cipherString: string;
  /** The OpenSSL security level the settings need: 0 for TLS 1.0/1.1 or anonymous suites, else 2 (the build's default). */
  readonly securityLevel: number;
  /** Whether the server's order wins (`honorCipherOrder`), from `Server-Defined-Cipher-Order`. */
  readonly honorCipherOrder: boolean;
  /** Whether DHE/ADH suites are offered, so the server needs DH parameters (Node: `dhparam: 'auto'`). */
  readonly needsDhParameters: boolean;
  /** ELB cipher names that made it into `cipherString`, in order. */
  readonly offeredCiphers: string[];
  /** Ciphers offered only under a condition. */
  readonly conditions: CipherCondition[];
  /** Enabled attributes that cannot be enforced here (e.g. SSLv3, RC4 and 3DES suites on OpenSSL 3). */
  readonly unenforceable: UnenforceableAttribute[];
  /** Where the capability facts came from. */
  readonly capabilitySource: string;
  /**
   * False when no enabled protocol or no enabled cipher can be enforced here: every handshake must
   * then be refused (the settings switch every version off), and the engine reports why.
   */
  readonly canNegotiate: boolean;
}
