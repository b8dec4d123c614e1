import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { LoadBalancerDocument } from '../../../lib/policy/document/load-balancer-document';
import { lbDocument, listener } from '../engine/helpers/documents';
import { httpGet } from '../engine/helpers/http-client';
import { waitFor } from '../engine/helpers/wait';
import { freePort } from './helpers/local-engine';
import { usePluginFixture } from './helpers/plugin-fixture';
import { SeclbWorkspace } from './helpers/seclb-workspace';
import { structuredDocument } from './helpers/structured';

// seclb_load_balancer under the real Terraform CLI against a real engine: the whole life cycle,
// traffic through the engine, drift, import, and errors as Terraform diagnostics.

jest.setTimeout(120_000);

const fixture = usePluginFixture({ backend: { instanceId: 'i-web-1', address: '127.0.0.11' } });

/** The document as nested attributes, written in its own key order (not canonical). */
function documentText(overrides: Partial<LoadBalancerDocument> = {}): object {
  const doc = lbDocument('web', {
    listeners: [listener(fixture.listenerPort, 'HTTP', fixture.backend.port, 'HTTP')],
    healthCheck: { target: `HTTP:${fixture.backend.port}/health` },
    instances: [{ instanceId: 'i-web-1', address: '127.0.0.11' }],
  });
  const { name, ...rest } = { ...doc, ...overrides };
  return structuredDocument({ ...rest, name }) as object;
}

function configure(doc = documentText()): void {
  fixture.ws.writeResources({ seclb_load_balancer: { web: { name: 'web', document: doc } } });
}

beforeAll(() => configure());

test('terraform init installs the provider from the local mirror, offline', async () => {
  const run = await fixture.ws.init();
  expect(run.code).toBe(0);
  expect(run.text).toMatch(/Installed cdktf-secure-elb\/seclb v0\.1\.0/);
});

test('plan shows the create, with the computed attributes known after apply', async () => {
  const run = await fixture.ws.plan();
  expect(run.code).toBe(2);
  expect(run.text).toContain('# seclb_load_balancer.web will be created');
  expect(run.text).toContain('+ revision = (known after apply)');
  expect(run.text).toContain('+ dns_name = (known after apply)');
});

test('apply creates the load balancer, and traffic flows through it to the back end', async () => {
  const run = await fixture.ws.apply();
  expect(run.code).toBe(0);
  expect(run.text).toContain('Apply complete! Resources: 1 added');
  const live = await fixture.engine.client.getLoadBalancer('web');
  expect(live?.document.listeners[0].loadBalancerPort).toBe(fixture.listenerPort);
  const answer = await waitFor('a 200 from the back end through the listener', async () => {
    const r = await httpGet(`http://127.0.0.1:${fixture.listenerPort}/hello`);
    return r.status === 200 ? r : undefined;
  }, 15_000);
  expect(answer.body).toBe('i-web-1');
});

test('a plan right after apply shows no changes (the document is compared by meaning)', async () => {
  const run = await fixture.ws.plan();
  expect(run.code).toBe(0);
  expect(run.text).toContain('No changes.');
});

test('a change made through the admin API shows as drift, and apply restores the configuration', async () => {
  const live = await fixture.engine.client.getLoadBalancer('web');
  await fixture.engine.client.putLoadBalancer('web', { ...live!.document, idleTimeoutSeconds: 99 }, live!.revision);
  const drift = await fixture.ws.plan();
  expect(drift.code).toBe(2);
  expect(drift.text).toMatch(/~ idle_timeout_seconds += 99 -> 60/);
  expect(drift.text).toContain('Plan: 0 to add, 1 to change, 0 to destroy.');

  const restore = await fixture.ws.apply();
  expect(restore.code).toBe(0);
  expect((await fixture.engine.client.getLoadBalancer('web'))?.document.idleTimeoutSeconds).toBe(60);
  expect((await fixture.ws.plan()).code).toBe(0);
});

