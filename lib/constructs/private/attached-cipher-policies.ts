import { IConstruct } from 'constructs';
import type { CipherPolicy } from '../cipher-policy';
import { throwError } from './errors';
import { ListenerEntry } from './listener-entry';

/**
 * Checks the policies given with `attachCipherPolicy`: each names a port that has a listener, and
 * does not contradict the `cipherPolicy` that listener was declared with.
 */
export function checkAttachedCipherPolicies(scope: IConstruct, listeners: ListenerEntry[], attached: ReadonlyMap<number, CipherPolicy>): void {
  for (const [port, policy] of attached) {
    const owner = listeners.find((e) => e.listener.loadBalancerPort === port);
    if (!owner) {
      throwError(scope, 'SECLB_CIPHER_POLICY_NO_LISTENER', `attachCipherPolicy(${port})`, String(port),
        `attachCipherPolicy(${port}, '${policy.node.id}') names port ${port}, which has no listener.`,
        'An SSL negotiation policy is bound to a listener (SetLoadBalancerPoliciesOfListener).',
        `add a listener on port ${port}, or attach the policy to one of: ${listeners.map((e) => e.listener.loadBalancerPort).join(', ') || 'no listener yet'}.`);
    }
    if (owner.listener.cipherPolicy && owner.listener.cipherPolicy !== policy) {
      throwError(scope, 'SECLB_CIPHER_POLICY_CONFLICT', `${owner.path}.cipherPolicy`, `'${owner.listener.cipherPolicy.node.id}'`,
        `${owner.path}.cipherPolicy is '${owner.listener.cipherPolicy.node.id}' but attachCipherPolicy(${port}) gives '${policy.node.id}'.`,
        'A listener has one SSL negotiation policy.',
        'keep one of them.');
    }
  }
}
