import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Testing } from 'cdktf';
import { WalkthroughStack } from '../../../../examples/walkthrough/walkthrough-stack';
import { applyPlan } from '../../../../provider/deploy/apply/apply-plan';
import { AppliedRecord } from '../../../../provider/deploy/apply/applied-record';
import { readLiveState } from '../../../../provider/deploy/apply/live-state';
import { LocalStack, readLocalStack } from '../../../../provider/deploy/desired/local-stack';
import { readProviderSettings } from '../../../../provider/deploy/desired/provider-settings';
import { planDeployment } from '../../../../provider/deploy/diff/deployment-diff';
import { PlanAction } from '../../../../provider/deploy/plan/deploy-plan';
import { removeStackAttachments } from '../../../../provider/deploy/stack/stack-attachments';
import { planStackDeployment, StackToPlan } from '../../../../provider/deploy/stack/stack-plan';
import { certificates } from '../../../constructs/helpers';
import { freePort, LocalEngine, startLocalEngine } from '../../plugin/helpers/local-engine';

// The deploy core's planning rules for a stack (moved out of the CLI so every front end shares
// them), against a real in-process engine.

const OWNER = { tool: 'seclb-cli', stack: 'walkthrough' };
const OTHER = { tool: 'seclb-cli', stack: 'other' };
let engine: LocalEngine;
let stateDirectory: string;

async function synthLocal(): Promise<LocalStack> {
  const listenerPorts = { 80: await freePort(), 443: await freePort() };
  const app = Testing.app({ context: { 'seclb:target': 'local', 'seclb:local': { listenerPorts, instancePorts: { 8080: 28080, 443: 28443 } } } });
  return readLocalStack(Testing.synth(new WalkthroughStack(app, 'walkthrough', { certificates: certificates() })));
}

function session(local: LocalStack, owner = OWNER): StackToPlan {
  return { stack: owner.stack, file: 'cdk.tf.json', local, stateDirectory, client: engine.client.as(owner) };
}

/** Another stack's load balancer on the same engine: the walkthrough's document under another name and other ports. */
async function applyOtherStack(): Promise<string> {
  const other = await synthLocal();
  const document = { ...other.desired.loadBalancers[0], name: 'OtherStackLb' };
  const live = (await readLiveState(engine.client)).state;
  // Planned against the part of live state it declares (the walkthrough's certificate, no load balancer).
  const declared = { loadBalancers: [], serverCertificates: (live.serverCertificates ?? []).filter((c) => other.certificates.some((m) => m.name === c.name)), revisions: {} };
  const plan = planDeployment({ loadBalancers: [document], serverCertificates: other.desired.serverCertificates }, declared, { stack: 'other' });
  await applyPlan(engine.client.as(OTHER), plan, { certificates: other.certificates });
  return document.name;
}

beforeAll(async () => {
  engine = await startLocalEngine();
});

afterAll(async () => {
  await engine.harness.stop();
});

beforeEach(() => {
  stateDirectory = mkdtempSync(join(tmpdir(), 'seclb-stack-plan-'));
});

afterEach(async () => {
  rmSync(stateDirectory, { recursive: true, force: true });
  for (const { name } of await engine.client.listLoadBalancers()) await engine.client.deleteLoadBalancer(name, undefined, { forceOwner: true });
  for (const { name } of await engine.client.listCertificates()) await engine.client.deleteCertificate(name, { forceOwner: true });
});

test('before its first apply a stack plans only what it declares: another stack\'s load balancer is not planned for deletion', async () => {
  const other = await applyOtherStack();
  const local = await synthLocal();
  const { plan, lastApplied } = await planStackDeployment(session(local), { owner: OWNER });
  expect(lastApplied).toBeUndefined();
  expect(plan.loadBalancers.map((l) => [l.name, l.action])).toEqual([['MyLoadBalancer', PlanAction.CREATE]]);
  expect(plan.loadBalancers.map((l) => l.name)).not.toContain(other);
});

test('a destroy plans the deletion of what the stack declares and created, and leaves what another stack created', async () => {
  const local = await synthLocal();
  const planned = await planStackDeployment(session(local), { owner: OWNER });
  await applyPlan(engine.client.as(OWNER), planned.plan, {
    certificates: local.certificates, onRecord: (s) => AppliedRecord.write(stateDirectory, 'walkthrough', s),
  });
  const other = await applyOtherStack();
  const destroy = await planStackDeployment(session(local), { mode: 'destroy', owner: OWNER });
  expect(destroy.lastApplied?.loadBalancers.map((d) => d.name)).toEqual(['MyLoadBalancer']);
  expect(destroy.plan.loadBalancers.filter((l) => l.action === PlanAction.DELETE).map((l) => l.name)).toEqual(['MyLoadBalancer']);
  expect(destroy.plan.loadBalancers.map((l) => l.name)).not.toContain(other);
  expect(destroy.left ?? []).toEqual([]);
  // As another stack, the same declared objects are left to their owner.
  const asOther = await planStackDeployment(session(local, OTHER), { mode: 'destroy', owner: OTHER });
  expect(asOther.plan.loadBalancers.filter((l) => l.action === PlanAction.DELETE)).toEqual([]);
  expect(asOther.left?.map((l) => l.name)).toEqual(expect.arrayContaining(['MyLoadBalancer']));
});

test('removing a stack\'s attachments changes only load balancers that exist', async () => {
  const local = await synthLocal();
  await applyPlan(engine.client.as(OWNER), (await planStackDeployment(session(local), { owner: OWNER })).plan, { certificates: local.certificates });
  const before = (await engine.client.getLoadBalancer('MyLoadBalancer'))!.revision;
  // An attachment that owns nothing any more (its policies and bindings already gone): the
  // read-modify-write still goes through the live revision.
  const attachment = (loadBalancerName: string) => ({ loadBalancerName, attachment: { loadBalancerName, policies: [], listeners: [], backendServers: [] } });
  const removed = await removeStackAttachments(engine.client.as(OWNER), [attachment('MyLoadBalancer'), attachment('NoSuchLb')]);
  expect(removed).toEqual([{ kind: 'load-balancer', name: 'MyLoadBalancer', action: PlanAction.UPDATE }]);
  expect((await engine.client.getLoadBalancer('MyLoadBalancer'))!.revision).toBeGreaterThan(before);
  expect(await engine.client.getLoadBalancer('NoSuchLb')).toBeUndefined();
});

test('the provider block is read as cdktf writes it (a list of one) and as one object; other values are left out', () => {
  expect(readProviderSettings({ provider: { seclb: [{ state_directory: '/s', admin_address: '127.0.0.1:1' }] } })).toEqual({ stateDirectory: '/s', adminAddress: '127.0.0.1:1' });
  expect(readProviderSettings({ provider: { seclb: { state_directory: '/s' } } })).toEqual({ stateDirectory: '/s' });
  expect(readProviderSettings({ provider: { seclb: [{ state_directory: 7 }] } })).toEqual({});
  expect(readProviderSettings({ provider: { seclb: [] } })).toEqual({});
  expect(readProviderSettings(null)).toEqual({});
});
