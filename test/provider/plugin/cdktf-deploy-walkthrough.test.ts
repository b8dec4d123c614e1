import { execFile } from 'child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { installProvider } from '../../../provider/plugin/install';
import { PACKAGE_ROOT } from '../../../provider/version';
import { freePort, LocalEngine, startLocalEngine } from './helpers/local-engine';
import { SeclbWorkspace } from './helpers/seclb-workspace';

// The issue's own case: `cdktf deploy` of the walk-through example (certificate, HTTPS listener with
// the custom cipher policy, back-end authentication, two instances) with the local target, then
// `cdktf diff` after a cipher change shows exactly that change.

jest.setTimeout(240_000);

const CDKTF = join(PACKAGE_ROOT, 'node_modules', '.bin', 'cdktf');
const EXAMPLE = join(PACKAGE_ROOT, 'build', 'examples', 'walkthrough', 'main.js');
const DROP_TLS10 = { basedOn: 'ELBSecurityPolicy-2016-08', enable: ['DHE-RSA-AES256-SHA'], disable: ['Protocol-SSLv3', 'Protocol-TLSv1'] };

let engine: LocalEngine;
let dir: string;
let env: NodeJS.ProcessEnv;
let local: Record<string, unknown>;
let deployed = false;

function cdktf(args: string[]): Promise<{ code: number; text: string }> {
  return new Promise((resolve) => {
    const child = execFile(CDKTF, args, { cwd: dir, env, timeout: 200_000, maxBuffer: 32 * 1024 * 1024 }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : -1) : 0;
      // eslint-disable-next-line no-control-regex
      resolve({ code, text: `${stdout}\n${stderr}`.replace(/\x1b\[[0-9;]*[A-Za-z]/g, '') });
    });
    child.stdin?.end();
  });
}

function writeCdktfJson(extraContext: Record<string, unknown> = {}): void {
  writeFileSync(join(dir, 'cdktf.json'), JSON.stringify({
    language: 'typescript', app: `node ${EXAMPLE}`, output: 'cdktf.out',
    context: { 'seclb:target': 'local', 'seclb:local': local, ...extraContext },
  }, null, 2));
}

beforeAll(async () => {
  SeclbWorkspace.assertReady();
  if (!existsSync(CDKTF)) throw new Error(`${CDKTF} is missing: cdktf-cli is a dev dependency (run npm ci).`);
  if (!existsSync(EXAMPLE)) throw new Error(`${EXAMPLE} is missing: run npm run build first.`);
  engine = await startLocalEngine();
  dir = mkdtempSync(join(tmpdir(), 'seclb-cdktf-walkthrough-'));
  const installed = installProvider({ dir: join(dir, 'provider'), userCliConfig: null });
  const cache = join(dir, 'plugin-cache');
  mkdirSync(cache);
  env = {
    ...process.env, TF_CLI_CONFIG_FILE: installed.cliConfigFile, TF_PLUGIN_CACHE_DIR: cache, CHECKPOINT_DISABLE: '1', CI: '1',
  };
  // The example's default: one set of certificates kept in <project>/.seclb/walkthrough-certificates/.
  delete env.SECLB_WALKTHROUGH_CERTIFICATES;
  local = {
    stateDirectory: engine.stateDirectory,
    listenerPorts: { 80: await freePort(), 443: await freePort() },
    instancePorts: { 8080: await freePort(), 443: await freePort() },
  };
  writeCdktfJson();
});

afterAll(async () => {
  if (deployed) await cdktf(['destroy', '--auto-approve']);
  if (dir) rmSync(dir, { recursive: true, force: true });
  await engine?.harness.stop();
});

test('cdktf deploy of the walk-through with the local target succeeds non-interactively', async () => {
  const run = await cdktf(['deploy', '--auto-approve', '--skip-provider-lock']);
  deployed = true;
  expect(run.text).toContain('Apply complete! Resources: 2 added');
  expect(run.code).toBe(0);
  const live = await engine.client.getLoadBalancer('MyLoadBalancer');
  const https = live!.document.listeners.find((l) => l.protocol === 'HTTPS')!;
  expect(https.policyNames).toEqual([expect.stringMatching(/^MySSLNegotiationPolicy-/)]);
  expect(live!.document.policies.map((p) => p.policyTypeName).sort()).toEqual(
    ['BackendServerAuthenticationPolicyType', 'PublicKeyPolicyType', 'SSLNegotiationPolicyType']);
  expect(live!.document.instances.map((i) => i.instanceId).sort()).toEqual(['i-0bb7ca62', 'i-4f8cf126']);
  expect((await engine.client.listCertificates()).map((c) => c.name)).toEqual([expect.stringMatching(/^testCert-/)]);
});

test('cdktf diff of the unchanged walk-through is clean (the certificates were kept, not made anew)', async () => {
  const run = await cdktf(['diff']);
  expect(run.code).toBe(0);
  expect(run.text).toContain('No changes. Your infrastructure matches the configuration.');
  expect(existsSync(join(dir, '.seclb', 'walkthrough-certificates', 'listener-key.pem'))).toBe(true);
});

test('cdktf diff after a cipher change (TLS 1.0 dropped) shows exactly that change', async () => {
  const before = (await engine.client.getLoadBalancer('MyLoadBalancer'))!.document;
  const oldPolicy = before.listeners.find((l) => l.protocol === 'HTTPS')!.policyNames[0];
  writeCdktfJson({ 'walkthrough:cipherPolicy': DROP_TLS10 });
  const run = await cdktf(['diff']);
  expect(run.code).toBe(0);
  expect(run.text).toContain('Plan: 0 to add, 1 to change, 0 to destroy.');
  expect(run.text).toMatch(/# seclb_load_balancer\.\S+ .*will be updated in-place/);
  expect(run.text).not.toMatch(/# seclb_server_certificate\.\S+ .*will be/);
  // The old policy leaves, a new one arrives, and inside it exactly Protocol-TLSv1 flips.
  expect(run.text).toContain(oldPolicy);
  const changedValues = [...run.text.matchAll(/"(true|false)" -> "(true|false)"/g)].map((m) => `${m[1]}->${m[2]}`);
  expect(changedValues).toEqual(['true->false']);
  expect(run.text).toMatch(/"Protocol-TLSv1"/);
});

test('cdktf deploy of a rotated certificate creates the new one, moves the listener, then deletes the old one', async () => {
  const [old] = await engine.client.listCertificates();
  unlinkSync(join(dir, '.seclb', 'walkthrough-certificates', 'listener-cert.pem')); // the next synth generates new certificates
  const run = await cdktf(['deploy', '--auto-approve']);
  expect(run.text).not.toMatch(/Error/);
  expect(run.code).toBe(0);
  const now = await engine.client.listCertificates();
  expect(now).toHaveLength(1);
  expect(now[0].name).not.toBe(old.name);
  const https = (await engine.client.getLoadBalancer('MyLoadBalancer'))!.document.listeners.find((l) => l.protocol === 'HTTPS')!;
  expect(https.sslCertificateId).toBe(now[0].name);
});
