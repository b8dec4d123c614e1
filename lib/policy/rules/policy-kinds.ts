import { PolicyDocument } from '../document/load-balancer-document';
import { PolicyTypeName } from '../policy-types/policy-type-name';
import { PredefinedPolicies } from '../predefined/predefined-policies';

/**
 * The policy type a policy name refers to within a load balancer (internal helper of the binding
 * rules): the type of the policy of that name, `SSLNegotiationPolicyType` for the name of a
 * predefined security policy ELB materialises on its own, or undefined when the name is unknown.
 */
export function policyTypeOf(name: string, policies: PolicyDocument[]): string | undefined {
  const own = policies.find((p) => p.policyName === name);
  if (own) return own.policyTypeName;
  if (PredefinedPolicies.find(name)) return PolicyTypeName.SSL_NEGOTIATION;
  return undefined;
}

/** True for the two stickiness policy types. */
export function isStickiness(type: string | undefined): boolean {
  return type === PolicyTypeName.LB_COOKIE_STICKINESS || type === PolicyTypeName.APP_COOKIE_STICKINESS;
}
