import { checkPolicyNamesUnique } from '../../../lib/policy/rules/policy-name-unique';
import { expectOnly } from './expect-finding';

const policy = (policyName: string) => ({ policyName, policyTypeName: 'ProxyProtocolPolicyType', attributes: [{ name: 'ProxyProtocol', value: 'true' }] });

describe('checkPolicyNamesUnique', () => {
  test('accepts distinct names', () => {
    expect(checkPolicyNamesUnique('policies', [policy('a'), policy('b')])).toEqual([]);
  });

  test('rejects a repeated name', () => {
    const f = expectOnly(checkPolicyNamesUnique('policies', [policy('a'), policy('b'), policy('a')]), 'SECLB_POLICY_DUPLICATE_NAME',
      /^policies\[2\]\.policyName is 'a', which policies\[0\] already uses\.$/);
    expect(f.path).toBe('policies[2].policyName');
  });
});
