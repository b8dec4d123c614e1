import { rmSync } from 'fs';
import { connectToEngine } from '../../../../provider/deploy/engine-client/engine-connection';
import { EngineAdminClient } from '../../../../provider/deploy/engine-client/engine-admin-client';
import { LocalLoadBalancers } from '../../../../provider/deploy/local-resources/local-load-balancers';
import { LocalPolicyAttachments } from '../../../../provider/deploy/local-resources/local-policy-attachments';
import { LocalServerCertificates } from '../../../../provider/deploy/local-resources/local-server-certificates';
import { makeCert, tempDir, TestCert } from '../../engine/helpers/certs';
import { lbDocument, listener } from '../../engine/helpers/documents';
import { EngineHarness, startEngine } from '../../engine/helpers/engine-harness';
import { freePort } from '../../plugin/helpers/local-engine';

// The local-resources core against a real engine (in-process), without Terraform.

let harness: EngineHarness;
let client: EngineAdminClient;
let certDir: string;
let cert: TestCert;

const sticky = (name: string) => ({ policyName: name, policyTypeName: 'LBCookieStickinessPolicyType', attributes: [{ name: 'CookieExpirationPeriod', value: '60' }] });
const doc = (name: string, ports: number[]) => lbDocument(name, {
  listeners: ports.map((p, i) => listener(p, 'HTTP', 9000 + i, 'HTTP')),
  healthCheck: { target: 'TCP:9000' },
  instances: [{ instanceId: 'i-1', address: '127.0.0.11' }],
});

beforeAll(async () => {
  harness = await startEngine();
  client = connectToEngine({ stateDirectory: harness.stateDir, adminAddress: harness.admin.url });
  certDir = tempDir('local-resources');
  cert = makeCert(certDir, 'core.example', 'ec');
});

afterAll(async () => {
  await harness?.stop();
  if (certDir) rmSync(certDir, { recursive: true, force: true });
});

test('creating a load balancer that exists is refused with a coded error, never an overwrite', async () => {
  const port = await freePort();
  await LocalLoadBalancers.create(client, doc('dup', [port]));
  await expect(LocalLoadBalancers.create(client, { ...doc('dup', [port]), idleTimeoutSeconds: 5 })).rejects.toMatchObject({ code: 'SECLB_DEPLOY_LOCAL_LOAD_BALANCER_EXISTS' });
  expect((await LocalLoadBalancers.read(client, 'dup'))?.document.idleTimeoutSeconds).toBe(60);
  expect(await LocalLoadBalancers.delete(client, 'dup')).toBe(true);
  expect(await LocalLoadBalancers.delete(client, 'dup')).toBe(false);
});

test('an update against a stale revision is refused by the engine (409)', async () => {
  const port = await freePort();
  const created = await LocalLoadBalancers.create(client, doc('stale', [port]));
  await LocalLoadBalancers.update(client, { ...doc('stale', [port]), idleTimeoutSeconds: 30 }, created.revision);
  await expect(LocalLoadBalancers.update(client, doc('stale', [port]), created.revision)).rejects.toMatchObject({ status: 409 });
  await LocalLoadBalancers.delete(client, 'stale');
});

test('creating a certificate that exists is refused with a coded error', async () => {
  const upload = { certificateBody: cert.certPem, privateKey: cert.keyPem };
  const live = await LocalServerCertificates.create(client, 'core', upload);
  expect(live.fingerprintSha256).toBeTruthy();
  await expect(LocalServerCertificates.create(client, 'core', upload)).rejects.toMatchObject({ code: 'SECLB_DEPLOY_LOCAL_CERTIFICATE_EXISTS' });
  expect(await LocalServerCertificates.delete(client, 'core')).toBe(true);
  expect(await LocalServerCertificates.delete(client, 'core')).toBe(false);
});

test('two attachments written at once to one load balancer both land (read-modify-write retried on 409)', async () => {
  const ports = [await freePort(), await freePort()].sort((x, y) => x - y);
  await LocalLoadBalancers.create(client, doc('shared', ports));
  const a = { loadBalancerName: 'shared', policies: [sticky('a')], listeners: [{ loadBalancerPort: ports[0], policyNames: ['a'] }], backendServers: [] };
  const b = { loadBalancerName: 'shared', policies: [sticky('b')], listeners: [{ loadBalancerPort: ports[1], policyNames: ['b'] }], backendServers: [] };
  const [ra, rb] = await Promise.all([LocalPolicyAttachments.apply(client, a), LocalPolicyAttachments.apply(client, b)]);
  expect(ra.revision).toBeDefined();
  expect(rb.revision).toBeDefined();
  const live = (await LocalLoadBalancers.read(client, 'shared'))!.document;
  expect(live.policies.map((p) => p.policyName)).toEqual(['a', 'b']);
  expect(live.listeners.map((l) => l.policyNames)).toEqual([['a'], ['b']]);
  expect((await LocalPolicyAttachments.read(client, a))!.attachment.policies).toEqual([sticky('a')]);
  await LocalPolicyAttachments.remove(client, a);
  expect((await LocalLoadBalancers.read(client, 'shared'))!.document.policies.map((p) => p.policyName)).toEqual(['b']);
  await LocalLoadBalancers.delete(client, 'shared');
});

test('an attachment to a load balancer that does not exist is a coded error', async () => {
  await expect(LocalPolicyAttachments.apply(client, { loadBalancerName: 'ghost', policies: [], listeners: [], backendServers: [] }))
    .rejects.toMatchObject({ code: 'SECLB_DEPLOY_LOCAL_LOAD_BALANCER_MISSING' });
  expect(await LocalPolicyAttachments.remove(client, { loadBalancerName: 'ghost', policies: [], listeners: [], backendServers: [] })).toBe(false);
});
