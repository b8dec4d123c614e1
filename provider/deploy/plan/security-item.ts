import { SecurityEffect } from '../../../lib/policy';
import { ChangeOrigin } from './plan-change';

/**
 * One security-relevant difference in a plan: an SSL negotiation attribute that changes on a
 * listener (classified by the policy model's `SecurityComparison`), or a structural change such as
 * back-end authentication removed from an instance port.
 */
export interface SecurityItem {
  /** Where it applies, in the user's terms: `listener 443`, `instance port 8443`. */
  readonly scope: string;
  /** The attribute that changes, e.g. `Protocol-TLSv1` or `backend authentication`. */
  readonly attribute: string;
  /** Its live value (`true`/`false` for SSL attributes). */
  readonly before: string;
  /** Its desired value. */
  readonly after: string;
  /** Weakens or strengthens security. */
  readonly effect: SecurityEffect;
  /** Why, in words (from the policy model). */
  readonly reason: string;
  /**
   * The policy in force before (live).
   * @default - none
   */
  readonly beforePolicy?: string;
  /**
   * The policy in force after.
   * @default - none
   */
  readonly afterPolicy?: string;
  /** Whether the change reverts drift or is the user's own change. */
  readonly origin: ChangeOrigin;
}
