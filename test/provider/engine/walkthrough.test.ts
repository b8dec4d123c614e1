import * as fs from 'fs';
import { walkthroughDocument, WALKTHROUGH_NAMES } from '../../policy/fixtures/walkthrough-document';
import { startHttpBackend, freePort, TestBackend } from './helpers/backends';
import { makeCert, tempDir, TestCert } from './helpers/certs';
import { startEngine, EngineHarness } from './helpers/engine-harness';
import { httpGet } from './helpers/http-client';
import { nodeHandshake, opensslHandshake } from './helpers/tls-client';
import { waitFor } from './helpers/wait';

// The AWS HTTPS walk-through, end to end on loopback: the canonical document from the shared
// fixture, with only ports and instance addresses moved onto free loopback ones.
describe('the AWS walk-through document runs on the engine', () => {
  let h: EngineHarness;
  let dir: string;
  let frontCert: TestCert;
  let backCert: TestCert;
  const backends: TestBackend[] = [];
  let httpPort: number;
  let httpsPort: number;

  beforeAll(async () => {
    dir = tempDir('walk');
    frontCert = makeCert(dir, 'www.example.com');
    backCert = makeCert(dir, 'backend.example.com');
    const web1 = await startHttpBackend('i-0bb7ca62', '127.77.0.92');
    const web2 = await startHttpBackend('i-4f8cf126', '127.77.0.91', web1.port);
    const tls1 = await startHttpBackend('i-0bb7ca62', '127.77.0.92', 0, backCert);
    const tls2 = await startHttpBackend('i-4f8cf126', '127.77.0.91', tls1.port, backCert);
    backends.push(web1, web2, tls1, tls2);
    httpPort = await freePort();
    httpsPort = await freePort();
    const original = walkthroughDocument(backCert.spki);
    const port = (p: number) => (p === 8080 ? web1.port : p === 443 ? tls1.port : p);
    const doc = {
      ...original,
      listeners: original.listeners.map((l) => ({ ...l, loadBalancerPort: l.loadBalancerPort === 80 ? httpPort : httpsPort, instancePort: port(l.instancePort) }))
        .sort((a, b) => a.loadBalancerPort - b.loadBalancerPort),
      backendServers: original.backendServers.map((b) => ({ ...b, instancePort: port(b.instancePort) })),
      healthCheck: { ...original.healthCheck, target: `HTTP:${web1.port}/health` },
      instances: original.instances.map((i) => ({ ...i, address: i.instanceId === 'i-4f8cf126' ? '127.77.0.91' : '127.77.0.92' })),
    };
    // The walk-through's health check is 30 s / 3 s; at 0.1 that is 3 s / 300 ms (the first check runs at once).
    h = await startEngine({ healthCheckTimeScale: 0.1 });
    expect((await h.admin.put(`/v1/server-certificates/${WALKTHROUGH_NAMES.certificate}`, { certificateBody: frontCert.certPem, privateKey: frontCert.keyPem })).status).toBe(200);
    await h.admin.apply(doc, null);
    await waitFor('both InService', async () => (await h.admin.get(`/v1/load-balancers/${WALKTHROUGH_NAMES.loadBalancer}/instance-health`)).body.InstanceStates.every((s: any) => s.State === 'InService'));
  });
  afterAll(async () => {
    await h.stop();
    for (const b of backends) await b.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('HTTP 80 -> 8080 serves both instances', async () => {
    const bodies = new Set<string>();
    for (let i = 0; i < 6; i++) bodies.add((await httpGet(`http://127.0.0.1:${httpPort}/`)).body);
    expect([...bodies].sort()).toEqual(['i-0bb7ca62', 'i-4f8cf126']);
  });

  test('HTTPS 443 -> HTTPS 443 with the pinned back-end key answers over TLS, with X-Forwarded-Proto https', async () => {
    const r = await httpGet(`https://127.0.0.1:${httpsPort}/`, { rejectUnauthorized: false });
    expect(r.status).toBe(200);
    const hit = backends.slice(2).find((b) => b.lastHeaders);
    expect(hit?.lastHeaders?.['x-forwarded-proto']).toBe('https');
    expect(hit?.lastHeaders?.['x-forwarded-port']).toBe(String(httpsPort));
  });

  test('the custom policy: TLS 1.0 enabled, DHE-RSA-AES256-SHA offered (DH parameters), TLS 1.3 refused', async () => {
    expect(await nodeHandshake(httpsPort, { minVersion: 'TLSv1', maxVersion: 'TLSv1', ciphers: 'ALL:@SECLEVEL=0' })).toMatchObject({ ok: true, protocol: 'TLSv1' });
    expect(await nodeHandshake(httpsPort, { maxVersion: 'TLSv1.2', ciphers: 'DHE-RSA-AES256-SHA' })).toMatchObject({ ok: true, cipher: 'DHE-RSA-AES256-SHA' });
    expect((await nodeHandshake(httpsPort, { minVersion: 'TLSv1.3' })).ok).toBe(false);
    expect((await opensslHandshake(httpsPort, ['-tls1_3'])).ok).toBe(false);
  });

  test('policies read back in the shape of DescribeLoadBalancerPolicies', async () => {
    const r = (await h.admin.get(`/v1/load-balancers/${WALKTHROUGH_NAMES.loadBalancer}/policies`)).body;
    const names = r.PolicyDescriptions.map((p: any) => p.PolicyName);
    expect(names).toEqual(expect.arrayContaining([WALKTHROUGH_NAMES.sslPolicy(), WALKTHROUGH_NAMES.publicKeyPolicy, WALKTHROUGH_NAMES.authenticationPolicy]));
    const key = r.PolicyDescriptions.find((p: any) => p.PolicyName === WALKTHROUGH_NAMES.publicKeyPolicy);
    expect(key).toEqual({ PolicyName: WALKTHROUGH_NAMES.publicKeyPolicy, PolicyTypeName: 'PublicKeyPolicyType', PolicyAttributeDescriptions: [{ AttributeName: 'PublicKey', AttributeValue: backCert.spki }] });
  });
});
