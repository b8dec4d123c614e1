/**
 * The existing-stack example (examples/existing-stack), the same app as for AWS, deployed to the
 * local engine: `seclb plan --synth` runs the compiled app with `seclb:target=local`, the real CLI
 * applies to a real engine process, real HTTPS back ends (their key pinned by back-end
 * authentication) stand on the loopback addresses the instance tokens map to, and traffic goes
 * through the 443 listener of both load balancers, each on its own local port.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Backends, startBackends } from '../../examples/demo/backends';
import { CliRun, seclb } from '../../examples/demo/cli-runner';
import { loadWalkthroughCertificates } from '../../examples/walkthrough/certificates';
import { standInInstanceId } from '../../lib/targets/local/local-addressing';
import { STAND_IN_FOLDER } from '../../lib/targets/local/stand-in-certificates';
import { PACKAGE_ROOT } from '../../provider/version';
import { requireBuild } from './helpers/built';
import { freePortPair, getTrusting } from './helpers/stand-in-endpoints';

const APP = join(PACKAGE_ROOT, 'build', 'examples', 'existing-stack', 'main.js');
const STAND_IN = 'aws_acm_certificate-SiteCertificate';
const INSTANCES = [
  { instanceId: standInInstanceId('App1'), address: '127.0.0.11' },
  { instanceId: standInInstanceId('App2'), address: '127.0.0.12' },
];

let dir: string;
let stateDir: string;
let certsFile: string;
let backends: Backends;
let port443: number;

const run = (args: string[]): Promise<CliRun> => seclb(['--state-dir', stateDir, ...args], {
  cwd: dir, env: { SECLB_EXISTING_STACK_CERTIFICATES: certsFile, CDKTF_CONTEXT_JSON: '' }, timeoutMs: 60_000,
});

beforeAll(async () => {
  requireBuild();
  if (!existsSync(APP)) throw new Error(`${APP} is missing: this test runs the compiled existing-stack example. Run npm run build first.`);
  dir = mkdtempSync(join(tmpdir(), 'seclb-existing-example-'));
  stateDir = join(dir, 'state');
  certsFile = join(dir, 'certificates.json');
  const certs = loadWalkthroughCertificates(certsFile);
  backends = await startBackends(INSTANCES, { certPem: certs.backendCertPem, keyPem: certs.backendKeyPem! });
  port443 = await freePortPair();
  // What a user sets for the local target: the local port for 443 and where the instance ports are.
  writeFileSync(join(dir, 'cdktf.json'), JSON.stringify({
    app: `"${process.execPath}" "${APP}"`,
    output: 'cdktf.out',
    context: { 'seclb:local': { stateDirectory: stateDir, listenerPorts: { 443: port443 }, instancePorts: { 443: backends.httpsPort, 8443: backends.httpsPort } } },
  }));
  const start = await run(['engine', 'start']);
  expect(start.stderr).toBe('');
  expect(start.code).toBe(0);
}, 60_000);

afterAll(async () => {
  if (stateDir) await run(['engine', 'stop']).catch(() => undefined);
  await backends?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('the example for the local target: plan shows the mapping and the stand-in, apply, both load balancers serve on their own port', async () => {
  const planned = await run(['plan', '--synth', '--detailed-exitcode', '--format', 'json', '--out', 'seclb-plan.json']);
  expect(planned.stderr).toBe('');
  expect(planned.code).toBe(2);
  const plan = JSON.parse(planned.stdout);
  expect(plan.loadBalancers.map((l: any) => [l.name, l.action])).toEqual([['shop-api', 'create'], ['shop-web', 'create']]);
  const mapping = Object.fromEntries(plan.localMapping.loadBalancers.map((l: any) => [l.name, l]));
  for (const name of ['shop-web', 'shop-api']) {
    expect(mapping[name].instances.map((i: any) => [i.source, i.resourcePath, i.instanceId, i.address])).toEqual(expect.arrayContaining([
      ['${aws_instance.App1.id}', 'App1', INSTANCES[0].instanceId, '127.0.0.11'],
      ['${aws_instance.App2.id}', 'App2', INSTANCES[1].instanceId, '127.0.0.12'],
    ]));
  }
  // Web comes first in the app: it keeps the mapped port; api gets the next one.
  expect(mapping['shop-web'].listeners).toEqual([{ loadBalancerPort: 443, localPort: port443, rule: 'listenerPorts' }]);
  expect(mapping['shop-api'].listeners).toEqual([{ loadBalancerPort: 443, localPort: port443 + 1, rule: 'allocated' }]);
  expect(plan.localMapping.standInCertificates).toEqual([{ name: STAND_IN, standInFor: '${aws_acm_certificate.SiteCertificate.arn}' }]);

  const applied = await run(['apply', 'seclb-plan.json']);
  expect(applied.stderr).toBe('');
  expect(applied.code).toBe(0);
  const status = await run(['--json', 'status', '--wait', '--timeout', '30']);
  expect(status.code).toBe(0);
  expect(JSON.parse(status.stdout).serverCertificates).toEqual([expect.objectContaining({ name: STAND_IN, standInFor: '${aws_acm_certificate.SiteCertificate.arn}' })]);

  const ca = JSON.parse(readFileSync(join(stateDir, STAND_IN_FOLDER, `${STAND_IN}.json`), 'utf8')).certificateBody;
  const ids = INSTANCES.map((i) => i.instanceId);
  for (const port of [port443, port443 + 1]) {
    const answer = await getTrusting(port, ca, '/shop');
    expect(answer).toEqual({ status: 200, instance: expect.any(String), subject: STAND_IN });
    expect(ids).toContain(answer.instance);
  }
}, 180_000);

test('synthesized again, the app plans no changes (stand-in and mapping kept)', async () => {
  const again = await run(['plan', '--synth', '--format', 'json']);
  expect(again.stderr).toBe('');
  expect(again.code).toBe(0);
  expect(JSON.parse(again.stdout).summary.hasChanges).toBe(false);
}, 120_000);
