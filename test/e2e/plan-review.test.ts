/**
 * Issue 14, points 2-5, end to end with real processes on loopback: a small app whose new load
 * balancer enables SSL 3.0, RC4 and 3DES (warnings at synth, suites this OpenSSL lacks), planned
 * by the real `seclb` CLI against a real engine. The plan shows the synth warnings and what the
 * engine cannot enforce in text, Markdown and JSON; strict mode fails until the warnings are
 * acknowledged; a tampered plan file is refused; exit codes follow `terraform plan`.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { CliRun, seclb } from '../../examples/demo/cli-runner';
import { loadWalkthroughCertificates } from '../../examples/walkthrough/certificates';
import { connectToEngine } from '../../provider/deploy/engine-client/engine-connection';
import { EngineAdminClient } from '../../provider/deploy/engine-client/engine-admin-client';
import { PACKAGE_ROOT } from '../../provider/version';
import { requireBuild } from './helpers/built';
import { freePort } from './helpers/local-project';

const STACK = 'review';
/** ELB's default policy plus SSL 3.0, RC4 and 3DES: all legal on ELB, none offered by OpenSSL 3. */
const WEAK_POLICY = { basedOn: 'ELBSecurityPolicy-2016-08', enable: ['Protocol-SSLv3', 'RC4-SHA', 'DES-CBC3-SHA'] };
/** The warnings the policy raises and nobody acknowledged in the app (TLS 1.0/1.1 are acknowledged there). */
const UNACKNOWLEDGED = ['SECLB_WARN_SSLV3_ENABLED', 'SECLB_WARN_3DES', 'SECLB_WARN_WEAK_CIPHER'];
const ACK_ALL = { 'review:acknowledge': Object.fromEntries(UNACKNOWLEDGED.map((id) => [id, `review test: ${id} accepted`])) };

/** The app: one load balancer (HTTPS 443 -> HTTP 8080) with the weak policy; acknowledgements from context. */
const APP = `
const { App } = require(require.resolve('cdktf', { paths: [${JSON.stringify(PACKAGE_ROOT)}] }));
const lib = require(${JSON.stringify(join(PACKAGE_ROOT, 'build', 'lib'))});
const { TerraformStack } = require(require.resolve('cdktf', { paths: [${JSON.stringify(PACKAGE_ROOT)}] }));
const fs = require('fs');
const certs = JSON.parse(fs.readFileSync(process.env.REVIEW_CERTIFICATES, 'utf8'));
const app = new App();
const stack = new TerraformStack(app, ${JSON.stringify(STACK)});
for (const [ruleId, reason] of Object.entries(app.node.tryGetContext('review:acknowledge') || {})) {
  lib.SecurityAcknowledgements.acknowledge(stack, ruleId, reason);
}
const cert = new lib.ServerCertificate(stack, 'Cert', { name: 'reviewCert', certificateBody: certs.certPem, privateKey: certs.keyPem, certificateChain: certs.chainPem });
const policy = new lib.CipherPolicy(stack, 'Weak', JSON.parse(process.env.REVIEW_POLICY));
policy.acknowledge('SECLB_WARN_TLS10_ENABLED', 'review test: legacy clients on TLS 1.0');
policy.acknowledge('SECLB_WARN_TLS11_ENABLED', 'review test: legacy clients on TLS 1.1');
new lib.SecureClassicLoadBalancer(stack, 'Lb', {
  name: 'ReviewLb', availabilityZones: ['us-east-1a'],
  listeners: [{ loadBalancerPort: 443, protocol: lib.ListenerProtocol.HTTPS, instancePort: 8080, instanceProtocol: lib.ListenerProtocol.HTTP, certificate: cert, cipherPolicy: policy }],
});
app.synth();
`;

let dir: string;
let stateDir: string;
let client: EngineAdminClient;
let baseEnv: NodeJS.ProcessEnv;

function run(args: string[], context: Record<string, unknown> = {}, policy: unknown = WEAK_POLICY): Promise<CliRun> {
  return seclb(['--state-dir', stateDir, ...args], {
    cwd: dir, env: { ...baseEnv, REVIEW_POLICY: JSON.stringify(policy), CDKTF_CONTEXT_JSON: JSON.stringify(context) }, timeoutMs: 60_000,
  });
}

