import { CipherPolicies, CipherPolicy, PredefinedPolicies, SecurityPolicy, TlsProtocol } from '../../lib';
import { newStack } from './helpers';

test('without basedOn, the relative form starts from ELB\'s default policy', () => {
  const policy = new CipherPolicy(newStack(), 'Tls', { enable: ['DHE-RSA-AES256-SHA'] }).policy;
  expect(policy.basedOn).toBe(PredefinedPolicies.DEFAULT);
  expect(policy.ciphers).toContain('DHE-RSA-AES256-SHA');
});

test('no props at all is exactly ELB\'s default policy', () => {
  const policy = new CipherPolicy(newStack(), 'Tls').policy;
  expect(policy.contentHash).toBe(CipherPolicies.fromPredefined(SecurityPolicy.ELB_SECURITY_POLICY_2016_08).contentHash);
});

test('the explicit form: exactly the protocols and ciphers given, server order by default', () => {
  const policy = new CipherPolicy(newStack(), 'Strict', {
    protocols: [TlsProtocol.TLS_V1_2], ciphers: ['ECDHE-RSA-AES256-GCM-SHA384', 'ECDHE-RSA-AES128-GCM-SHA256'], serverDefinedCipherOrder: true,
  }).policy;
  expect(policy.protocols).toEqual([TlsProtocol.TLS_V1_2]);
  expect(policy.ciphers).toEqual(['ECDHE-RSA-AES128-GCM-SHA256', 'ECDHE-RSA-AES256-GCM-SHA384']);
  expect(policy.serverDefinedCipherOrder).toBe(true);
  expect(policy.attributes.filter((a) => a.value === 'true').map((a) => a.name))
    .toEqual(['Protocol-TLSv1.2', 'Server-Defined-Cipher-Order', 'ECDHE-RSA-AES128-GCM-SHA256', 'ECDHE-RSA-AES256-GCM-SHA384']);
});

test('the policy name is the construct id plus the content hash: equal content, equal name', () => {
  const stack = newStack();
  const a = new CipherPolicy(stack, 'Tls', { basedOn: SecurityPolicy.ELB_SECURITY_POLICY_TLS_1_2_2017_01 });
  const b = new CipherPolicy(newStack(), 'Tls', { protocols: a.policy.protocols, ciphers: a.policy.ciphers });
  expect(a.policyName).toBe(`Tls-${a.policy.contentHash.slice(0, 8)}`);
  expect(b.policyName).toBe(a.policyName);
});

test('toPolicyDocument() gives the canonical SSLNegotiationPolicyType document with every attribute', () => {
  const doc = new CipherPolicy(newStack(), 'Tls').toPolicyDocument();
  expect(doc.policyTypeName).toBe('SSLNegotiationPolicyType');
  expect(doc.attributes.length).toBeGreaterThanOrEqual(5 + 88);
  expect(doc.attributes.every((a) => a.value === 'true' || a.value === 'false')).toBe(true);
});
