/**
 * The "Done when", end to end with real processes on loopback: the compiled walk-through
 * app synthesized for the local target by `seclb plan --synth`, the engine started by
 * `seclb engine start`, two real back ends (HTTP /ping and HTTPS with the pinned key), traffic
 * through both listeners, an app change planned and applied, drift, a stale plan, bad input, destroy.
 */
import { createServer, Server } from 'net';
import { connectToEngine } from '../../provider/deploy/engine-client/engine-connection';
import { EngineAdminClient } from '../../provider/deploy/engine-client/engine-admin-client';
import { get, handshake } from '../../examples/demo/probes';
import { createLocalProject, freePort, INSTANCES, LocalProject } from './helpers/local-project';

const WITHOUT_TLS10 = { basedOn: 'ELBSecurityPolicy-2016-08', enable: ['DHE-RSA-AES256-SHA'], disable: ['Protocol-SSLv3', 'Protocol-TLSv1'] };
const LB = 'MyLoadBalancer';

let project: LocalProject;
let client: EngineAdminClient;
const changed = () => ({ CDKTF_CONTEXT_JSON: JSON.stringify({ 'walkthrough:cipherPolicy': WITHOUT_TLS10 }) });

async function jsonPlan(env: NodeJS.ProcessEnv = {}, extra: string[] = []): Promise<{ code: number; plan: any; stderr: string }> {
  const r = await project.run(['plan', '--format', 'json', '--detailed-exitcode', ...extra], env);
  return { code: r.code, plan: r.stdout ? JSON.parse(r.stdout) : undefined, stderr: r.stderr };
}

async function setIdleTimeout(seconds: number): Promise<number> {
  const live = (await client.getLoadBalancer(LB))!;
  return (await client.putLoadBalancer(LB, { ...live.document, idleTimeoutSeconds: seconds }, live.revision)).revision;
}

beforeAll(async () => {
  project = await createLocalProject();
  const start = await project.run(['engine', 'start']);
  expect(start.stderr).toBe('');
  expect(start.code).toBe(0);
  client = connectToEngine({ stateDirectory: project.stateDir });
}, 60_000);

afterAll(async () => {
  await project?.close();
});

test('synth for local -> plan -> apply -> both instances InService -> traffic through both listeners', async () => {
  const planned = await jsonPlan({}, ['--synth', '--out', 'first.json']);
  expect(planned.code).toBe(2);
  expect(planned.plan.loadBalancers.map((l: any) => [l.name, l.action])).toEqual([[LB, 'create']]);
  expect(planned.plan.serverCertificates.map((c: any) => c.action)).toEqual(['create']);
  expect(JSON.stringify(planned.plan)).not.toMatch(/PRIVATE KEY/);

  const applied = await project.run(['apply', 'first.json']);
  expect(applied.code).toBe(0);
  expect(applied.stdout).toMatch(/create\s+load-balancer MyLoadBalancer/);

  const status = await project.run(['--json', 'status', '--wait', '--timeout', '20']);
  expect(status.code).toBe(0);
  const [lb] = JSON.parse(status.stdout).loadBalancers;
  expect(lb.instances.map((i: any) => [i.instanceId, i.address, i.state])).toEqual(INSTANCES.map((i) => [i.instanceId, i.address, 'InService']));

  const ids = INSTANCES.map((i) => i.instanceId);
  const http = await get('http', project.listenerPorts[80], '/hello');
  expect(http.status).toBe(200);
  expect(ids).toContain(http.instance);
  expect(JSON.parse(http.body)).toMatchObject({ scheme: 'http', path: '/hello', forwardedProto: 'http' });
  const https = await get('https', project.listenerPorts[443], '/secure', project.certificates.chainPem);
  expect(https.status).toBe(200);
  expect(ids).toContain(https.instance);
  expect(JSON.parse(https.body)).toMatchObject({ scheme: 'https', forwardedProto: 'https' });

  const again = await jsonPlan();
  expect(again.code).toBe(0);
  expect(again.plan.summary.hasChanges).toBe(false);
});

test('a change made directly through the admin API appears as drift, and apply reverts it', async () => {
  await setIdleTimeout(120);
  const { code, plan } = await jsonPlan();
  expect(code).toBe(2);
  const [lb] = plan.loadBalancers;
  expect(lb.drifted).toBe(true);
  expect(lb.changes).toEqual([expect.objectContaining({ key: 'idleTimeoutSeconds', before: 120, after: 60, origin: 'drift', lastApplied: 60 })]);
  const text = await project.run(['plan']);
  expect(text.stdout).toMatch(/drift/);

  const applied = await project.run(['apply', '--auto-approve']);
  expect(applied.code).toBe(0);
  // apply shows the plan with the same review as seclb plan: the walk-through acknowledges TLS 1.0 and 1.1.
  expect(applied.stdout).toMatch(/Security warnings at synth: 0 unacknowledged, 2 acknowledged/);
  expect(applied.stdout).toContain('acknowledged SECLB_WARN_TLS10_ENABLED on walkthrough/MySSLNegotiationPolicy: walk-through: legacy clients still on TLS 1.0');
  expect((await client.getLoadBalancer(LB))!.document.idleTimeoutSeconds).toBe(60);
});

