import { BackendServerDocument } from '../../policy/document/load-balancer-document';
import { ContentHash } from '../../policy/hashing/content-hash';
import { PolicyTypeName } from '../../policy/policy-types/policy-type-name';
import { CipherPolicies } from '../../policy/resolution/cipher-policies';
import type { IBackendAuth } from '../backend-auth-interface';
import { attributeNameOf } from './policy-attribute-name';
import { PolicyCollector } from './policy-collector';

/**
 * The back-end part of the document: per instance port (sorted), the back-end authentication
 * policies of each `BackendAuth` and the one Proxy Protocol policy of the ports that send its
 * header; their documents go to `policies`.
 */
export function backendServerDocuments(backendAuths: IBackendAuth[], proxyProtocolPorts: number[], policies: PolicyCollector): BackendServerDocument[] {
  const byPort = new Map<number, string[]>();
  const onPort = (port: number, name: string) => {
    const list = byPort.get(port) ?? [];
    if (!list.includes(name)) list.push(name);
    byPort.set(port, list);
  };
  for (const auth of backendAuths) {
    auth.toPolicyDocuments().forEach((doc) => policies.add(doc));
    onPort(auth.instancePort, auth.policyName);
  }
  if (proxyProtocolPorts.length) {
    const attributes = [{ name: attributeNameOf(PolicyTypeName.PROXY_PROTOCOL), value: 'true' }];
    const name = policies.add({ policyName: CipherPolicies.policyName('ProxyProtocol', ContentHash.of(attributes)), policyTypeName: PolicyTypeName.PROXY_PROTOCOL, attributes });
    proxyProtocolPorts.forEach((port) => onPort(port, name));
  }
  return [...byPort.entries()].sort(([a], [b]) => a - b).map(([instancePort, policyNames]) => ({ instancePort, policyNames }));
}
