import { Testing } from 'cdktf';
import { WalkthroughStack, WALKTHROUGH_CIPHER_POLICY } from '../../../examples/walkthrough/walkthrough-stack';
import { CipherPolicyProps } from '../../../lib';
import { certificates } from '../../constructs/helpers';

/*
 * ELB policies are immutable: the synthesized JSON must make Terraform create a changed policy
 * under a new name, rebind the listener, then delete the old one. That is: a stable address, a
 * content-hashed policy_name (forces replacement), create_before_destroy, and binders that
 * reference the policy resource (the dependency edge that orders "rebind before delete").
 */

const certs = certificates();
const synth = (cipherPolicy?: CipherPolicyProps) =>
  JSON.parse(Testing.synth(new WalkthroughStack(Testing.app(), 'walkthrough', { certificates: certs, cipherPolicy })));
const before = synth();
const after = synth({ ...WALKTHROUGH_CIPHER_POLICY, disable: ['Protocol-SSLv3', 'Protocol-TLSv1'], enable: ['DHE-RSA-AES256-SHA'] });
const sslAddress = (json: any) => Object.keys(json.resource.aws_load_balancer_policy).find((k) => k.includes('MySSLNegotiationPolicy'))!;

test('a cipher change keeps the resource address and changes only the policy name and attributes', () => {
  expect(sslAddress(after)).toBe(sslAddress(before));
  const b = before.resource.aws_load_balancer_policy[sslAddress(before)];
  const a = after.resource.aws_load_balancer_policy[sslAddress(after)];
  expect(a.policy_name).not.toBe(b.policy_name);
  expect(a.policy_name.replace(/[0-9a-f]{8}$/, '')).toBe(b.policy_name.replace(/[0-9a-f]{8}$/, ''));
  expect(a.policy_attribute).not.toEqual(b.policy_attribute);
});

test('every policy is create_before_destroy, so the new one exists before the old one is deleted', () => {
  for (const policy of Object.values<any>(after.resource.aws_load_balancer_policy)) {
    expect(policy.lifecycle).toEqual({ create_before_destroy: true });
  }
});

test('the listener policy references the policy resource, so it is rebound before the old policy is deleted', () => {
  const binder = Object.values<any>(after.resource.aws_load_balancer_listener_policy)[0];
  expect(binder.policy_names).toEqual([`\${aws_load_balancer_policy.${sslAddress(after)}.policy_name}`]);
  expect(binder.lifecycle).toBeUndefined();
});

test('the back-end authentication policy references its key policy, so a key rotation replaces both in order', () => {
  const policies = after.resource.aws_load_balancer_policy;
  const keyAddress = Object.keys(policies).find((k) => k.includes('PublicKey'))!;
  const auth = Object.values<any>(policies).find((p) => p.policy_type_name === 'BackendServerAuthenticationPolicyType');
  expect(auth.policy_attribute).toEqual([{ name: 'PublicKeyPolicyName', value: `\${aws_load_balancer_policy.${keyAddress}.policy_name}` }]);
});

test('unchanged policies keep their names (no needless replacement)', () => {
  const names = (json: any) => Object.values<any>(json.resource.aws_load_balancer_policy)
    .filter((p) => p.policy_type_name !== 'SSLNegotiationPolicyType').map((p) => p.policy_name).sort();
  expect(names(after)).toEqual(names(before));
});
