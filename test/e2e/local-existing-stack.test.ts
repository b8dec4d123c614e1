/**
 * Issue 12, the local half, end to end with real processes on loopback: a team's existing stack
 * (VPC, subnets, security group, two aws_instances, an ACM certificate; two load balancers on 443,
 * instances by token, certificates by ACM token and by IAM ARN) synthesized for the local target,
 * planned and applied by the real `seclb` CLI against a real engine process, with real HTTP/HTTPS
 * back ends on the mapped loopback addresses; traffic through every listener of both load
 * balancers; the plan and status show the mapping and the stand-ins; a port clash is refused.
 */
import { App } from 'cdktf';
import { mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Backends, startBackends } from '../../examples/demo/backends';
import { get } from '../../examples/demo/probes';
import { CliRun, seclb } from '../../examples/demo/cli-runner';
import { loadWalkthroughCertificates, WalkthroughCertificates } from '../../examples/walkthrough/certificates';
import { standInInstanceId } from '../../lib/targets/local/local-addressing';
import { STAND_IN_FOLDER } from '../../lib/targets/local/stand-in-certificates';
import { EXISTING_IAM_CERTIFICATE, ExistingStack } from '../targets/local/fixtures/existing-stack';
import { requireBuild } from './helpers/built';
import { freePort } from './helpers/local-project';
import { freePortPair, getTrusting } from './helpers/stand-in-endpoints';

const ACM_REFERENCE = '${aws_acm_certificate.SiteCertificate.arn}';
const INSTANCES = [
  { instanceId: standInInstanceId('Web1'), address: '127.0.0.11' },
  { instanceId: standInInstanceId('Web2'), address: '127.0.0.12' },
];

let dir: string;
let stateDir: string;
let certs: WalkthroughCertificates;
let backends: Backends;
let ports: { 80: number; 443: number };

/** Synthesizes the fixture stack for the local target into <dir>/cdktf.out, as `cdktf synth` would. */
function synth(extra: Record<string, unknown> = {}): void {
  const app = new App({ outdir: join(dir, 'cdktf.out'), context: {
    'seclb:target': 'local',
    'seclb:local': { stateDirectory: stateDir, listenerPorts: ports, instancePorts: { 8080: backends.httpPort, 8443: backends.httpsPort }, ...extra },
  } });
  new ExistingStack(app, 'existing', certs.backendCertPem);
  app.synth();
}

const run = (args: string[]): Promise<CliRun> => seclb(['--state-dir', stateDir, '--out-dir', join(dir, 'cdktf.out'), ...args], { cwd: dir, env: { CDKTF_CONTEXT_JSON: '' }, timeoutMs: 30_000 });

const standInPem = (name: string): string => JSON.parse(readFileSync(join(stateDir, STAND_IN_FOLDER, `${name}.json`), 'utf8')).certificateBody;

beforeAll(async () => {
  requireBuild();
  dir = mkdtempSync(join(tmpdir(), 'seclb-existing-'));
  stateDir = join(dir, 'state');
  certs = loadWalkthroughCertificates();
  backends = await startBackends(INSTANCES, { certPem: certs.backendCertPem, keyPem: certs.backendKeyPem! });
  const base = await freePortPair();
  ports = { 80: await freePort(), 443: base };
  const start = await run(['engine', 'start']);
  expect(start.stderr).toBe('');
  expect(start.code).toBe(0);
}, 60_000);

