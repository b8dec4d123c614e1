import { TlsProtocol } from '../attributes/types';
import { SecurityPolicy } from '../predefined/security-policy';

/**
 * What a user writes to describe an SSL negotiation policy.
 *
 * Two ways, not to be mixed:
 * - relative: `basedOn` a predefined policy (default: ELB's default policy), plus the attributes
 *   in `enable`, minus those in `disable`;
 * - explicit: exactly the `protocols` and `ciphers` listed.
 */
export interface CipherPolicySpec {
  /**
   * The predefined policy to start from.
   * @default - `PredefinedPolicies.DEFAULT` (ELBSecurityPolicy-2016-08) when neither `protocols` nor `ciphers` is given
   */
  readonly basedOn?: SecurityPolicy;
  /**
   * Attribute names to switch on: protocols (`Protocol-TLSv1`), ciphers, or `Server-Defined-Cipher-Order`.
   * @default - nothing added
   */
  readonly enable?: string[];
  /**
   * Attribute names to switch off.
   * @default - nothing removed
   */
  readonly disable?: string[];
  /**
   * The exact protocols to allow (explicit form).
   * @default - those of `basedOn`
   */
  readonly protocols?: TlsProtocol[];
  /**
   * The exact cipher names to allow, in any order (explicit form; the server order is ELB's catalog order).
   * @default - those of `basedOn`
   */
  readonly ciphers?: string[];
  /**
   * Whether the server's cipher order wins over the client's.
   * @default - that of `basedOn`; true in the explicit form
   */
  readonly serverDefinedCipherOrder?: boolean;
}
