import { Finding } from '../findings';
import { ResolvedCipherPolicy } from './resolved-cipher-policy';

/** The outcome of resolving a cipher policy: the canonical policy when there is no error, and every finding. */
export interface CipherPolicyResolution {
  /**
   * The canonical policy.
   * @default - undefined when `findings` holds an error
   */
  readonly policy?: ResolvedCipherPolicy;
  /** Every error and warning found. */
  readonly findings: Finding[];
}
