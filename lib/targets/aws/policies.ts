import { LoadBalancerPolicy } from '@cdktf/provider-aws/lib/load-balancer-policy';
import { Construct } from 'constructs';
import { PolicyDocument } from '../../policy/document/load-balancer-document';
import { PolicyTypes } from '../../policy/policy-types/policy-type-catalog';

/** The rendered policies of one load balancer, by policy name. */
export type RenderedPolicies = Map<string, LoadBalancerPolicy>;

/**
 * The construct id of a policy resource: its name without the content-hash suffix, so the
 * Terraform address stays the same when the content (and therefore the name) changes, and a change
 * is planned as a replacement of that address.
 */
export function policyConstructId(policyName: string): string {
  return `Policy-${policyName.replace(/-[0-9a-f]{8}$/, '')}`;
}

/** Names of the attributes of a policy type whose values name other policies (`PublicKeyPolicyName`). */
function referenceAttributes(policyTypeName: string): Set<string> {
  const type = PolicyTypes.find(policyTypeName);
  return new Set((type?.attributes ?? []).filter((a) => a.attributeType === 'PolicyName').map((a) => a.name));
}

/**
 * Renders each canonical policy as one `aws_load_balancer_policy` with its complete attribute set.
 *
 * Policies are immutable and named from their content (`CipherPolicies.policyName`), so a change of
 * content is a new `policy_name`, which the provider treats as a replacement. With
 * `create_before_destroy` Terraform then creates the new policy, updates every binder that lists
 * it (listener and back-end policies), and only then deletes the old one: no DuplicatePolicyName
 * (the names differ) and no "policy in use" (nothing refers to the old one any more).
 *
 * Attributes that name another policy (a back-end authentication policy's `PublicKeyPolicyName`)
 * are written as references to that policy's resource, so Terraform creates the key policy first
 * and deletes it last.
 *
 * Caveat (aws-provider-facts §15 item 10): Terraform extends `create_before_destroy` to what the
 * policies depend on, including the `aws_elb`. Replacing the load balancer itself (a new name,
 * `internal`, all subnets) then needs the old one removed by hand first.
 */
export function renderPolicies(scope: Construct, loadBalancerName: string, policies: PolicyDocument[]): RenderedPolicies {
  const rendered: RenderedPolicies = new Map();
  const pending = policies.slice();
  // Referenced policies first; a reference to an unknown name stays a literal.
  while (pending.length) {
    const index = pending.findIndex((p) => {
      const refs = referenceAttributes(p.policyTypeName);
      return p.attributes.every((a) => !refs.has(a.name) || rendered.has(a.value) || !pending.some((q) => q.policyName === a.value));
    });
    const policy = pending.splice(index < 0 ? 0 : index, 1)[0];
    const refs = referenceAttributes(policy.policyTypeName);
    rendered.set(policy.policyName, new LoadBalancerPolicy(scope, policyConstructId(policy.policyName), {
      loadBalancerName,
      policyName: policy.policyName,
      policyTypeName: policy.policyTypeName,
      policyAttribute: policy.attributes.map((a) => ({
        name: a.name,
        value: refs.has(a.name) && rendered.has(a.value) ? rendered.get(a.value)!.policyName : a.value,
      })),
      lifecycle: { createBeforeDestroy: true },
    }));
  }
  return rendered;
}

/** A policy name as a reference to its resource when this stack renders it, else the literal name. */
export function policyReference(policies: RenderedPolicies, name: string): string {
  return policies.get(name)?.policyName ?? name;
}
