import { execFile } from 'child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { installProvider } from '../../../provider/plugin/install';
import { PACKAGE_ROOT } from '../../../provider/version';
import { startHttpBackend, TestBackend } from '../engine/helpers/backends';
import { httpGet } from '../engine/helpers/http-client';
import { waitFor } from '../engine/helpers/wait';
import { freePort, LocalEngine, startLocalEngine } from './helpers/local-engine';
import { SeclbWorkspace } from './helpers/seclb-workspace';

// `cdktf deploy` / `cdktf diff` / `cdktf destroy` (cdktf-cli, non-interactive) of an app using
// the library with the local target: cdktf synthesizes, runs Terraform, Terraform launches the
// seclb plugin, the plugin drives the engine.

jest.setTimeout(180_000);

const CDKTF = join(PACKAGE_ROOT, 'node_modules', '.bin', 'cdktf');

let engine: LocalEngine;
let backend: TestBackend;
let dir: string;
let env: NodeJS.ProcessEnv;
let port: number;
let deployed = false;

function cdktf(args: string[]): Promise<{ code: number; text: string }> {
  return new Promise((resolve) => {
    const child = execFile(CDKTF, args, { cwd: dir, env, timeout: 150_000, maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : -1) : 0;
      // eslint-disable-next-line no-control-regex
      resolve({ code, text: `${stdout}\n${stderr}`.replace(/\x1b\[[0-9;]*[A-Za-z]/g, '').replace(/\s+/g, ' ') });
    });
    child.stdin?.end();
  });
}

function settings(timeout: number): void {
  writeFileSync(join(dir, 'settings.json'), JSON.stringify({ timeout }));
}

beforeAll(async () => {
  SeclbWorkspace.assertReady();
  if (!existsSync(CDKTF)) throw new Error(`${CDKTF} is missing: cdktf-cli is a dev dependency (run npm ci).`);
  engine = await startLocalEngine();
  backend = await startHttpBackend('i-web-1', '127.0.0.11');
  port = await freePort();
  dir = mkdtempSync(join(tmpdir(), 'seclb-cdktf-'));
  const installed = installProvider({ dir: join(dir, 'provider'), userCliConfig: null });
  // cdktf's default plugin cache, kept inside the test directory: the cached entry is a symlink to the mirror.
  const cache = join(dir, 'plugin-cache');
  mkdirSync(cache);
  env = { ...process.env, TF_CLI_CONFIG_FILE: installed.cliConfigFile, TF_PLUGIN_CACHE_DIR: cache, CHECKPOINT_DISABLE: '1', CI: '1' };
  writeFileSync(join(dir, 'app.js'), `
const { readFileSync } = require('fs');
const { App, TerraformStack } = require(${JSON.stringify(require.resolve('cdktf'))});
const { SecureClassicLoadBalancer, ListenerProtocol } = require(${JSON.stringify(join(PACKAGE_ROOT, 'build', 'lib'))});
const { timeout } = JSON.parse(readFileSync(${JSON.stringify(join(dir, 'settings.json'))}, 'utf8'));
const app = new App();
const stack = new TerraformStack(app, 'local');
new SecureClassicLoadBalancer(stack, 'Web', {
  name: 'web',
  availabilityZones: ['us-east-1a'],
  listeners: [{ loadBalancerPort: 80, protocol: ListenerProtocol.HTTP, instancePort: 8080, instanceProtocol: ListenerProtocol.HTTP }],
  healthCheck: { target: 'HTTP:8080/health', interval: 10, timeout, healthyThreshold: 2, unhealthyThreshold: 2 },
  instances: ['i-0000e001'],
});
app.synth();
`);
  writeFileSync(join(dir, 'cdktf.json'), JSON.stringify({
    language: 'javascript', app: 'node app.js', output: 'cdktf.out',
    context: { 'seclb:target': 'local', 'seclb:local': { stateDirectory: engine.stateDirectory, listenerPorts: { 80: port }, instancePorts: { 8080: backend.port } } },
  }, null, 2));
  settings(5);
});

afterAll(async () => {
  if (deployed) await cdktf(['destroy', '--auto-approve']);
  if (dir) rmSync(dir, { recursive: true, force: true });
  await backend?.close();
  await engine?.harness.stop();
});

test('cdktf deploy --auto-approve (first run: --skip-provider-lock) deploys to the engine; traffic flows', async () => {
  const run = await cdktf(['deploy', '--auto-approve', '--skip-provider-lock']);
  deployed = true;
  expect(run.code).toBe(0);
  expect(run.text).toContain('Apply complete! Resources: 1 added');
  const answer = await waitFor('a 200 through the deployed listener', async () => {
    const r = await httpGet(`http://127.0.0.1:${port}/`);
    return r.status === 200 ? r : undefined;
  }, 15_000);
  expect(answer.body).toBe('i-web-1');
});

test('cdktf diff after a change shows exactly that change', async () => {
  settings(4);
  const run = await cdktf(['diff']);
  expect(run.code).toBe(0);
  // The change shows as the one nested attribute of the document, not as a JSON string.
  expect(run.text).toMatch(/~ health_check = \{ ~ timeout_seconds = 5 -> 4 # \(4 unchanged attributes hidden\) \}/);
  expect(run.text).toContain('Plan: 0 to add, 1 to change, 0 to destroy.');
  // The only values that change: the health-check timeout, and the computed revision.
  expect([...run.text.matchAll(/(\w+) += \S+ -> /g)].map((m) => m[1])).toEqual(['timeout_seconds', 'revision']);
  // No other attribute line: only the resource, the document, health_check, the timeout and the revision change.
  expect([...run.text.matchAll(/ [~+-] (\w+) = /g)].map((m) => m[1])).toEqual(['document', 'health_check', 'timeout_seconds', 'revision']);
});

test('cdktf deploy applies the change; cdktf destroy leaves the engine empty', async () => {
  expect((await cdktf(['deploy', '--auto-approve'])).code).toBe(0);
  expect((await engine.client.getLoadBalancer('web'))?.document.healthCheck.timeoutSeconds).toBe(4);
  const run = await cdktf(['destroy', '--auto-approve']);
  expect(run.code).toBe(0);
  deployed = false;
  expect(await engine.client.listLoadBalancers()).toEqual([]);
});
