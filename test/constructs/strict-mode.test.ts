import { App, Testing } from 'cdktf';
import { Construct } from 'constructs';
import { CipherPolicy, ListenerProtocol, SecureClassicLoadBalancer, SecurityAcknowledgements, SecurityPolicy, SecurityWarningIds, ServerCertificate } from '../../lib';
import { annotations, certificates, newStack } from './helpers';

/** A full synth of the app (writing cdktf.out), which fails on error annotations as `cdktf synth` does. */
function synthApp(stack: ReturnType<typeof newStack>): void {
  (stack.node.root as App).synth();
}

/*
 * Strict mode (app context `seclb:strict`): an unacknowledged security warning is an error
 * annotation, which fails the synth; acknowledged ones pass.
 */

const certs = certificates();

function build(context: { [key: string]: unknown }, acknowledge: boolean, strictScope = false) {
  const stack = newStack(context);
  // Construct level: the context set on a scope of one's own before its children are added.
  const scope = strictScope ? new Construct(stack, 'Strict') : stack;
  if (strictScope) scope.node.setContext('seclb:strict', true);
  const cert = new ServerCertificate(scope, 'Cert', { certificateBody: certs.certPem, privateKey: certs.keyPem, certificateChain: certs.chainPem });
  const policy = new CipherPolicy(scope, 'Tls', { basedOn: SecurityPolicy.ELB_SECURITY_POLICY_TLS_1_2_2017_01, enable: ['Protocol-TLSv1'] });
  new SecureClassicLoadBalancer(scope, 'Lb', {
    availabilityZones: ['us-east-1a'],
    listeners: [{ loadBalancerPort: 443, protocol: ListenerProtocol.HTTPS, instancePort: 80, instanceProtocol: ListenerProtocol.HTTP, certificate: cert, cipherPolicy: policy }],
  });
  if (acknowledge) SecurityAcknowledgements.acknowledge(stack, SecurityWarningIds.TLS10_ENABLED, 'legacy clients until Q3');
  return stack;
}

test('without strict mode an unacknowledged warning is a warning annotation and the synth succeeds', () => {
  const stack = build({}, false);
  expect(() => synthApp(stack)).not.toThrow();
  expect(annotations(stack, 'warn')).toEqual([expect.stringMatching(/^stack\/Tls: SECLB_WARN_TLS10_ENABLED: /)]);
});

test.each([[true], ['true']])('seclb:strict %p fails the synth with SECLB_STRICT_UNACKNOWLEDGED_WARNING naming the rule and the fix', (value) => {
  const stack = build({ 'seclb:strict': value }, false);
  expect(() => synthApp(stack)).toThrow(/SECLB_STRICT_UNACKNOWLEDGED_WARNING: SECLB_WARN_TLS10_ENABLED is not acknowledged: .*enables 'Protocol-TLSv1'/);
  expect(annotations(stack, 'error')[0]).toMatch(/Rule: strict mode \(context 'seclb:strict'\).*\n  Fix: disable 'Protocol-TLSv1'.* Or acknowledge it: \.acknowledge\('SECLB_WARN_TLS10_ENABLED', '<reason>'\)/s);
});

test('seclb:strict passes once the warning is acknowledged (reported as info with the reason)', () => {
  const stack = build({ 'seclb:strict': true }, true);
  expect(() => synthApp(stack)).not.toThrow();
  expect(annotations(stack, 'error')).toEqual([]);
  expect(annotations(stack, 'info')).toEqual([expect.stringMatching(/SECLB_WARN_TLS10_ENABLED acknowledged: legacy clients until Q3\n  Warning: .*enables 'Protocol-TLSv1'/)]);
});

test('seclb:strict false leaves warnings as warnings', () => {
  const stack = build({ 'seclb:strict': false }, false);
  expect(() => Testing.synth(stack)).not.toThrow();
  expect(annotations(stack, 'warn')).toHaveLength(1);
});

test('seclb:strict set on one construct scope covers the constructs below it', () => {
  const stack = build({}, false, true);
  expect(() => synthApp(stack)).toThrow(/\[stack\/Strict\/Tls\] SECLB_STRICT_UNACKNOWLEDGED_WARNING: SECLB_WARN_TLS10_ENABLED/);
  const acknowledged = build({}, true, true);
  expect(() => synthApp(acknowledged)).not.toThrow();
});
