import { Testing } from 'cdktf';
import { createServer } from 'net';
import { WalkthroughStack } from '../../../../examples/walkthrough/walkthrough-stack';
import { applyPlan } from '../../../../provider/deploy/apply/apply-plan';
import { AppliedRecord } from '../../../../provider/deploy/apply/applied-record';
import { readLiveState } from '../../../../provider/deploy/apply/live-state';
import { LocalStack, readLocalStack } from '../../../../provider/deploy/desired/local-stack';
import { planDeployment } from '../../../../provider/deploy/diff/deployment-diff';
import { DeploymentState } from '../../../../provider/deploy/diff/deployment-state';
import { DeployPlan, PlanSource } from '../../../../provider/deploy/plan/deploy-plan';
import { generateWalkthroughCertificates } from '../../../../examples/walkthrough/certificates';
import { certificates } from '../../../constructs/helpers';
import { freePort, LocalEngine, startLocalEngine } from '../../plugin/helpers/local-engine';

let engine: LocalEngine;

function synthLocal(listenerPorts: Record<string, number>, certs = certificates()): LocalStack {
  const app = Testing.app({ context: { 'seclb:target': 'local', 'seclb:local': { listenerPorts, instancePorts: { 8080: 28080, 443: 28443 } } } });
  return readLocalStack(Testing.synth(new WalkthroughStack(app, 'walkthrough', { certificates: certs })));
}

async function planFor(stack: LocalStack): Promise<DeployPlan> {
  const live = await readLiveState(engine.client);
  return planDeployment(stack.desired, live.state, { stack: 'walkthrough' });
}

beforeAll(async () => {
  engine = await startLocalEngine();
});

afterAll(async () => {
  await engine.harness.stop();
});

afterEach(async () => {
  for (const { name } of await engine.client.listLoadBalancers()) await engine.client.deleteLoadBalancer(name);
  for (const { name } of await engine.client.listCertificates()) await engine.client.deleteCertificate(name);
});

test('creates the certificate before the load balancer, and records what it applied', async () => {
  const stack = synthLocal({ 80: await freePort(), 443: await freePort() });
  let recorded: DeploymentState | undefined;
  const result = await applyPlan(engine.client, await planFor(stack), { certificates: stack.certificates, onRecord: (s) => { recorded = s; } });
  expect(result.changes.map((c) => [c.kind, c.action])).toEqual([['server-certificate', 'create'], ['load-balancer', 'create']]);
  expect((await engine.client.getLoadBalancer('MyLoadBalancer'))!.revision).toBe(result.changes[1].revision);
  expect(recorded!.loadBalancers.map((d) => d.name)).toEqual(['MyLoadBalancer']);
  expect(recorded!.serverCertificates).toEqual(stack.desired.serverCertificates!.map((c) => expect.objectContaining({ name: c.name, fingerprint: c.fingerprint })));
  expect(recorded!.revisions).toEqual({ MyLoadBalancer: result.changes[1].revision });
  expect((await planFor(stack)).summary.hasChanges).toBe(false);
});

test('readLiveState reads only load balancers whose revision moved since the applied record', async () => {
  const stack = synthLocal({ 80: await freePort(), 443: await freePort() });
  let recorded: DeploymentState | undefined;
  await applyPlan(engine.client, await planFor(stack), { certificates: stack.certificates, onRecord: (s) => { recorded = s; } });
  const reads: string[] = [];
  const counting = Object.create(engine.client, { getLoadBalancer: { value: (name: string) => { reads.push(name); return engine.client.getLoadBalancer(name); } } });
  const cached = await readLiveState(counting, recorded);
  expect(reads).toEqual([]);
  expect(cached.state.loadBalancers).toEqual(recorded!.loadBalancers);
  const live = (await engine.client.getLoadBalancer('MyLoadBalancer'))!;
  await engine.client.putLoadBalancer('MyLoadBalancer', { ...live.document, idleTimeoutSeconds: 99 }, live.revision);
  const moved = await readLiveState(counting, recorded);
  expect(reads).toEqual(['MyLoadBalancer']);
  expect(moved.state.loadBalancers[0].idleTimeoutSeconds).toBe(99);
});

