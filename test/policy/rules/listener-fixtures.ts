import { ListenerDocument } from '../../../lib/policy/document/load-balancer-document';
import { ListenerProtocol } from '../../../lib/policy/document/listener-protocol';

/** A listener for rule tests. */
export function listener(loadBalancerPort: number, protocol: string, instancePort: number, instanceProtocol: string, policyNames: string[] = [], sslCertificateId?: string): ListenerDocument {
  return {
    loadBalancerPort,
    protocol: protocol as ListenerProtocol,
    instancePort,
    instanceProtocol: instanceProtocol as ListenerProtocol,
    policyNames,
    ...(sslCertificateId !== undefined ? { sslCertificateId } : {}),
  };
}
