import { LoadBalancerDocument } from '../document/load-balancer-document';
import { PolicyTypeName } from '../policy-types/policy-type-name';
import { attributeValues, policyNamed, soleAttributeName } from './policy-lookup';

/**
 * The instance ports whose connections start with a Proxy Protocol v1 header: ports whose
 * back-end server binding names a `ProxyProtocolPolicyType` policy with `ProxyProtocol` 'true'.
 *
 * @param doc the load balancer's document
 */
export function proxyProtocolPorts(doc: LoadBalancerDocument): Set<number> {
  const attribute = soleAttributeName(PolicyTypeName.PROXY_PROTOCOL);
  const ports = new Set<number>();
  for (const b of doc.backendServers) {
    for (const name of b.policyNames) {
      const p = policyNamed(doc.policies, name);
      if (p?.policyTypeName === PolicyTypeName.PROXY_PROTOCOL && attributeValues(p, attribute)[0] === 'true') ports.add(b.instancePort);
    }
  }
  return ports;
}
