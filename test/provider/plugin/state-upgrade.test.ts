import { randomUUID } from 'crypto';
import { readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import { LoadBalancerDocuments } from '../../../lib/policy/document/load-balancer-documents';
import { lbDocument, listener } from '../engine/helpers/documents';
import { usePluginFixture } from './helpers/plugin-fixture';
import { structuredDocument } from './helpers/structured';

// Stored state written by an earlier build (schema version 0: an attribute missing, the document
// one JSON string) is upgraded to the nested attributes of schema version 1 and plans as no change.

jest.setTimeout(120_000);

const fixture = usePluginFixture();

test('version-0 state (document as a JSON string, no dns_name) is upgraded and plans as no change against the structured configuration', async () => {
  const port = fixture.listenerPort;
  const doc = lbDocument('legacy', { listeners: [listener(port, 'HTTP', 8081, 'HTTP')], healthCheck: { target: 'TCP:8081' }, instances: [{ instanceId: 'i-1', address: '127.0.0.14' }] });
  const written = await fixture.engine.client.putLoadBalancer('legacy', doc, null);
  fixture.ws.writeResources({ seclb_load_balancer: { web: { name: 'legacy', document: structuredDocument(doc) } } });
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
  // The next state written holds schema version 1 and the document as nested attributes.
  expect((await fixture.ws.terraform(['apply', '-input=false', '-auto-approve'])).code).toBe(0);
  const stored = JSON.parse(readFileSync(join(fixture.ws.dir, 'terraform.tfstate'), 'utf8')).resources[0].instances[0];
  expect(stored.schema_version).toBe(1);
  expect(stored.attributes.document.health_check.target).toBe('TCP:8081');
  expect(stored.attributes.document.instances).toEqual([{ instance_id: 'i-1', address: '127.0.0.14' }]);
  await fixture.engine.client.deleteLoadBalancer('legacy');
});
