/**
 * Ownership across front ends, with real processes: an engine started by `seclb engine start`,
 * the real Terraform CLI driving the seclb plugin, and the `seclb` CLI on another stack of the same
 * engine. Neither deletes what the other created; orphaned certificates are listed and removed.
 */
import { X509Certificate } from 'crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { seclb } from '../../examples/demo/cli-runner';
import { connectToEngine } from '../../provider/deploy/engine-client/engine-connection';
import { PACKAGE_ROOT } from '../../provider/version';
import { certificates } from '../constructs/helpers';
import { lbDocument, listener } from '../provider/engine/helpers/documents';
import { structuredDocument } from '../provider/plugin/helpers/structured';
import { SeclbWorkspace } from '../provider/plugin/helpers/seclb-workspace';
import { requireBuild } from './helpers/built';
import { freePort } from './helpers/local-project';

jest.setTimeout(240_000);

let dir: string;
let stateDir: string;
let ws: SeclbWorkspace;
let lost: SeclbWorkspace | undefined;
const certs = certificates();
const run = (...args: string[]) => seclb(['--state-dir', stateDir, ...args], { cwd: dir, env: { CDKTF_CONTEXT_JSON: '' }, timeoutMs: 60_000 });
const engine = () => connectToEngine({ stateDirectory: stateDir });
// The local target names a certificate `<name>-<first 8 hex digits of its SHA-256 fingerprint>`.
const suffix = new X509Certificate(certs.certPem).fingerprint256.replace(/:/g, '').toLowerCase().slice(0, 8);
const SHARED = `shared-cert-${suffix}`;
const CLI_CERT = `cli-cert-${suffix}`;
const pluginCert = (name: string) => ({ name, certificate_body: certs.certPem, private_key: certs.keyPem, certificate_chain: certs.chainPem });

beforeAll(async () => {
  requireBuild();
  SeclbWorkspace.assertReady();
  dir = mkdtempSync(join(tmpdir(), 'seclb-e2e-owner-'));
  stateDir = join(dir, 'state');
  writeFileSync(join(dir, 'certs.json'), JSON.stringify(certs));
  const cliPort = await freePort();
  // The CLI's stack declares the certificate Terraform manages too ('shared-cert', same material),
  // as when one synthesized stack is deployed both ways, plus a certificate and load balancer of its own.
  writeFileSync(join(dir, 'app.js'), `
const { App, TerraformStack } = require(${JSON.stringify(join(PACKAGE_ROOT, 'node_modules', 'cdktf'))});
const lib = require(${JSON.stringify(join(PACKAGE_ROOT, 'build', 'lib'))});
const certs = require('./certs.json');
const app = new App();
const stack = new TerraformStack(app, 'cli');
new lib.ServerCertificate(stack, 'Shared', { name: 'shared-cert', certificateBody: certs.certPem, privateKey: certs.keyPem, certificateChain: certs.chainPem });
const own = new lib.ServerCertificate(stack, 'Own', { name: 'cli-cert', certificateBody: certs.certPem, privateKey: certs.keyPem, certificateChain: certs.chainPem });
new lib.SecureClassicLoadBalancer(stack, 'Web', { name: 'cli-lb', instances: ['i-00000001'],
  listeners: [{ loadBalancerPort: ${cliPort}, protocol: lib.ListenerProtocol.SSL, instancePort: 9443, certificate: own }] });
app.synth();
`);
  writeFileSync(join(dir, 'cdktf.json'), JSON.stringify({ app: `"${process.execPath}" app.js`, output: 'cdktf.out', context: { 'seclb:local': { stateDirectory: stateDir } } }));
  expect((await run('engine', 'start')).code).toBe(0);
  ws = new SeclbWorkspace(stateDir);
  const lbPort = await freePort();
  const document = lbDocument('plugin-lb', {
    listeners: [listener(lbPort, 'HTTP', 9, 'HTTP')], healthCheck: { target: 'TCP:9' }, instances: [{ instanceId: 'i-0000own2', address: '127.0.0.12' }],
  });
  ws.writeResources({
    seclb_server_certificate: { shared: pluginCert(SHARED) },
    seclb_load_balancer: { web: { name: 'plugin-lb', document: structuredDocument(document) } },
  });
}, 120_000);

afterAll(async () => {
  await run('engine', 'stop');
  ws?.remove();
  lost?.remove();
  rmSync(dir, { recursive: true, force: true });
});

