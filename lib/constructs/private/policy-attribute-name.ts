import { PolicyTypes } from '../../policy/policy-types/policy-type-catalog';
import { PolicyTypeName } from '../../policy/policy-types/policy-type-name';

/**
 * The (only) attribute name of a policy type, read from the model's catalog so the constructs
 * never spell policy facts themselves: `PublicKey`, `PublicKeyPolicyName`, `ProxyProtocol`,
 * `CookieExpirationPeriod`, `CookieName`.
 */
export function attributeNameOf(type: PolicyTypeName): string {
  const attributes = PolicyTypes.find(type)?.attributes ?? [];
  if (attributes.length !== 1) throw new Error(`SECLB_INTERNAL: policy type '${type}' does not have exactly one attribute`);
  return attributes[0].name;
}
