import { TlsProtocol } from '../attributes/types';
import { PolicyAttribute } from './policy-attribute';

/**
 * An SSL negotiation policy in canonical form: every attribute explicit, so nothing depends on
 * AWS-side defaults. Both targets and the engine use this form.
 */
export interface ResolvedCipherPolicy {
  /** Enabled protocols, oldest first. */
  readonly protocols: TlsProtocol[];
  /** Enabled ciphers, in catalog (server preference) order. */
  readonly ciphers: string[];
  /** Whether the server's cipher order wins. */
  readonly serverDefinedCipherOrder: boolean;
  /**
   * The complete attribute set: `Protocol-SSLv3` to `Protocol-TLSv1.2`, `Server-Defined-Cipher-Order`
   * and all 88 ciphers, each `true` or `false`, in that order. (`Protocol-SSLv2`, which current ELB no
   * longer lists, appears only when enabled.)
   */
  readonly attributes: PolicyAttribute[];
  /** SHA-256 of the attribute set: equal content, equal hash, however the policy was written. */
  readonly contentHash: string;
  /**
   * The predefined policy it was derived from, for display only (not part of the content).
   * @default - none (explicit form)
   */
  readonly basedOn?: string;
}
