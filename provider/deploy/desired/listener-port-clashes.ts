import { LoadBalancerDocument } from '../../../lib/policy';
import { DeployErrors } from '../errors';

/**
 * Refuses, before anything is planned, two load balancers that would bind the same local listener
 * port on the engine: two of the stack's own, or one of the stack's and one live on the engine that
 * the stack does not declare (another stack's). The engine binds every listener on 127.0.0.1, so a
 * port serves one load balancer; on AWS each has its own DNS name, which is why an app may declare
 * 443 twice and the local target maps them apart (docs/local-target.md).
 *
 * @param desired the stack's documents (local ports)
 * @param live the engine's documents
 * @throws DeployError SECLB_DEPLOY_LISTENER_PORT_CLASH naming the port and both load balancers
 */
export function checkListenerPortClashes(desired: LoadBalancerDocument[], live: Iterable<LoadBalancerDocument> = []): void {
  const owners = new Map<number, string>();
  for (const doc of desired) {
    for (const l of doc.listeners) {
      const owner = owners.get(l.loadBalancerPort);
      if (owner !== undefined && owner !== doc.name) throw DeployErrors.listenerPortClash(l.loadBalancerPort, owner, doc.name, true);
      owners.set(l.loadBalancerPort, doc.name);
    }
  }
  const declared = new Set(desired.map((d) => d.name));
  for (const doc of live) {
    if (declared.has(doc.name)) continue;
    for (const l of doc.listeners) {
      const owner = owners.get(l.loadBalancerPort);
      if (owner !== undefined) throw DeployErrors.listenerPortClash(l.loadBalancerPort, owner, doc.name, false);
    }
  }
}