beforeAll(async () => {
  requireBuild();
  dir = mkdtempSync(join(tmpdir(), 'seclb-review-'));
  stateDir = join(dir, 'state');
  const certsFile = join(dir, 'certificates.json');
  loadWalkthroughCertificates(certsFile);
  writeFileSync(join(dir, 'app.js'), APP);
  writeFileSync(join(dir, 'cdktf.json'), JSON.stringify({
    app: `"${process.execPath}" app.js`, output: 'cdktf.out',
    context: { 'seclb:local': { stateDirectory: stateDir, listenerPorts: { 443: await freePort() }, instancePorts: { 8080: await freePort() } } },
  }));
  baseEnv = { REVIEW_CERTIFICATES: certsFile };
  const start = await run(['engine', 'start']);
  expect(start.stderr).toBe('');
  expect(start.code).toBe(0);
  client = connectToEngine({ stateDirectory: stateDir });
}, 90_000);

afterAll(async () => {
  if (stateDir) await run(['engine', 'stop']).catch(() => undefined);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('JSON: the plan carries the synth warnings (acknowledged or not, with reasons) and the listener\'s enforcement gaps; a new load balancer is judged on what it enables', async () => {
  const r = await run(['plan', '--synth', '--format', 'json']);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0); // changes, but no --detailed-exitcode: 0, as terraform plan
  const plan = JSON.parse(r.stdout);
  expect(plan.loadBalancers.map((l: any) => [l.name, l.action])).toEqual([['ReviewLb', 'create']]);

  const open = plan.warnings.filter((w: any) => !w.acknowledged);
  expect(open.map((w: any) => w.ruleId).sort()).toEqual([...UNACKNOWLEDGED].sort());
  for (const w of open) expect(w).toMatchObject({ constructPath: `${STACK}/Weak`, message: expect.any(String) });
  expect(open.find((w: any) => w.ruleId === 'SECLB_WARN_WEAK_CIPHER').message).toMatch(/'RC4-SHA' \(RC4\)/);
  const acked = plan.warnings.filter((w: any) => w.acknowledged);
  expect(acked).toEqual(expect.arrayContaining([
    expect.objectContaining({ ruleId: 'SECLB_WARN_TLS10_ENABLED', constructPath: `${STACK}/Weak`, reason: 'review test: legacy clients on TLS 1.0' }),
    expect.objectContaining({ ruleId: 'SECLB_WARN_TLS11_ENABLED', reason: 'review test: legacy clients on TLS 1.1' }),
  ]));

  expect(plan.enforcement.capabilitySource).toMatch(/^probed/);
  const [gap] = plan.enforcement.listeners;
  expect(plan.enforcement.listeners).toHaveLength(1);
  expect(gap).toMatchObject({ loadBalancer: 'ReviewLb', canNegotiate: true, policyName: expect.stringMatching(/^Weak-[0-9a-f]{8}$/) });
  const missing = gap.unenforceable.map((u: any) => u.attribute);
  expect(missing).toEqual(expect.arrayContaining(['Protocol-SSLv3', 'RC4-SHA', 'DES-CBC3-SHA']));
  expect(missing).not.toContain('Protocol-TLSv1.2');

  // SSL 3.0 and RC4 on a new load balancer are weakening, not "0 weakening".
  expect(plan.summary.weakening).toBeGreaterThanOrEqual(5);
  const attributes = plan.loadBalancers[0].security.map((i: any) => [i.effect, i.attribute, i.before]);
  expect(attributes).toEqual(expect.arrayContaining([
    ['weakens', 'SECLB_WARN_SSLV3_ENABLED', 'absent'], ['weakens', 'SECLB_WARN_WEAK_CIPHER', 'absent'], ['weakens', 'SECLB_WARN_3DES', 'absent'],
  ]));
  expect(plan.digest).toEqual({ algorithm: 'sha256', content: expect.stringMatching(/^[0-9a-f]{64}$/), inputs: expect.stringMatching(/^[0-9a-f]{64}$/) });
}, 90_000);

test('text and Markdown show the same warnings, gaps and digest; --detailed-exitcode exits 2 for changes', async () => {
  const text = await run(['plan', '--detailed-exitcode']);
  expect(text.stderr).toBe('');
  expect(text.code).toBe(2);
  expect(text.stdout).toMatch(/Security warnings at synth: 3 unacknowledged, 2 acknowledged/);
  for (const id of UNACKNOWLEDGED) expect(text.stdout).toContain(`UNACKNOWLEDGED ${id} on ${STACK}/Weak: `);
  expect(text.stdout).toContain(`acknowledged SECLB_WARN_TLS10_ENABLED on ${STACK}/Weak: review test: legacy clients on TLS 1.0`);
  expect(text.stdout).toMatch(/Not enforced by this engine \(judged with the engine's capability report \(probed: OpenSSL .*\)\): 3 attribute\(s\) on 1 listener\(s\)\n/);
  expect(text.stdout).toMatch(/load balancer ReviewLb listener \d+ \(policy Weak-[0-9a-f]{8}\):\n(    ! .*\n)*    ! Protocol-SSLv3: /);
  expect(text.stdout).toMatch(/    ! RC4-SHA: /);
  expect(text.stdout).toMatch(/Security: [1-9]\d* weakening/);
  expect(text.stdout).toMatch(/Plan digest: sha256:[0-9a-f]{64} \(inputs sha256:[0-9a-f]{64}\)/);

  const md = await run(['plan', '--format', 'markdown']);
  expect(md.code).toBe(0);
  expect(md.stdout).toMatch(/#### ⚠️ Security warnings at synth: 3 unacknowledged, 2 acknowledged/);
  expect(md.stdout).toMatch(/\| `SECLB_WARN_SSLV3_ENABLED` \| `review\/Weak` \| \*\*unacknowledged\*\* \|/);
  expect(md.stdout).toMatch(/\| `SECLB_WARN_TLS10_ENABLED` \| `review\/Weak` \| acknowledged: review test: legacy clients on TLS 1.0 \|/);
  expect(md.stdout).toMatch(/#### 🚫 Not enforced by this engine: \d+ attribute\(s\) on 1 listener\(s\)/);
  expect(md.stdout).toMatch(/\| `ReviewLb` \| \d+ \| `Weak-[0-9a-f]{8}` \| `RC4-SHA` \|/);
  expect(md.stdout).toMatch(/Plan digest: `sha256:[0-9a-f]{64}`/);
  expect(md.stdout).toMatch(/\| ⚠️ [1-9]\d* \|/); // the weakening column of the summary table
}, 90_000);

test('strict mode: --strict and the context key seclb:strict fail on unacknowledged warnings and pass once they are acknowledged', async () => {
  const failed = await run(['plan', '--strict', '--out', 'strict.json']);
  expect(failed.code).toBe(1);
  expect(failed.stderr).toMatch(/^SECLB_DEPLOY_UNACKNOWLEDGED_WARNINGS: stack 'review' has 3 unacknowledged security warning\(s\):/);
  for (const id of UNACKNOWLEDGED) expect(failed.stderr).toContain(`  - ${id} on ${STACK}/Weak: `);
  expect(failed.stdout).toMatch(/UNACKNOWLEDGED SECLB_WARN_SSLV3_ENABLED/); // the plan is still shown
  expect(() => readFileSync(join(dir, 'strict.json'))).toThrow(/ENOENT/);
  const json = await run(['--json', 'plan', '--strict']);
  expect(json.code).toBe(1);
  expect(JSON.parse(json.stdout)).toEqual({ error: { code: 'SECLB_DEPLOY_UNACKNOWLEDGED_WARNINGS', message: expect.stringContaining('SECLB_WARN_WEAK_CIPHER on review/Weak') } });

  const synthFailed = await run(['plan', '--synth'], { 'seclb:strict': true });
  expect(synthFailed.code).toBe(1);
  expect(synthFailed.stderr).toMatch(/SECLB_STRICT_UNACKNOWLEDGED_WARNING: SECLB_WARN_SSLV3_ENABLED is not acknowledged/);

  const passed = await run(['plan', '--synth', '--strict'], { ...ACK_ALL, 'seclb:strict': true });
  expect(passed.stderr).toBe('');
  expect(passed.code).toBe(0);
  expect(passed.stdout).toMatch(/Security warnings at synth: 0 unacknowledged, 5 acknowledged/);
  expect(passed.stdout).toContain(`acknowledged SECLB_WARN_SSLV3_ENABLED on ${STACK}/Weak: review test: SECLB_WARN_SSLV3_ENABLED accepted`);
  // Acknowledging does not make the suites enforceable: the gap is still shown.
  expect(passed.stdout).toMatch(/! Protocol-SSLv3: /);
}, 120_000);

test('a tampered plan file is refused and changes nothing; an untampered one applies and the engine reports exactly the gaps the plan showed', async () => {
  const saved = await run(['plan', '--out', 'plan.json']);
  expect(saved.code).toBe(0);
  const text = readFileSync(join(dir, 'plan.json'), 'utf8');

  // A hand edit after review: one attribute of the SSL negotiation policy switched from false to true.
  const edited = JSON.parse(text);
  const attrs = edited.loadBalancers[0].desired.policies.find((p: any) => p.policyTypeName === 'SSLNegotiationPolicyType').attributes;
  const off = attrs.find((a: any) => a.value === 'false');
  off.value = 'true';
  writeFileSync(join(dir, 'tampered.json'), JSON.stringify(edited, null, 2));
  const refused = await run(['apply', 'tampered.json']);
  expect(refused.code).toBe(1);
  expect(refused.stderr).toMatch(/^SECLB_DEPLOY_PLAN_TAMPERED: 'tampered.json' has content with digest sha256:[0-9a-f]{64}, but its digest.content says sha256:[0-9a-f]{64}/);

  const { digest: _d, ...unsealed } = JSON.parse(text);
  writeFileSync(join(dir, 'unsealed.json'), JSON.stringify(unsealed, null, 2));
  const noDigest = await run(['apply', 'unsealed.json']);
  expect(noDigest.code).toBe(1);
  expect(noDigest.stderr).toMatch(/^SECLB_DEPLOY_PLAN_TAMPERED: 'unsealed.json' carries no digest/);

  expect(await client.getLoadBalancer('ReviewLb')).toBeUndefined();

  // The stack synthesized again with another policy: the old plan file no longer matches its inputs.
  const resynth = await run(['plan', '--synth'], {}, { basedOn: 'ELBSecurityPolicy-TLS-1-2-2017-01' });
  expect(resynth.code).toBe(0);
  const stale = await run(['apply', 'plan.json']);
  expect(stale.code).toBe(1);
  expect(stale.stderr).toMatch(/^SECLB_DEPLOY_PLAN_INPUTS_CHANGED: 'plan.json' was made from synthesized inputs with digest sha256:[0-9a-f]{64}, but the stack on disk now has sha256:[0-9a-f]{64}/);
  expect(await client.getLoadBalancer('ReviewLb')).toBeUndefined();

  // Back to the reviewed stack: the reviewed file applies.
  expect((await run(['plan', '--synth', '--out', 'plan.json'])).code).toBe(0);
  const reviewed = JSON.parse(readFileSync(join(dir, 'plan.json'), 'utf8'));
  const applied = await run(['apply', 'plan.json']);
  expect(applied.stderr).toBe('');
  expect(applied.code).toBe(0);
  const status = await client.status() as { listeners: Array<{ loadBalancer: string; port: number; unenforceable: unknown[] }> };
  const live = status.listeners.filter((l) => l.loadBalancer === 'ReviewLb');
  expect(live.map((l) => ({ port: l.port, unenforceable: l.unenforceable })))
    .toEqual(reviewed.enforcement.listeners.map((g: any) => ({ port: g.port, unenforceable: g.unenforceable })));

  const again = await run(['plan', '--detailed-exitcode']);
  expect(again.code).toBe(0);
  expect(again.stdout).toMatch(/No changes/);
}, 120_000);
