import 'cdktf/lib/testing/adapters/jest';
import { LoadBalancerBackendServerPolicy } from '@cdktf/provider-aws/lib/load-balancer-backend-server-policy';
import { Testing } from 'cdktf';
import { createPublicKey, generateKeyPairSync, X509Certificate } from 'crypto';
import { BackendAuth, ListenerProtocol, SecureClassicLoadBalancer, ServerCertificate } from '../../lib';
import { Construct } from 'constructs';
import { annotations, certificates, newStack, resources, synthJson } from './helpers';

const certs = certificates();
const spki = new X509Certificate(certs.backendCertPem).publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
const secondKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ type: 'spki', format: 'pem' }) as string;

function lbWithHttps443(s: Construct): SecureClassicLoadBalancer {
  return new SecureClassicLoadBalancer(s, 'Lb', { availabilityZones: ['us-east-1a'], listeners: [{ loadBalancerPort: 443, protocol: ListenerProtocol.SSL, instanceProtocol: ListenerProtocol.SSL,
    certificate: ServerCertificate.fromArn(s, 'Cert', 'arn:aws:iam::123456789012:server-certificate/x') }] });
}

test('accepts a certificate, a PEM public key and bare base64, all normalised to the same SPKI', () => {
  const pem = createPublicKey(certs.backendCertPem).export({ type: 'spki', format: 'pem' }) as string;
  for (const input of [certs.backendCertPem, pem, spki]) {
    const auth = new BackendAuth(newStack(), 'Auth', { loadBalancer: SecureClassicLoadBalancer.fromLoadBalancerName(newStack(), 'Old', 'old'), instancePort: 443, publicKeys: [input] });
    expect(auth.publicKeys).toEqual([spki]);
  }
});

test('one PublicKeyPolicyType policy per key, one authentication policy naming all of them', () => {
  const json = synthJson((s) => new BackendAuth(s, 'Auth', { loadBalancer: lbWithHttps443(s), instancePort: 443, publicKeys: [certs.backendCertPem, secondKey] }));
  const policies = resources(json, 'aws_load_balancer_policy');
  const keys = policies.filter((p) => p.policy_type_name === 'PublicKeyPolicyType');
  expect(keys.map((k) => k.policy_name.replace(/-[0-9a-f]{8}$/, '')).sort()).toEqual(['Auth-PublicKey1', 'Auth-PublicKey2']);
  const auth = policies.find((p) => p.policy_type_name === 'BackendServerAuthenticationPolicyType');
  expect(auth.policy_attribute).toHaveLength(2);
  expect(auth.policy_attribute.every((a: any) => a.name === 'PublicKeyPolicyName' && a.value.startsWith('${aws_load_balancer_policy.'))).toBe(true);
});

test('binds the authentication policy to the instance port', () => {
  const synthesized = Testing.synthScope((s) => new BackendAuth(s, 'Auth', { loadBalancer: lbWithHttps443(s), instancePort: 443, publicKeys: [spki] }));
  expect(synthesized).toHaveResourceWithProperties(LoadBalancerBackendServerPolicy, { instance_port: 443, policy_names: [expect.stringMatching(/Policy-Auth_.*\.policy_name\}$/)] });
});

test('attaches to a load balancer this stack did not create, by literal name', () => {
  const synthesized = Testing.synthScope((s) => new BackendAuth(s, 'Auth', {
    loadBalancer: SecureClassicLoadBalancer.fromLoadBalancerName(s, 'Legacy', 'legacy-elb'), instancePort: 443, publicKeys: [spki],
  }));
  expect(synthesized).toHaveResourceWithProperties(LoadBalancerBackendServerPolicy, { load_balancer_name: 'legacy-elb', instance_port: 443 });
  expect(JSON.parse(synthesized).resource.aws_load_balancer_policy).toBeDefined();
});

test('on an imported load balancer there are no warnings about listeners this stack cannot see', () => {
  const stack = newStack();
  new BackendAuth(stack, 'Auth', { loadBalancer: SecureClassicLoadBalancer.fromLoadBalancerName(stack, 'Legacy', 'legacy-elb'), instancePort: 443, publicKeys: [spki] });
  Testing.synth(stack);
  expect(annotations(stack, 'warn')).toEqual([]);
});