test('an apply of a stale plan is refused and changes nothing', async () => {
  await setIdleTimeout(90);
  expect((await project.run(['plan', '--out', 'stale.json'])).code).toBe(0); // changes, but no --detailed-exitcode
  const moved = await setIdleTimeout(100);
  const refused = await project.run(['apply', 'stale.json']);
  expect(refused.code).toBe(1);
  expect(refused.stderr).toMatch(/^SECLB_DEPLOY_STALE_PLAN: load balancer 'MyLoadBalancer' was planned against live revision \d+, but live state is now at \d+/);
  const live = (await client.getLoadBalancer(LB))!;
  expect(live.revision).toBe(moved);
  expect(live.document.idleTimeoutSeconds).toBe(100);
  expect((await project.run(['apply', '--auto-approve'])).code).toBe(0);
});

test('apply without --auto-approve and without a terminal is refused with SECLB_CLI_APPROVAL_REQUIRED', async () => {
  await setIdleTimeout(80);
  const refused = await project.run(['apply']);
  expect(refused.code).toBe(1);
  expect(refused.stderr).toMatch(/^SECLB_CLI_APPROVAL_REQUIRED/);
  expect((await client.getLoadBalancer(LB))!.document.idleTimeoutSeconds).toBe(80);
  expect((await project.run(['apply', '--auto-approve'])).code).toBe(0);
});

test('change the app (drop TLS 1.0): the plan shows exactly that change as strengthening; apply; TLS 1.0 is refused', async () => {
  const port = project.listenerPorts[443];
  const ca = project.certificates.chainPem;
  expect((await handshake(port, 'TLSv1', ca)).accepted).toBe(true);

  const { code, plan } = await jsonPlan(changed(), ['--synth', '--out', 'seclb-plan-no-tls10.json']);
  expect(code).toBe(2);
  expect(plan.summary).toMatchObject({ create: 0, update: 1, delete: 0, certificateChanges: 0, driftChanges: 0, weakening: 0, strengthening: 1 });
  const [lb] = plan.loadBalancers;
  // Only the SSL negotiation policy (replaced under its new content-hash name) and the listener's binding to it.
  for (const change of lb.changes) expect(change.key).toMatch(new RegExp(`^(policies\\[MySSLNegotiationPolicy-[0-9a-f]{8}\\]|listeners\\[${port}\\]\\.policyNames)$`));
  expect(lb.changes).toHaveLength(3);
  expect(lb.security).toEqual([expect.objectContaining({ effect: 'strengthens', attribute: 'Protocol-TLSv1', before: 'true', after: 'false' })]);
  const markdown = await project.run(['plan', '--format', 'markdown'], changed());
  expect(markdown.stdout).toMatch(/<!-- seclb-plan -->/);

  expect((await project.run(['apply', 'seclb-plan-no-tls10.json'])).code).toBe(0);
  const tls10 = await handshake(port, 'TLSv1', ca);
  expect(tls10).toEqual({ accepted: false, detail: expect.stringMatching(/PROTOCOL_VERSION|ECONNRESET|alert/i) });
  expect((await handshake(port, 'TLSv1.2', ca)).accepted).toBe(true);
  expect((await get('https', port, '/after', ca)).status).toBe(200);
});

test('bad input leaves live state unchanged: an unbindable listener port, and an app that does not synthesize', async () => {
  const before = (await client.getLoadBalancer(LB))!;
  const blocker: Server = createServer();
  const taken = await freePort();
  await new Promise<void>((r) => blocker.listen(taken, '127.0.0.1', () => r()));
  try {
    const local = { stateDirectory: project.stateDir, listenerPorts: { 80: taken, 443: project.listenerPorts[443] }, instancePorts: { 8080: project.backends.httpPort, 443: project.backends.httpsPort } };
    const env = { CDKTF_CONTEXT_JSON: JSON.stringify({ 'walkthrough:cipherPolicy': WITHOUT_TLS10, 'seclb:local': local }) };
    const refused = await project.run(['apply', '--synth', '--auto-approve'], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(new RegExp(`^SECLB_CLI_PORT_UNAVAILABLE: load balancer 'MyLoadBalancer' needs listener port ${taken}`));
    expect(refused.stderr).toMatch(/Fix: remap the port with the local target's listenerPorts option/);
  } finally {
    blocker.close();
  }
  const broken = { CDKTF_CONTEXT_JSON: JSON.stringify({ 'walkthrough:cipherPolicy': { ...WITHOUT_TLS10, enable: ['Protocol-TLSv9'] } }) };
  const failed = await project.run(['plan', '--synth'], broken);
  expect(failed.code).toBe(1);
  expect(failed.stderr).toMatch(/^SECLB_CLI_SYNTH_FAILED: [\s\S]*SECLB_[A-Z_]+: [^\n]*Protocol-TLSv9/);
  expect(failed.stderr).not.toMatch(/^\s+at /m);
  const after = (await client.getLoadBalancer(LB))!;
  expect(after.revision).toBe(before.revision);
  expect(after.document).toEqual(before.document);
});

test('destroy leaves the engine with nothing', async () => {
  const destroyed = await project.run(['destroy', '--auto-approve'], changed());
  expect(destroyed.code).toBe(0);
  expect(destroyed.stdout).toMatch(/delete\s+load-balancer MyLoadBalancer/);
  expect(await client.listLoadBalancers()).toEqual([]);
  expect(await client.listCertificates()).toEqual([]);
  const status = await project.run(['--json', 'status']);
  expect(JSON.parse(status.stdout)).toEqual({ loadBalancers: [], serverCertificates: [], orphanedCertificates: [] });
});
