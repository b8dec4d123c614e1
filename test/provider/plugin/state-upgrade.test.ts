import { randomUUID } from 'crypto';
import { writeFileSync } from 'fs';
import { join } from 'path';
import { LoadBalancerDocuments } from '../../../lib/policy/document/load-balancer-documents';
import { lbDocument, listener } from '../engine/helpers/documents';
import { usePluginFixture } from './helpers/plugin-fixture';

// Stored state written by an earlier build (an attribute missing, the document formatted
// differently from the configuration) plans as no change with this build.

jest.setTimeout(120_000);

const fixture = usePluginFixture();

test('old state without dns_name and with a canonical document plans as no change against a compact configuration', async () => {
  const port = fixture.listenerPort;
  const doc = lbDocument('legacy', { listeners: [listener(port, 'HTTP', 8081, 'HTTP')], healthCheck: { target: 'TCP:8081' }, instances: [{ instanceId: 'i-1', address: '127.0.0.14' }] });
  const written = await fixture.engine.client.putLoadBalancer('legacy', doc, null);
  fixture.ws.writeResources({ seclb_load_balancer: { web: { name: 'legacy', document: JSON.stringify(doc) } } });
  writeFileSync(join(fixture.ws.dir, 'terraform.tfstate'), JSON.stringify({
    version: 4, terraform_version: '1.11.4', serial: 1, lineage: randomUUID(), outputs: {}, check_results: null,
    resources: [{
      mode: 'managed', type: 'seclb_load_balancer', name: 'web', provider: 'provider["registry.terraform.io/cdktf-secure-elb/seclb"]',
      instances: [{ schema_version: 0, attributes: { id: 'legacy', name: 'legacy', document: LoadBalancerDocuments.serialize(doc), revision: written.revision }, sensitive_attributes: [] }],
    }],
  }, null, 2));
  expect((await fixture.ws.init()).code).toBe(0);
  const noRefresh = await fixture.ws.terraform(['plan', '-input=false', '-detailed-exitcode', '-refresh=false']);
  expect(noRefresh.code).toBe(0);
  const refreshed = await fixture.ws.plan();
  expect(refreshed.code).toBe(0);
  expect(refreshed.text).toContain('No changes.');
  await fixture.engine.client.deleteLoadBalancer('legacy');
});
