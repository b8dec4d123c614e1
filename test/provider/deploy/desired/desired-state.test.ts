import { Testing, TerraformStack } from 'cdktf';
import { CipherPolicy, SecureClassicLoadBalancer, SecurityPolicy, ListenerProtocol, ServerCertificate } from '../../../../lib';
import { certificates } from '../../../constructs/helpers';
import { readLocalStack } from '../../../../provider/deploy/desired/local-stack';
import { resolveDesiredState } from '../../../../provider/deploy/desired/desired-state';
import { LoadBalancerDocument } from '../../../../lib/policy';

function stacks(protocol = ListenerProtocol.SSL) {
  const app = Testing.app({ context: { 'seclb:target': 'local' } });
  const owner = new TerraformStack(app, 'owner');
  const { certPem, keyPem, chainPem } = certificates();
  const certificate = protocol === ListenerProtocol.SSL ? new ServerCertificate(owner, 'Cert', { name: 'cert', certificateBody: certPem, privateKey: keyPem, certificateChain: chainPem }) : undefined;
  const lb = new SecureClassicLoadBalancer(owner, 'Web', { name: 'web', listeners: [{ loadBalancerPort: 8443, protocol, instancePort: 9443, certificate }], instances: ['i-00000001'] });
  const attacher = new TerraformStack(app, 'attacher');
  const imported = SecureClassicLoadBalancer.fromLoadBalancerName(attacher, 'Imported', 'web');
  const policy = new CipherPolicy(attacher, 'Strict', { basedOn: SecurityPolicy.ELB_SECURITY_POLICY_TLS_1_2_2017_01 });
  imported.attachCipherPolicy(8443, policy);
  void lb;
  return { owner: readLocalStack(Testing.synth(owner)), attacher: readLocalStack(Testing.synth(attacher)) };
}

test('a stack without attachments is its own desired state', () => {
  const { owner } = stacks();
  expect(resolveDesiredState(owner, new Map())).toEqual({ desired: owner.desired, attached: [] });
});

test('a policy attachment is merged into the live document of the load balancer it names', () => {
  const { owner, attacher } = stacks();
  const live = new Map<string, LoadBalancerDocument>([['web', owner.desired.loadBalancers[0]]]);
  const resolved = resolveDesiredState(attacher, live);
  expect(resolved.attached).toEqual(['web']);
  const [doc] = resolved.desired.loadBalancers;
  expect(doc.listeners[0].policyNames).toEqual([expect.stringMatching(/^Strict-[0-9a-f]{8}$/)]);
  expect(doc.policies.map((p) => p.policyName)).toEqual(doc.listeners[0].policyNames);
});

test('an attachment to a load balancer that is not live fails with SECLB_DEPLOY_LOCAL_LOAD_BALANCER_MISSING', () => {
  const { attacher } = stacks();
  expect(() => resolveDesiredState(attacher, new Map())).toThrow(/^SECLB_DEPLOY_LOCAL_LOAD_BALANCER_MISSING: the engine has no load balancer 'web'/);
});

test('an attachment whose merge breaks an ELB rule fails with SECLB_DEPLOY_INVALID_DESIRED_DOCUMENT listing the finding', () => {
  const { owner, attacher } = stacks(ListenerProtocol.TCP);
  const live = new Map<string, LoadBalancerDocument>([['web', owner.desired.loadBalancers[0]]]);
  expect(() => resolveDesiredState(attacher, live)).toThrow(/^SECLB_DEPLOY_INVALID_DESIRED_DOCUMENT: [\s\S]*SECLB_POLICY_SSL_NEGOTIATION_ON_PLAIN_LISTENER/);
});
