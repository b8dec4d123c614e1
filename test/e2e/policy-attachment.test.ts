/**
 * A stack that only attaches policies to a load balancer another stack owns
 * (`SecureClassicLoadBalancer.fromLoadBalancerName` + `CipherPolicy`), through the CLI with real
 * processes: plan shows the merged change, apply writes it, the attached load balancer is never
 * recorded as owned, destroy removes only the attachment.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { seclb } from '../../examples/demo/cli-runner';
import { connectToEngine } from '../../provider/deploy/engine-client/engine-connection';
import { PACKAGE_ROOT } from '../../provider/version';
import { certificates } from '../constructs/helpers';
import { requireBuild } from './helpers/built';
import { freePort } from './helpers/local-project';

let dir: string;
let stateDir: string;
const run = (...args: string[]) => seclb(['--state-dir', stateDir, ...args], { cwd: dir, env: { CDKTF_CONTEXT_JSON: '' }, timeoutMs: 30_000 });

beforeAll(async () => {
  requireBuild();
  dir = mkdtempSync(join(tmpdir(), 'seclb-e2e-attach-'));
  stateDir = join(dir, 'state');
  const { certPem, keyPem, chainPem } = certificates();
  writeFileSync(join(dir, 'certs.json'), JSON.stringify({ certPem, keyPem, chainPem }));
  // One listener port, shared by the owner's listener and the attacher's binding.
  const port = await freePort();
  writeFileSync(join(dir, 'app.js'), `
const { App, TerraformStack } = require(${JSON.stringify(join(PACKAGE_ROOT, 'node_modules', 'cdktf'))});
const lib = require(${JSON.stringify(join(PACKAGE_ROOT, 'build', 'lib'))});
const certs = require('./certs.json');
const app = new App();
const owner = new TerraformStack(app, 'owner');
const cert = new lib.ServerCertificate(owner, 'Cert', { name: 'web-cert', certificateBody: certs.certPem, privateKey: certs.keyPem, certificateChain: certs.chainPem });
new lib.SecureClassicLoadBalancer(owner, 'Web', { name: 'web', instances: ['i-00000001'],
  listeners: [{ loadBalancerPort: ${port}, protocol: lib.ListenerProtocol.SSL, instancePort: 9443, certificate: cert }] });
const attacher = new TerraformStack(app, 'attacher');
const imported = lib.SecureClassicLoadBalancer.fromLoadBalancerName(attacher, 'Imported', 'web');
imported.attachCipherPolicy(${port}, new lib.CipherPolicy(attacher, 'Strict', { basedOn: lib.SecurityPolicy.ELB_SECURITY_POLICY_TLS_1_2_2017_01 }));
app.synth();
`);
  writeFileSync(join(dir, 'cdktf.json'), JSON.stringify({ app: `"${process.execPath}" app.js`, output: 'cdktf.out', context: { 'seclb:local': { stateDirectory: stateDir } } }));
  expect((await run('engine', 'start')).code).toBe(0);
}, 60_000);

afterAll(async () => {
  await run('engine', 'stop');
  rmSync(dir, { recursive: true, force: true });
});

test('the owner applies its load balancer; the attacher plans and applies its policy onto it; destroy removes only the attachment', async () => {
  const client = connectToEngine({ stateDirectory: stateDir });
  const owner = await run('apply', '--synth', '--stack', 'owner', '--auto-approve');
  expect(owner.stderr).toBe('');
  expect(owner.code).toBe(0);
  const before = (await client.getLoadBalancer('web'))!;
  expect(before.document.policies).toEqual([]);

  const plan = await run('--json', 'plan', '--stack', 'attacher', '--detailed-exitcode');
  expect(plan.code).toBe(2);
  const [lb] = JSON.parse(plan.stdout).loadBalancers;
  expect([lb.name, lb.action]).toEqual(['web', 'update']);
  expect(lb.changes.map((c: any) => c.key).sort()).toEqual([expect.stringMatching(/^listeners\[\d+\]\.policyNames$/), expect.stringMatching(/^policies\[Strict-[0-9a-f]{8}\]$/)].sort());

  expect((await run('apply', '--stack', 'attacher', '--auto-approve')).code).toBe(0);
  const attached = (await client.getLoadBalancer('web'))!;
  expect(attached.document.listeners[0].policyNames).toEqual([expect.stringMatching(/^Strict-/)]);
  const replan = await run('plan', '--stack', 'attacher');
  expect(replan.stdout).toMatch(/No changes/);
  expect(replan.code).toBe(0);
  // The owner sees the attached policy as a change made outside it (it does not declare it).
  expect((await run('plan', '--stack', 'owner', '--detailed-exitcode')).code).toBe(2);

  const destroyed = await run('destroy', '--stack', 'attacher', '--auto-approve');
  expect(destroyed.code).toBe(0);
  const after = (await client.getLoadBalancer('web'))!;
  expect(after.document.policies).toEqual([]);
  expect(after.document.listeners[0].policyNames).toEqual([]);
  expect((await run('plan', '--stack', 'owner', '--detailed-exitcode')).code).toBe(0);
});
