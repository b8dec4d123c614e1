import { Testing } from 'cdktf';
import { Construct } from 'constructs';
import {
  DeploymentTarget, DeploymentTargetKind, IDeploymentTarget, ListenerProtocol, LoadBalancerDocument, PolicyAttachmentDocument,
  RenderedLoadBalancer, SecureClassicLoadBalancer, ServerCertificateRequest,
} from '../../lib';
import { newStack } from '../constructs/helpers';

const HTTP = { loadBalancerPort: 80, protocol: ListenerProtocol.HTTP };

test('AWS is the default target', () => {
  const lb = new SecureClassicLoadBalancer(newStack(), 'Lb', { listeners: [HTTP] });
  expect(lb.target.kind).toBe(DeploymentTargetKind.AWS);
});

test('the seclb:target context "aws" selects AWS', () => {
  const lb = new SecureClassicLoadBalancer(newStack({ 'seclb:target': 'aws' }), 'Lb', { listeners: [HTTP] });
  expect(lb.target.kind).toBe(DeploymentTargetKind.AWS);
});

test('the seclb:target context "local" selects the local target (test/targets/local/ covers what it synthesizes)', () => {
  const lb = new SecureClassicLoadBalancer(newStack({ 'seclb:target': 'local' }), 'Lb', { listeners: [HTTP] });
  expect(lb.target.kind).toBe(DeploymentTargetKind.LOCAL);
});

test('DeploymentTarget.local() is the local target', () => {
  expect(DeploymentTarget.local().kind).toBe(DeploymentTargetKind.LOCAL);
});

test('an unknown seclb:target value fails with SECLB_TARGET_UNKNOWN', () => {
  expect(() => new SecureClassicLoadBalancer(newStack({ 'seclb:target': 'azure' }), 'Lb', { listeners: [HTTP] }))
    .toThrow(/^SECLB_TARGET_UNKNOWN: the app context 'seclb:target' is "azure"/);
});

test('an explicit target prop wins over the context', () => {
  const fake = new RecordingTarget();
  const lb = new SecureClassicLoadBalancer(newStack({ 'seclb:target': 'azure' }), 'Lb', { listeners: [HTTP], target: fake });
  expect(lb.target).toBe(fake);
});

test('a target receives the finished canonical document at synth, including what was added later', () => {
  const fake = new RecordingTarget();
  const stack = newStack();
  const lb = new SecureClassicLoadBalancer(stack, 'Lb', { name: 'web', availabilityZones: ['us-east-1a'], listeners: [HTTP], target: fake });
  lb.addInstance('i-00000002');
  lb.addInstance('i-00000001');
  expect(fake.documents).toHaveLength(0);
  Testing.synth(stack);
  expect(fake.documents).toHaveLength(1);
  expect(fake.documents[0]).toMatchObject({ name: 'web', instances: [{ instanceId: 'i-00000001' }, { instanceId: 'i-00000002' }],
    healthCheck: { target: 'TCP:80', intervalSeconds: 30, timeoutSeconds: 5, healthyThreshold: 10, unhealthyThreshold: 2 } });
});

/** A tiny fake target that records what it is asked to render. */
class RecordingTarget implements IDeploymentTarget {
  public readonly kind = DeploymentTargetKind.AWS;
  public readonly documents: LoadBalancerDocument[] = [];
  public renderServerCertificate(_scope: Construct, certificate: ServerCertificateRequest): string {
    return `arn:aws:iam::123456789012:server-certificate/${certificate.name}`;
  }
  public renderLoadBalancer(_scope: Construct, document: LoadBalancerDocument): RenderedLoadBalancer {
    this.documents.push(document);
    return { loadBalancerName: document.name, dnsName: `${document.name}.example`, canonicalHostedZoneId: '' };
  }
  public renderPolicyAttachments(_scope: Construct, _document: PolicyAttachmentDocument): void {}
}
