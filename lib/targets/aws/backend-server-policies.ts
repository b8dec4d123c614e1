import { LoadBalancerBackendServerPolicy } from '@cdktf/provider-aws/lib/load-balancer-backend-server-policy';
import { Construct } from 'constructs';
import { BackendServerDocument } from '../../policy/document/load-balancer-document';
import { policyReference, RenderedPolicies } from './policies';

/**
 * Renders one `aws_load_balancer_backend_server_policy` per instance port that has policies: the
 * port's complete list (back-end authentication and proxy protocol together), because the API
 * replaces the whole list. `aws_proxy_protocol_policy` is never used (it would fight this resource).
 */
export function renderBackendServerPolicies(scope: Construct, loadBalancerName: string, servers: BackendServerDocument[],
  policies: RenderedPolicies): LoadBalancerBackendServerPolicy[] {
  return servers.filter((s) => s.policyNames.length > 0).map((s) => new LoadBalancerBackendServerPolicy(scope, `BackendServerPolicy-${s.instancePort}`, {
    loadBalancerName,
    instancePort: s.instancePort,
    policyNames: s.policyNames.map((n) => policyReference(policies, n)),
  }));
}
