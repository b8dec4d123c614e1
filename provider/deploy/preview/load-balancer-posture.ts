import { LoadBalancerDocument } from '../../../lib/policy';
import { documentSecurityAdvice } from '../../../lib/policy/queries/document-security-advice';
import { listenerCipherPolicy } from '../diff/security-review';

/** One thing a planned load balancer enables that weakens security, judged on its own (not against a prior state). */
export interface PostureFinding {
  /** The rule id, one of `SecurityWarningIds` (e.g. `SECLB_WARN_TLS10_ENABLED`), the same the constructs report at synth. */
  readonly rule: string;
  /** Where, in the reader's terms: `listener 443`. */
  readonly scope: string;
  /** The offending value as the rule quotes it (e.g. `'Protocol-TLSv1'`). */
  readonly value: string;
  /** What it means, from the policy model. */
  readonly message: string;
  /** How to fix it, from the policy model. */
  readonly fix: string;
}

/**
 * The absolute security posture of a planned load balancer (`documentSecurityAdvice`): for every HTTPS/SSL listener, the
 * warnings `SecurityAdvice` gives for the SSL negotiation policy in force (ELB's default when the
 * listener names none), and the listener warnings (an HTTPS/SSL back end without back-end
 * authentication, HTTP without HTTPS). A new or replaced load balancer is judged by this, since
 * it has no prior state a delta could be taken against.
 */
export function loadBalancerPosture(doc: LoadBalancerDocument): PostureFinding[] {
  return documentSecurityAdvice(doc, { sslPolicy: (l) => listenerCipherPolicy(doc, l) })
    .map(({ scope, finding: f }) => ({ rule: f.code, scope, value: f.value, message: f.message, fix: f.fix }));
}