test('Terraform creates a certificate and a load balancer; seclb apply and destroy of another stack leave them', async () => {
  expect((await ws.init()).code).toBe(0);
  const applied = await ws.apply();
  expect(applied.code).toBe(0);
  expect(applied.text).toMatch(/Apply complete! Resources: 2 added/);
  const pluginOwner = { tool: 'terraform-plugin', stack: `${ws.dir}#default` };
  expect((await engine().getCertificate(SHARED))!.owner).toEqual(pluginOwner);
  expect((await engine().getLoadBalancer('plugin-lb'))!.owner).toEqual(pluginOwner);

  const cliApply = await run('apply', '--synth', '--stack', 'cli', '--auto-approve');
  expect(cliApply.code).toBe(0);
  expect((await engine().getCertificate(CLI_CERT))!.owner).toEqual({ tool: 'seclb-cli', stack: 'cli' });
  expect((await engine().getCertificate(SHARED))!.owner).toEqual(pluginOwner);

  const destroyed = await run('destroy', '--stack', 'cli', '--auto-approve');
  expect(destroyed.code).toBe(0);
  expect(destroyed.stdout).toMatch(new RegExp(`left server certificate ${SHARED}: SECLB_DEPLOY_APPLY_OWNED_ELSEWHERE: server certificate '${SHARED}' is left on the engine: it belongs to terraform-plugin`));
  expect(await engine().getCertificate(CLI_CERT)).toBeUndefined();
  expect(await engine().getLoadBalancer('cli-lb')).toBeUndefined();
  expect(await engine().getCertificate(SHARED)).toBeDefined();
  expect(await engine().getLoadBalancer('plugin-lb')).toBeDefined();
  // Terraform still finds everything it manages.
  expect((await ws.plan()).code).toBe(0);
});

test('terraform destroy leaves the CLI\'s objects, even one imported into its state, with SECLB_PLUGIN_OWNED_ELSEWHERE', async () => {
  expect((await run('apply', '--stack', 'cli', '--auto-approve')).code).toBe(0);
  ws.writeResources({ seclb_server_certificate: { shared: pluginCert(SHARED), imported: pluginCert(CLI_CERT) } });
  // The load balancer leaves the configuration: Terraform deletes it (its own).
  const imported = await ws.terraform(['import', '-input=false', 'seclb_server_certificate.imported', CLI_CERT]);
  expect(imported.code).toBe(0);
  const destroyed = await ws.destroy();
  expect(destroyed.code).toBe(0);
  expect(destroyed.text).toMatch(new RegExp(`SECLB_PLUGIN_OWNED_ELSEWHERE: server certificate '${CLI_CERT}' was left on the engine`));
  expect(await engine().getCertificate(CLI_CERT)).toMatchObject({ owner: { tool: 'seclb-cli', stack: 'cli' } });
  expect(await engine().getLoadBalancer('cli-lb')).toBeDefined();
  expect(await engine().getLoadBalancer('plugin-lb')).toBeUndefined();
  // Terraform created it (the CLI stack only declared it too): Terraform's to delete.
  expect(await engine().getCertificate(SHARED)).toBeUndefined();
});

test('an orphaned certificate appears in seclb status and certificates list, and certificates delete removes it; one in use stays refused', async () => {
  // A Terraform working directory that created a certificate and then disappeared.
  lost = new SeclbWorkspace(stateDir);
  lost.writeResources({ seclb_server_certificate: { lost: pluginCert('lost-cert') } });
  expect((await lost.init()).code).toBe(0);
  expect((await lost.apply()).code).toBe(0);
  const healthy = await run('--json', 'certificates', 'list');
  expect(JSON.parse(healthy.stdout).serverCertificates.find((c: any) => c.name === 'lost-cert')).toMatchObject({ orphan: false });
  lost.remove();

  const status = await run('status');
  expect(status.code).toBe(0);
  expect(status.stdout).toMatch(/^cli-lb\s+\d+\s+seclb-cli:cli\s/m);
  expect(status.stdout).toMatch(/orphaned server certificate\(s\).*\n.*lost-cert: unused, and its Terraform working directory .* is gone/);
  const list = JSON.parse((await run('--json', 'certificates', 'list')).stdout).serverCertificates;
  const byName = Object.fromEntries(list.map((c: any) => [c.name, c]));
  expect(byName['lost-cert']).toMatchObject({ orphan: true, owner: { tool: 'terraform-plugin' }, usedBy: [] });
  expect(byName[CLI_CERT]).toMatchObject({ orphan: false, usedBy: ['cli-lb'] });

  const notOrphan = await run('certificates', 'delete', CLI_CERT);
  expect(notOrphan.code).not.toBe(0);
  expect(notOrphan.stderr).toMatch(/SECLB_ENGINE_CERTIFICATE_IN_USE/);
  const removed = await run('certificates', 'delete', 'lost-cert');
  expect(removed.code).toBe(0);
  expect(await engine().getCertificate('lost-cert')).toBeUndefined();
  expect((await run('status')).stdout).not.toMatch(/orphaned/);
});

test('a certificate its live owner still manages is not removed without --force-owner', async () => {
  ws.writeResources({ seclb_server_certificate: { kept: pluginCert('kept-cert') } });
  expect((await ws.apply()).code).toBe(0);
  const refused = await run('certificates', 'delete', 'kept-cert');
  expect(refused.code).not.toBe(0);
  expect(refused.stderr).toMatch(/SECLB_CLI_CERTIFICATE_NOT_ORPHAN: server certificate 'kept-cert' is not an orphan: unused, but Terraform state .* still manages it.*Rule:.*Fix:.*--force-owner/s);
  expect(await engine().getCertificate('kept-cert')).toBeDefined();
  expect((await run('certificates', 'delete', 'kept-cert', '--force-owner')).code).toBe(0);
  expect(await engine().getCertificate('kept-cert')).toBeUndefined();
});
