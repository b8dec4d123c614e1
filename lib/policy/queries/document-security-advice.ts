import { ListenerDocument, LoadBalancerDocument } from '../document/load-balancer-document';
import { Finding } from '../findings';
import { PredefinedPolicies } from '../predefined/predefined-policies';
import { ResolvedCipherPolicy } from '../resolution/resolved-cipher-policy';
import { SecurityAdvice } from '../security/security-advice';
import { authenticatedInstancePorts } from './backend-pins';
import { effectiveSslPolicy } from './effective-ssl-policy';

/** An SSL negotiation policy as the advice names and judges it. */
export interface AdvisedSslPolicy {
  /** How messages name it, e.g. the policy's name, or a label for ELB's default. */
  readonly name: string;
  /** The canonical policy judged. */
  readonly policy: ResolvedCipherPolicy;
}

/** How `documentSecurityAdvice` names listeners and finds their policies. */
export interface DocumentAdviceOptions {
  /**
   * How messages name a listener.
   * @default - `listener <loadBalancerPort>`
   */
  readonly listenerLabel?: (listener: ListenerDocument) => string;
  /**
   * The SSL negotiation policy to judge on a listener, or undefined for none.
   * @default - the effective SSL policy (`effectiveSslPolicy`) when it resolves, named by its policy name or `<default> (ELB default)`
   */
  readonly sslPolicy?: (listener: ListenerDocument) => AdvisedSslPolicy | undefined;
}

/** One piece of the model's security advice about a document. */
export interface DocumentAdvice {
  /** The listener it concerns, as `listenerLabel` names it (for HTTP without HTTPS: the first HTTP listener). */
  readonly scope: string;
  /**
   * The SSL negotiation policy it is about.
   * @default - none: the advice is about the listeners, not a policy
   */
  readonly sslPolicy?: AdvisedSslPolicy;
  /** The warning (`SecurityAdvice`): its code is a `SecurityWarningIds` rule id. */
  readonly finding: Finding;
}

/**
 * The security advice for a whole document, judged on what it enables: for each HTTPS/SSL
 * listener, in document order, the warnings about the SSL negotiation policy in force (weak
 * protocols and ciphers, client cipher order); then the warnings about the listeners (an HTTPS/SSL
 * back end whose instance port has no back-end authentication, HTTP without HTTPS). The deploy
 * core reviews a new load balancer and the AWS preview judges a planned one with this.
 *
 * @param doc the load balancer's document
 * @param options how listeners are named and their policies found
 */
export function documentSecurityAdvice(doc: LoadBalancerDocument, options: DocumentAdviceOptions = {}): DocumentAdvice[] {
  const label = options.listenerLabel ?? ((l: ListenerDocument) => `listener ${l.loadBalancerPort}`);
  const sslPolicy = options.sslPolicy ?? modelSslPolicy(doc);
  const out: DocumentAdvice[] = [];
  for (const listener of doc.listeners) {
    const policy = sslPolicy(listener);
    if (!policy) continue;
    const scope = label(listener);
    for (const finding of SecurityAdvice.forCipherPolicy(policy.policy, `policy '${policy.name}'`, scope)) {
      out.push({ scope, sslPolicy: policy, finding });
    }
  }
  const authenticated = [...authenticatedInstancePorts(doc).keys()];
  for (const finding of SecurityAdvice.forListeners(doc.listeners, authenticated, doc.listeners.map(label))) {
    out.push({ scope: finding.path.replace(/\.instanceProtocol$/, ''), finding });
  }
  return out;
}

function modelSslPolicy(doc: LoadBalancerDocument): (listener: ListenerDocument) => AdvisedSslPolicy | undefined {
  return (listener) => {
    const effective = effectiveSslPolicy(doc, listener);
    const policy = effective?.resolution.policy;
    if (!effective || !policy) return undefined;
    return { name: effective.policy?.policyName ?? `${PredefinedPolicies.DEFAULT} (ELB default)`, policy };
  };
}
