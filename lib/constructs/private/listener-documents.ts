import { ListenerDocument } from '../../policy/document/load-balancer-document';
import { ContentHash } from '../../policy/hashing/content-hash';
import { CipherPolicies } from '../../policy/resolution/cipher-policies';
import type { CipherPolicy } from '../cipher-policy';
import { instancePortOf, ListenerEntry } from './listener-entry';
import { PolicyCollector } from './policy-collector';

/**
 * The listener part of the document, in the order the listeners were added: ports and protocols
 * (instance side defaulting to the front end's), the certificate, and the names of the listener's
 * SSL negotiation and stickiness policies, whose documents go to `policies`.
 *
 * @param cipherPolicyOf the listener's cipher policy, declared or attached
 */
export function listenerDocuments(entries: ListenerEntry[], cipherPolicyOf: (entry: ListenerEntry) => CipherPolicy | undefined,
  policies: PolicyCollector): ListenerDocument[] {
  return entries.map((e) => {
    const l = e.listener;
    const names: string[] = [];
    const cipherPolicy = cipherPolicyOf(e);
    if (cipherPolicy) {
      policies.add(cipherPolicy.toPolicyDocument());
      names.push(cipherPolicy.policyName);
    }
    if (l.stickiness) {
      names.push(policies.add({
        policyName: CipherPolicies.policyName(l.stickiness.policyNameStem, ContentHash.of(l.stickiness.attributes)),
        policyTypeName: l.stickiness.policyTypeName,
        attributes: l.stickiness.attributes.slice(),
      }));
    }
    return {
      loadBalancerPort: l.loadBalancerPort,
      protocol: l.protocol,
      instancePort: instancePortOf(l),
      instanceProtocol: l.instanceProtocol ?? l.protocol,
      sslCertificateId: l.certificate?.certificateArn,
      policyNames: names,
    };
  });
}
