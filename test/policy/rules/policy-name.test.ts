import { checkPolicyName } from '../../../lib/policy/rules/policy-name';
import { expectOnly } from './expect-finding';

describe('checkPolicyName', () => {
  test('accepts letters, digits and hyphens', () => {
    expect(checkPolicyName('policies[0].policyName', 'MySSLNegotiationPolicy-1a2b3c4d', 'SSLNegotiationPolicyType')).toEqual([]);
  });

  test('rejects other characters', () => {
    expectOnly(checkPolicyName('policies[0].policyName', 'my_policy', 'LBCookieStickinessPolicyType'), 'SECLB_POLICY_NAME_INVALID',
      /^policies\[0\]\.policyName is 'my_policy', which is not made of letters, digits and hyphens only\.$/);
  });

  test.each(['ELBSecurityPolicy-Mine', 'ELBSample-Mine'])('rejects the reserved name %s for a custom SSL policy', (name) => {
    expectOnly(checkPolicyName('p', name, 'SSLNegotiationPolicyType'), 'SECLB_POLICY_NAME_RESERVED', /starts with the reserved prefix 'ELB(SecurityPolicy|Sample)-'/);
  });

  test('accepts a reserved name for ELB\'s own copy of the predefined policy', () => {
    expect(checkPolicyName('p', 'ELBSecurityPolicy-2016-08', 'SSLNegotiationPolicyType', true)).toEqual([]);
  });

  test('leaves other policy types alone', () => {
    expect(checkPolicyName('p', 'ELBSample-sticky', 'LBCookieStickinessPolicyType')).toEqual([]);
  });
});