test('a plan computed against state that moved since is refused with SECLB_DEPLOY_STALE_PLAN and changes nothing', async () => {
  const stack = synthLocal({ 80: await freePort(), 443: await freePort() });
  const plan = await planFor(stack);
  await applyPlan(engine.client, plan, { certificates: stack.certificates });
  await expect(applyPlan(engine.client, plan, { certificates: stack.certificates })).rejects.toMatchObject({ code: 'SECLB_DEPLOY_STALE_PLAN' });
  expect((await engine.client.listLoadBalancers()).map((l) => l.revision)).toHaveLength(1);
});

test('a Terraform preview cannot be applied (SECLB_DEPLOY_APPLY_NOT_APPLICABLE)', async () => {
  const stack = synthLocal({ 80: await freePort(), 443: await freePort() });
  const plan = { ...(await planFor(stack)), source: PlanSource.TERRAFORM };
  await expect(applyPlan(engine.client, plan, { certificates: stack.certificates })).rejects.toMatchObject({ code: 'SECLB_DEPLOY_APPLY_NOT_APPLICABLE' });
});

test('certificate material that is not the one planned (the stack was synthesized again) is refused before any write', async () => {
  const ports = { 80: await freePort(), 443: await freePort() };
  const plan = await planFor(synthLocal(ports));
  const resynthesized = synthLocal(ports, generateWalkthroughCertificates());
  const renamed = resynthesized.certificates.map((c) => ({ ...c, name: plan.serverCertificates[0].name }));
  await expect(applyPlan(engine.client, plan, { certificates: renamed })).rejects.toThrow(/^SECLB_DEPLOY_APPLY_MATERIAL_CHANGED: server certificate 'testCert-[0-9a-f]{8}'/);
  await expect(applyPlan(engine.client, plan, { certificates: [] })).rejects.toMatchObject({ code: 'SECLB_DEPLOY_APPLY_MATERIAL_MISSING' });
  expect(await engine.client.listCertificates()).toEqual([]);
  expect(await engine.client.listLoadBalancers()).toEqual([]);
});

test('an unbindable listener port: SECLB_DEPLOY_APPLY_WRITE_REFUSED with the engine error as cause; the load balancer is not created, the certificate written before it is recorded', async () => {
  const blocker = createServer();
  const taken = await freePort();
  await new Promise<void>((r) => blocker.listen(taken, '127.0.0.1', () => r()));
  try {
    const stack = synthLocal({ 80: taken, 443: await freePort() });
    let recorded: DeploymentState | undefined;
    const error = await applyPlan(engine.client, await planFor(stack), { certificates: stack.certificates, onRecord: (s) => { recorded = s; } }).catch((e) => e);
    expect(error.code).toBe('SECLB_DEPLOY_APPLY_WRITE_REFUSED');
    expect(error.message).toMatch(/the create of load balancer 'MyLoadBalancer'[\s\S]*create server-certificate testCert/);
    expect(error.cause).toMatchObject({ code: 'SECLB_ENGINE_PORT_IN_USE' });
    expect(await engine.client.listLoadBalancers()).toEqual([]);
    expect(recorded!.loadBalancers).toEqual([]);
    expect(recorded!.serverCertificates).toHaveLength(1);
  } finally {
    blocker.close();
  }
});

test('AppliedRecord writes 0600 JSON per stack and reads it back; a broken file is SECLB_DEPLOY_APPLY_RECORD_FORMAT', () => {
  const dir = engine.stateDirectory;
  AppliedRecord.write(dir, 'my stack', { loadBalancers: [], serverCertificates: [] });
  expect(AppliedRecord.read(dir, 'my stack')).toEqual({ loadBalancers: [], serverCertificates: [], revisions: {} });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const fs = require('fs') as typeof import('fs');
  expect(fs.statSync(AppliedRecord.file(dir, 'my stack')).mode & 0o777).toBe(0o600);
  fs.writeFileSync(AppliedRecord.file(dir, 'my stack'), '{');
  expect(() => AppliedRecord.read(dir, 'my stack')).toThrow(/^SECLB_DEPLOY_APPLY_RECORD_FORMAT/);
  AppliedRecord.remove(dir, 'my stack');
  expect(AppliedRecord.read(dir, 'my stack')).toBeUndefined();
});
