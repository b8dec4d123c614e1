import { App, TerraformStack } from 'cdktf';
import { mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { CipherPolicy, DeploymentTarget, ListenerProtocol, SecureClassicLoadBalancer, SecurityPolicy, SecurityWarningIds, ServerCertificate } from '../../../../lib';
import { DEPLOY_CODES, readSynthWarnings } from '../../../../provider/deploy';
import { certificates } from '../../../constructs/helpers';

/** A real app synthesized for the local target into a temporary cdktf.out; returns its manifest.json text. */
function synthesizedManifest(): string {
  const outdir = mkdtempSync(join(tmpdir(), 'seclb-manifest-'));
  try {
    const certs = certificates();
    const app = new App({ outdir, context: { [DeploymentTarget.CONTEXT_KEY]: 'local' } });
    const stack = new TerraformStack(app, 'web');
    const cert = new ServerCertificate(stack, 'Cert', { certificateBody: certs.certPem, privateKey: certs.keyPem, certificateChain: certs.chainPem });
    const policy = new CipherPolicy(stack, 'Tls', { basedOn: SecurityPolicy.ELB_SECURITY_POLICY_TLS_1_2_2017_01, enable: ['Protocol-TLSv1', 'RC4-SHA'] });
    policy.acknowledge(SecurityWarningIds.TLS10_ENABLED, 'kiosks (on TLS 1.0) until Q3 (then off)');
    new SecureClassicLoadBalancer(stack, 'Lb', {
      availabilityZones: ['us-east-1a'],
      listeners: [{ loadBalancerPort: 443, protocol: ListenerProtocol.HTTPS, instancePort: 80, instanceProtocol: ListenerProtocol.HTTP, certificate: cert, cipherPolicy: policy }],
    });
    app.synth();
    return readFileSync(join(outdir, 'manifest.json'), 'utf8');
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

test('reads the warnings of a real synthesized manifest: unacknowledged and acknowledged with the reason', () => {
  const warnings = readSynthWarnings(synthesizedManifest(), 'web');
  expect(warnings).toEqual(expect.arrayContaining([
    { ruleId: 'SECLB_WARN_WEAK_CIPHER', constructPath: 'web/Tls', acknowledged: false, message: expect.stringMatching(/enables weak ciphers: 'RC4-SHA' \(RC4\)\.$/) },
    { ruleId: 'SECLB_WARN_TLS10_ENABLED', constructPath: 'web/Tls', acknowledged: true, reason: 'kiosks (on TLS 1.0) until Q3 (then off)',
      message: expect.stringMatching(/enables 'Protocol-TLSv1'/) },
  ]));
  expect(warnings.filter((w) => !w.acknowledged).map((w) => w.ruleId)).toEqual(['SECLB_WARN_WEAK_CIPHER']);
  expect(warnings.every((w) => !/Fix:/.test(w.message))).toBe(true);
});

test('a stack the manifest does not hold has no warnings; annotations of other tools are skipped', () => {
  expect(readSynthWarnings(synthesizedManifest(), 'other')).toEqual([]);
  const manifest = { stacks: { s: { annotations: [{ constructPath: 's/x', level: '@cdktf/warn', message: 'some other tool: careful' }] } } };
  expect(readSynthWarnings(JSON.stringify(manifest), 's')).toEqual([]);
});

test('a file that is not a cdktf manifest is refused with SECLB_DEPLOY_MANIFEST_FORMAT', () => {
  expect(() => readSynthWarnings('nope', 's', 'm.json')).toThrow(expect.objectContaining({ code: DEPLOY_CODES.MANIFEST_FORMAT, message: expect.stringMatching(/^SECLB_DEPLOY_MANIFEST_FORMAT: 'm.json' is not a readable cdktf manifest: it is not JSON/) }));
  expect(() => readSynthWarnings('{"version":"1"}', 's', 'm.json')).toThrow(/it has no 'stacks' object/);
  expect(() => readSynthWarnings('{"stacks":{"s":{"annotations":{}}}}', 's', 'm.json')).toThrow(/stacks.s.annotations is not a list/);
});