test('a one-attribute change plans as exactly that nested attribute', async () => {
  configure(documentText({ healthCheck: { target: `HTTP:${fixture.backend.port}/health`, intervalSeconds: 20, timeoutSeconds: 14, healthyThreshold: 2, unhealthyThreshold: 2 } }));
  try {
    const run = await fixture.ws.plan();
    expect(run.code).toBe(2);
    expect(run.text).toContain('Plan: 0 to add, 1 to change, 0 to destroy.');
    expect(run.text).toMatch(/~ health_check = \{ ~ timeout_seconds = 15 -> 14 # \(4 unchanged attributes hidden\) \}/);
    // Nothing else changes but the computed revision: no other attribute line, no JSON string.
    expect([...run.text.matchAll(/[~+-] (\w+) += \S+ -> /g)].map((m) => m[1])).toEqual(['timeout_seconds', 'revision']);
    expect([...run.text.matchAll(/ [~+-] (\w+) = /g)].map((m) => m[1])).toEqual(['document', 'health_check', 'timeout_seconds', 'revision']);
  } finally {
    configure();
  }
});

test('terraform import adopts an existing load balancer by name, with no changes after', async () => {
  const imported = await fixture.ws.reimport('seclb_load_balancer.web', 'web');
  expect(imported.code).toBe(0);
  expect(imported.text).toContain('Import successful!');
  const run = await fixture.ws.plan();
  expect(run.code).toBe(0);
  expect(run.text).toContain('No changes.');
});

test('an invalid document is a Terraform error with the rule, the fix and the attribute', async () => {
  configure(documentText({ healthCheck: { target: `HTTP:${fixture.backend.port}/health`, intervalSeconds: 10, timeoutSeconds: 20, healthyThreshold: 2, unhealthyThreshold: 2 } }));
  try {
    const run = await fixture.ws.terraform(['validate']);
    expect(run.code).toBe(1);
    expect(run.text).toContain('Error: SECLB_HC_TIMEOUT_NOT_BELOW_INTERVAL: healthCheck.timeoutSeconds is 20s but healthCheck.intervalSeconds is 10s.');
    expect(run.text).toContain('with seclb_load_balancer.web');
    // The diagnostic points at the nested attribute: Terraform shows its line of the configuration.
    expect(run.text).toContain('in resource.seclb_load_balancer.web.document.health_check:');
    expect(run.text).toMatch(/\d+: "timeout_seconds": 20,/);
    expect(run.text).toContain('At healthCheck.timeoutSeconds in document.');
    expect(run.text).toMatch(/Fix: set healthCheck.timeoutSeconds below 10s/);
    expect(run.text).not.toMatch(/Plugin error|Plugin did not respond|inconsistent/);
  } finally {
    configure();
  }
});

test('a name that disagrees with the document is an error on the name attribute', async () => {
  fixture.ws.writeResources({ seclb_load_balancer: { web: { name: 'other', document: documentText() } } });
  try {
    const run = await fixture.ws.terraform(['validate']);
    expect(run.code).toBe(1);
    expect(run.text).toContain("Error: SECLB_PLUGIN_NAME_MISMATCH: name is 'other' but document.name is 'web'.");
  } finally {
    configure();
  }
});

test('destroy removes the load balancer from the engine', async () => {
  const run = await fixture.ws.destroy();
  expect(run.code).toBe(0);
  expect(run.text).toContain('Destroy complete! Resources: 1 destroyed.');
  expect(await fixture.engine.client.listLoadBalancers()).toEqual([]);
});

test('an engine that is down is a diagnostic naming the admin address', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'seclb-down-'));
  const port = await freePort();
  writeFileSync(join(dir, 'engine.json'), JSON.stringify({ adminUrl: `http://127.0.0.1:${port}` }));
  writeFileSync(join(dir, 'admin-token'), 'x'.repeat(32));
  const down = new SeclbWorkspace(dir);
  try {
    down.writeResources({ seclb_load_balancer: { web: { name: 'web', document: documentText() } } });
    expect((await down.init()).code).toBe(0);
    const run = await down.plan();
    expect(run.code).toBe(1);
    expect(run.text).toContain(`Error: SECLB_DEPLOY_ENGINE_UNREACHABLE: the engine's admin API at http://127.0.0.1:${port} did not answer`);
    expect(run.text).not.toMatch(/Plugin error|Plugin did not respond/);
  } finally {
    down.remove();
    rmSync(dir, { recursive: true, force: true });
  }
});
