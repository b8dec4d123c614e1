import { PolicyAttachmentDocument } from '../../../lib/policy/document/policy-attachment-document';
import { lbDocument, listener } from '../engine/helpers/documents';
import { structuredAttachment } from './helpers/structured';
import { usePluginFixture } from './helpers/plugin-fixture';

// seclb_policy_attachment under the real Terraform CLI against a real engine: policies merged
// into a load balancer created elsewhere (here: through the admin API).

jest.setTimeout(120_000);

const fixture = usePluginFixture({ backend: { instanceId: 'i-shared-1', address: '127.0.0.12' } });

function attachment(overrides: Partial<PolicyAttachmentDocument> = {}): PolicyAttachmentDocument {
  return {
    loadBalancerName: 'shared',
    policies: [{ policyName: 'sticky-60', policyTypeName: 'LBCookieStickinessPolicyType', attributes: [{ name: 'CookieExpirationPeriod', value: '60' }] }],
    listeners: [{ loadBalancerPort: fixture.listenerPort, policyNames: ['sticky-60'] }],
    backendServers: [],
    ...overrides,
  };
}

function configure(doc: PolicyAttachmentDocument = attachment()): void {
  fixture.ws.writeResources({ seclb_policy_attachment: { sticky: { load_balancer_name: 'shared', attachment: structuredAttachment(doc) } } });
}

async function live() {
  return (await fixture.engine.client.getLoadBalancer('shared'))!;
}

beforeAll(async () => {
  await fixture.engine.client.putLoadBalancer('shared', lbDocument('shared', {
    listeners: [listener(fixture.listenerPort, 'HTTP', fixture.backend.port, 'HTTP')],
    healthCheck: { target: `TCP:${fixture.backend.port}` },
    instances: [{ instanceId: 'i-shared-1', address: '127.0.0.12' }],
  }), null);
  configure();
});

test('init, plan, apply: the policy and the listener\'s policy list are merged into the live load balancer', async () => {
  expect((await fixture.ws.init()).code).toBe(0);
  const plan = await fixture.ws.plan();
  expect(plan.code).toBe(2);
  expect(plan.text).toContain('+ revision = (known after apply)');
  const run = await fixture.ws.apply();
  expect(run.code).toBe(0);
  const doc = (await live()).document;
  expect(doc.policies.map((p) => p.policyName)).toEqual(['sticky-60']);
  expect(doc.listeners[0].policyNames).toEqual(['sticky-60']);
  expect((await fixture.ws.plan()).code).toBe(0);
});

test('changes to parts the attachment does not own are not drift', async () => {
  const lb = await live();
  await fixture.engine.client.putLoadBalancer('shared', { ...lb.document, idleTimeoutSeconds: 120 }, lb.revision);
  const run = await fixture.ws.plan();
  expect(run.code).toBe(0);
});

test('removing the attached policy through the admin API shows as drift, and apply restores it', async () => {
  const lb = await live();
  await fixture.engine.client.putLoadBalancer('shared', {
    ...lb.document,
    policies: [],
    listeners: lb.document.listeners.map((l) => ({ ...l, policyNames: [] })),
  }, lb.revision);
  const drift = await fixture.ws.plan();
  expect(drift.code).toBe(2);
  expect(drift.text).toContain('# seclb_policy_attachment.sticky will be updated in-place');
  expect(drift.text).toContain('"sticky-60"');
  const restore = await fixture.ws.apply();
  expect(restore.code).toBe(0);
  expect((await live()).document.listeners[0].policyNames).toEqual(['sticky-60']);
  expect((await live()).document.idleTimeoutSeconds).toBe(120);
  expect((await fixture.ws.plan()).code).toBe(0);
});

test('terraform import adopts the load balancer\'s policies by its name, with no changes after', async () => {
  const imported = await fixture.ws.reimport('seclb_policy_attachment.sticky', 'shared');
  expect(imported.code).toBe(0);
  const run = await fixture.ws.plan();
  expect(run.code).toBe(0);
});

test('binding a listener port the load balancer does not have is a plan-time error on attachment', async () => {
  configure(attachment({ listeners: [{ loadBalancerPort: 1, policyNames: ['sticky-60'] }] }));
  try {
    const run = await fixture.ws.plan();
    expect(run.code).toBe(1);
    expect(run.text).toContain('Error: SECLB_DEPLOY_LOCAL_ATTACHMENT_LISTENER_MISSING: listeners[0].loadBalancerPort is 1');
    expect(run.text).toContain('with seclb_policy_attachment.sticky');
    expect(run.text).toMatch(/in resource\.seclb_policy_attachment\.sticky\.attachment\.listeners\[0\]: \d+: "load_balancer_port": 1,/);
  } finally {
    configure();
  }
});

test('an attachment whose policy breaks an ELB rule is an error at the nested attribute', async () => {
  configure(attachment({ policies: [{ policyName: 'sticky_60', policyTypeName: 'LBCookieStickinessPolicyType', attributes: [] }], listeners: [] }));
  try {
    const run = await fixture.ws.plan();
    expect(run.code).toBe(1);
    expect(run.text).toMatch(/Error: SECLB_[A-Z_]+: /);
    expect(run.text).toMatch(/At policies\[0\]\.policyName in attachment\./);
    expect(run.text).toMatch(/in resource\.seclb_policy_attachment\.sticky\.attachment\.policies\[0\]: \d+: "policy_name": "sticky_60"/);
  } finally {
    configure();
  }
});

test('destroy removes what the attachment owned and leaves the load balancer', async () => {
  const run = await fixture.ws.destroy();
  expect(run.code).toBe(0);
  const doc = (await live()).document;
  expect(doc.policies).toEqual([]);
  expect(doc.listeners[0].policyNames).toEqual([]);
  expect(doc.idleTimeoutSeconds).toBe(120);
  await fixture.engine.client.deleteLoadBalancer('shared');
  expect(await fixture.engine.client.listLoadBalancers()).toEqual([]);
});
