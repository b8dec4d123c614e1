import { randomUUID } from 'crypto';
import { writeFileSync } from 'fs';
import { join } from 'path';
import { LoadBalancerDocuments } from '../../../lib/policy/document/load-balancer-documents';
import { lbDocument, listener } from '../engine/helpers/documents';
import { freePort, LocalEngine, startLocalEngine } from './helpers/local-engine';
import { SeclbWorkspace } from './helpers/seclb-workspace';

// Stored state written by an earlier build (an attribute missing, the document formatted
// differently from the configuration) plans as no change with this build.

jest.setTimeout(120_000);

let engine: LocalEngine;
let ws: SeclbWorkspace;

beforeAll(async () => {
  SeclbWorkspace.assertReady();
  engine = await startLocalEngine();
  ws = new SeclbWorkspace(engine.stateDirectory);
});

afterAll(async () => {
  ws?.remove();
  await engine?.harness.stop();
});

test('old state without dns_name and with a canonical document plans as no change against a compact configuration', async () => {
  const port = await freePort();
  const doc = lbDocument('legacy', { listeners: [listener(port, 'HTTP', 8081, 'HTTP')], healthCheck: { target: 'TCP:8081' }, instances: [{ instanceId: 'i-1', address: '127.0.0.14' }] });
  const written = await engine.client.putLoadBalancer('legacy', doc, null);
  ws.writeResources({ seclb_load_balancer: { web: { name: 'legacy', document: JSON.stringify(doc) } } });
  writeFileSync(join(ws.dir, 'terraform.tfstate'), JSON.stringify({
    version: 4, terraform_version: '1.11.4', serial: 1, lineage: randomUUID(), outputs: {}, check_results: null,
    resources: [{
      mode: 'managed', type: 'seclb_load_balancer', name: 'web', provider: 'provider["registry.terraform.io/cdktf-secure-elb/seclb"]',
      instances: [{ schema_version: 0, attributes: { id: 'legacy', name: 'legacy', document: LoadBalancerDocuments.serialize(doc), revision: written.revision }, sensitive_attributes: [] }],
    }],
  }, null, 2));
  expect((await ws.init()).code).toBe(0);
  const noRefresh = await ws.terraform(['plan', '-input=false', '-detailed-exitcode', '-refresh=false']);
  expect(noRefresh.code).toBe(0);
  const refreshed = await ws.plan();
  expect(refreshed.code).toBe(0);
  expect(refreshed.text).toContain('No changes.');
  await engine.client.deleteLoadBalancer('legacy');
});
