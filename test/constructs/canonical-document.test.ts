import { Testing } from 'cdktf';
import { WalkthroughStack } from '../../examples/walkthrough/walkthrough-stack';
import { CipherPolicy, LoadBalancerDocuments, SecureClassicLoadBalancer } from '../../lib';
import { WALKTHROUGH_NAMES } from '../policy/fixtures/walkthrough-document';
import { certificates, newStack } from './helpers';

/*
 * The constructs speak the same canonical model as the deploy core and the engine: the document
 * they hand to a target passes the model's codec unchanged, and the walk-through's SSL policy gets
 * the same content-hashed name as the model's walk-through fixture.
 */

test('the walk-through\'s SSL policy name equals the model fixture\'s (same content, same hash)', () => {
  const policy = new CipherPolicy(newStack(), 'MySSLNegotiationPolicy', { enable: ['Protocol-TLSv1', 'DHE-RSA-AES256-SHA'], disable: ['Protocol-SSLv3'] });
  expect(policy.policyName).toBe(WALKTHROUGH_NAMES.sslPolicy());
});

test('the walk-through document round-trips through LoadBalancerDocuments (serialize, parse) with no finding', () => {
  const stack = new WalkthroughStack(Testing.app(), 'walkthrough', { certificates: certificates() });
  const lb = stack.node.findChild('MyLoadBalancer') as SecureClassicLoadBalancer;
  Testing.synth(stack);
  const doc = lb.toDocument();
  const parsed = LoadBalancerDocuments.parse(LoadBalancerDocuments.serialize(doc));
  expect(parsed.findings).toEqual([]);
  expect(LoadBalancerDocuments.revision(parsed.document!)).toBe(LoadBalancerDocuments.revision(doc));
  expect(doc.policies.map((p) => p.policyTypeName).sort()).toEqual(['BackendServerAuthenticationPolicyType', 'PublicKeyPolicyType', 'SSLNegotiationPolicyType']);
  expect(doc.backendServers).toEqual([{ instancePort: 443, policyNames: [expect.stringMatching(/^MyBackendServerAuthenticationPolicy-[0-9a-f]{8}$/)] }]);
});
