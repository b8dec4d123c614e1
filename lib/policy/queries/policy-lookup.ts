import { PolicyDocument } from '../document/load-balancer-document';
import { PolicyTypes } from '../policy-types/policy-type-catalog';
import { PolicyTypeName } from '../policy-types/policy-type-name';

/*
 * Small lookups the queries share (internal: not exported from the package).
 */

/**
 * The policy called `name`, or undefined. A name two policies share (refused by validation)
 * means the later one, as a map by name would.
 */
export function policyNamed(policies: readonly PolicyDocument[], name: string): PolicyDocument | undefined {
  for (let i = policies.length - 1; i >= 0; i--) if (policies[i].policyName === name) return policies[i];
  return undefined;
}

/** The values of a policy's attributes called `name`, in order. */
export function attributeValues(policy: PolicyDocument, name: string): string[] {
  return policy.attributes.filter((a) => a.name === name).map((a) => a.value);
}

/** The (only) attribute name of a policy type, from the model's catalog (`PublicKey`, `ProxyProtocol`, ...). */
export function soleAttributeName(type: PolicyTypeName): string {
  const attributes = PolicyTypes.find(type)?.attributes ?? [];
  if (attributes.length !== 1) throw new Error(`SECLB_INTERNAL: policy type '${type}' does not have exactly one attribute`);
  return attributes[0].name;
}