afterAll(async () => {
  if (stateDir) await run(['engine', 'stop']).catch(() => undefined);
  await backends?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('plan shows the instance mapping, the allocated port and the stand-ins; apply; traffic through every listener of both load balancers', async () => {
  synth();
  const planned = await run(['plan', '--detailed-exitcode', '--format', 'json', '--out', 'seclb-plan.json']);
  expect(planned.stderr).toBe('');
  expect(planned.code).toBe(2);
  const plan = JSON.parse(planned.stdout);
  expect(plan.loadBalancers.map((l: any) => [l.name, l.action])).toEqual([['web-a', 'create'], ['web-b', 'create']]);
  expect(JSON.stringify(plan)).not.toMatch(/PRIVATE KEY/);
  const [a, b] = plan.localMapping.loadBalancers;
  for (const lb of [a, b]) {
    expect(lb.instances).toEqual(expect.arrayContaining([
      expect.objectContaining({ source: '${aws_instance.Web1.id}', resourcePath: 'Web1', instanceId: INSTANCES[0].instanceId, address: '127.0.0.11', rule: 'default pool' }),
      expect.objectContaining({ source: '${aws_instance.Web2.id}', resourcePath: 'Web2', instanceId: INSTANCES[1].instanceId, address: '127.0.0.12', rule: 'default pool' }),
    ]));
  }
  expect(a.listeners).toEqual([{ loadBalancerPort: 80, localPort: ports[80], rule: 'listenerPorts' }, { loadBalancerPort: 443, localPort: ports[443], rule: 'listenerPorts' }]);
  expect(b.listeners).toEqual([{ loadBalancerPort: 443, localPort: ports[443] + 1, rule: 'allocated' }]);
  expect(plan.localMapping.standInCertificates).toEqual([
    { name: 'aws_acm_certificate-SiteCertificate', standInFor: ACM_REFERENCE },
    { name: 'web-b-cert', standInFor: EXISTING_IAM_CERTIFICATE },
  ]);

  const text = await run(['plan']);
  expect(text.stdout).toContain('Local mapping');
  expect(text.stdout).toContain(`web-b listener port 443 -> 127.0.0.1:${ports[443] + 1} [allocated]`);
  expect(text.stdout).toContain(`web-a instance \${aws_instance.Web1.id} (Web1) -> ${INSTANCES[0].instanceId} at 127.0.0.11 [default pool]`);
  expect(text.stdout).toContain(`certificate ${EXISTING_IAM_CERTIFICATE} -> stand-in 'web-b-cert'`);
  const markdown = await run(['plan', '--format', 'markdown']);
  expect(markdown.stdout).toMatch(/<b>Local mapping<\/b>: \d+ item\(s\), 2 stand-in certificate\(s\)/);

  const applied = await run(['apply', 'seclb-plan.json']);
  expect(applied.stderr).toBe('');
  expect(applied.code).toBe(0);

  const status = await run(['--json', 'status', '--wait', '--timeout', '30']);
  expect(status.code).toBe(0);
  const live = JSON.parse(status.stdout);
  expect(live.loadBalancers.map((l: any) => [l.name, l.listeners.map((x: any) => x.loadBalancerPort).sort(), l.instances.map((i: any) => i.state)]))
    .toEqual([['web-a', [ports[80], ports[443]].sort(), ['InService', 'InService']], ['web-b', [ports[443] + 1], ['InService', 'InService']]]);
  expect(live.serverCertificates.map((c: any) => [c.name, c.standInFor])).toEqual([
    ['aws_acm_certificate-SiteCertificate', ACM_REFERENCE], ['web-b-cert', EXISTING_IAM_CERTIFICATE],
  ]);
  const table = await run(['status']);
  expect(table.stdout).toContain(`web-b-cert`);
  expect(table.stdout).toContain(`stand-in for ${EXISTING_IAM_CERTIFICATE}`);

  const ids = INSTANCES.map((i) => i.instanceId);
  const http = await get('http', ports[80], '/plain');
  expect(http.status).toBe(200);
  expect(ids).toContain(http.instance);
  const viaA = await getTrusting(ports[443], standInPem('aws_acm_certificate-SiteCertificate'), '/through');
  expect(viaA).toEqual({ status: 200, instance: expect.any(String), subject: 'aws_acm_certificate-SiteCertificate' });
  expect(ids).toContain(viaA.instance);
  const viaB = await getTrusting(ports[443] + 1, standInPem('web-b-cert'), '/through');
  expect(viaB).toEqual({ status: 200, instance: expect.any(String), subject: 'web-b-cert' });
  expect(ids).toContain(viaB.instance);
  // Each listener serves its own load balancer's stand-in: web-a's certificate is not trusted for web-b.
  await expect(getTrusting(ports[443] + 1, standInPem('aws_acm_certificate-SiteCertificate'), '/through')).rejects.toThrow(/self-signed|unable to verify|certificate/i);
}, 120_000);

test('synthesizing again keeps the stand-ins and the mapping: the next plan has no changes', async () => {
  synth();
  const again = await run(['plan', '--format', 'json']);
  expect(again.stderr).toBe('');
  expect(again.code).toBe(0);
  expect(JSON.parse(again.stdout).summary.hasChanges).toBe(false);
}, 60_000);

test('two load balancers given one local port are refused when planning, and nothing changes', async () => {
  synth({ loadBalancerPorts: { 'web-b': { 443: ports[443] } } });
  const refused = await run(['apply', '--auto-approve']);
  expect(refused.code).toBe(1);
  expect(refused.stderr).toMatch(new RegExp(`^SECLB_DEPLOY_LISTENER_PORT_CLASH: load balancers 'web-a' and 'web-b' of the stack both listen on local port ${ports[443]}\\.`));
  expect(refused.stderr).toMatch(/Fix: give 'web-a' its own port with the local target's loadBalancerPorts option/);
  const status = JSON.parse((await run(['--json', 'status'])).stdout);
  expect(status.loadBalancers.find((l: any) => l.name === 'web-b').listeners.map((x: any) => x.loadBalancerPort)).toEqual([ports[443] + 1]);
}, 60_000);
