import { checkPolicyReferences } from '../../../lib/policy/rules/policy-references';
import { expectOnly } from './expect-finding';
import { listener } from './listener-fixtures';
import { POLICIES } from './policy-fixtures';

describe('checkPolicyReferences', () => {
  test('accepts existing policies and predefined names on listeners', () => {
    expect(checkPolicyReferences(POLICIES, 'policies', [listener(443, 'HTTPS', 443, 'HTTPS', ['tls', 'ELBSecurityPolicy-2016-08'], 'c')], 'listeners',
      [{ instancePort: 443, policyNames: ['auth'] }], 'backendServers')).toEqual([]);
  });

  test('rejects an unknown listener policy and suggests a close name', () => {
    const f = expectOnly(checkPolicyReferences(POLICIES, 'policies', [listener(80, 'HTTP', 80, 'HTTP', ['stiky'])], 'listeners', [], 'backendServers'),
      'SECLB_POLICY_NOT_FOUND', /^listeners\[0\]\.policyNames\[0\] is 'stiky', which is not a policy of this load balancer\. Did you mean 'sticky'\?$/);
    expect(f.path).toBe('listeners[0].policyNames[0]');
  });

  test('rejects an unknown back-end policy', () => {
    expectOnly(checkPolicyReferences(POLICIES, 'policies', [], 'listeners', [{ instancePort: 443, policyNames: ['nothing-like-it'] }], 'backendServers'),
      'SECLB_POLICY_NOT_FOUND', /^backendServers\[0\]\.policyNames\[0\] is 'nothing-like-it', which is not a policy of this load balancer\.$/);
  });

  test('rejects a PublicKeyPolicyName that names a missing policy', () => {
    const policies = [...POLICIES, { policyName: 'auth2', policyTypeName: 'BackendServerAuthenticationPolicyType', attributes: [{ name: 'PublicKeyPolicyName', value: 'gone' }] }];
    expectOnly(checkPolicyReferences(policies, 'policies', [], 'listeners', [], 'backendServers'), 'SECLB_POLICY_NOT_FOUND',
      /^policies\[7\]\.attributes\[0\]\.value is 'gone'/);
  });

  test('rejects a PublicKeyPolicyName that names a policy of another type', () => {
    const policies = [...POLICIES, { policyName: 'auth2', policyTypeName: 'BackendServerAuthenticationPolicyType', attributes: [{ name: 'PublicKeyPolicyName', value: 'proxy' }] }];
    const f = expectOnly(checkPolicyReferences(policies, 'policies', [], 'listeners', [], 'backendServers'), 'SECLB_POLICY_NOT_A_PUBLIC_KEY_POLICY',
      /^policies\[7\]\.attributes\[0\]\.value is 'proxy', a ProxyProtocolPolicyType policy, not a PublicKeyPolicyType policy\.$/);
    expect(f.fix).toMatch(/'key'/);
  });
});
