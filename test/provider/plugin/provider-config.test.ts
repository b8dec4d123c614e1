import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { lbDocument, listener } from '../engine/helpers/documents';
import { SeclbWorkspace } from './helpers/seclb-workspace';
import { structuredDocument } from './helpers/structured';

// The provider block, checked by the real Terraform CLI (validate needs no engine).

jest.setTimeout(60_000);

let stateDir: string;

function validLb(): Record<string, Record<string, unknown>> {
  const doc = lbDocument('x', { listeners: [listener(8080, 'HTTP', 8081, 'HTTP')], healthCheck: { target: 'TCP:8081' }, instances: [{ instanceId: 'i-1', address: '127.0.0.11' }] });
  return { seclb_load_balancer: { x: { name: 'x', document: structuredDocument(doc) } } };
}
let ws: SeclbWorkspace;

beforeAll(async () => {
  SeclbWorkspace.assertReady();
  stateDir = mkdtempSync(join(tmpdir(), 'seclb-config-'));
  ws = new SeclbWorkspace(stateDir);
  ws.writeResources(validLb());
  expect((await ws.init()).code).toBe(0);
});

afterAll(() => {
  ws?.remove();
  rmSync(stateDir, { recursive: true, force: true });
});

test('an admin_address off loopback is an error on admin_address', async () => {
  ws.writeResources(validLb(), { admin_address: 'http://10.1.2.3:8490' });
  const run = await ws.terraform(['validate']);
  expect(run.code).toBe(1);
  expect(run.text).toContain("Error: SECLB_DEPLOY_ADMIN_NOT_LOOPBACK: the admin address 'http://10.1.2.3:8490' is not a loopback http:// URL.");
  expect(run.text).toMatch(/with provider\["registry.terraform.io\/cdktf-secure-elb\/seclb"\], on main.tf.json line \d+, in provider.seclb\[0\]: \d+: "admin_address"/);
});

test('an admin_address that is not a URL is an error on admin_address', async () => {
  ws.writeResources(validLb(), { admin_address: 'localhost' });
  const run = await ws.terraform(['validate']);
  expect(run.code).toBe(1);
  expect(run.text).toContain("Error: SECLB_PLUGIN_BAD_PROVIDER_CONFIG: admin_address is 'localhost', which is not a URL.");
});

test('a state directory without a running engine is an error at plan time that says how to start one', async () => {
  ws.writeResources(validLb());
  expect((await ws.terraform(['validate'])).code).toBe(0);
  const run = await ws.plan();
  expect(run.code).toBe(1);
  expect(run.text).toContain(`Error: SECLB_DEPLOY_ENGINE_NOT_STARTED: no admin token at ${join(stateDir, 'admin-token')}.`);
  expect(run.text).toContain(`Fix: run \`seclb engine start --state-dir ${stateDir}\``);
  expect(run.text).not.toMatch(/Plugin error|Plugin did not respond/);
});
