import { LoadBalancerListenerPolicy } from '@cdktf/provider-aws/lib/load-balancer-listener-policy';
import { Construct } from 'constructs';
import { policyReference, RenderedPolicies } from './policies';

/** One listener port's complete policy list, and what recreates that listener. */
export interface ListenerPolicyInput {
  /** The listener's front-end port. */
  readonly loadBalancerPort: number;
  /** Every policy of the port, in order. */
  readonly policyNames: string[];
  /** Values whose change recreates the listener on AWS (certificate ARN, protocols and ports). */
  readonly triggers: { [key: string]: string };
}

/**
 * Renders one `aws_load_balancer_listener_policy` per listener port that has policies.
 *
 * The API replaces a port's whole list, so exactly one resource owns each port and lists all of its
 * policies (SSL negotiation and stickiness together). `triggers` holds what makes the provider
 * delete and re-create the listener (a new certificate ARN, other ports or protocols): AWS drops the
 * policies of a re-created listener, and the trigger re-sends the list in the same apply.
 */
export function renderListenerPolicies(scope: Construct, loadBalancerName: string, listeners: ListenerPolicyInput[],
  policies: RenderedPolicies): LoadBalancerListenerPolicy[] {
  return listeners.filter((l) => l.policyNames.length > 0).map((l) => new LoadBalancerListenerPolicy(scope, `ListenerPolicy-${l.loadBalancerPort}`, {
    loadBalancerName,
    loadBalancerPort: l.loadBalancerPort,
    policyNames: l.policyNames.map((n) => policyReference(policies, n)),
    triggers: Object.keys(l.triggers).length ? l.triggers : undefined,
  }));
}
