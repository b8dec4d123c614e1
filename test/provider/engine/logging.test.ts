import * as fs from 'fs';
import { startHttpBackend, freePort, TestBackend } from './helpers/backends';
import { makeCert, tempDir, TestCert } from './helpers/certs';
import { backendAuthPolicies, lbDocument, listener, sslPolicy } from './helpers/documents';
import { startEngine, EngineHarness } from './helpers/engine-harness';
import { httpGet } from './helpers/http-client';
import { waitFor } from './helpers/wait';

// Logs are structured (one JSON object per line) and never carry key material.
describe('structured logs', () => {
  let h: EngineHarness;
  let dir: string;
  let front: TestCert;
  let pinned: TestCert;
  let served: TestCert;
  let backend: TestBackend;
  const lines: string[] = [];
  const entries = () => lines.map((l) => JSON.parse(l));

  beforeAll(async () => {
    dir = tempDir('logs');
    front = makeCert(dir, 'front');
    pinned = makeCert(dir, 'pinned', 'ec');
    served = makeCert(dir, 'served', 'ec');
    backend = await startHttpBackend('i-00000log', '127.77.0.111', 0, served);
    h = await startEngine({ captureLogs: lines });
    expect((await h.admin.put('/v1/server-certificates/front', { certificateBody: front.certPem, privateKey: front.keyPem })).status).toBe(200);
    const [tlsPort, httpPort] = [await freePort(), await freePort()];
    await h.admin.apply(lbDocument('logs', {
      listeners: [
        listener(tlsPort, 'HTTPS', backend.port, 'HTTPS', { sslCertificateId: 'front', policyNames: ['weak'] }),
        listener(httpPort, 'HTTP', backend.port, 'HTTPS'),
      ],
      policies: [sslPolicy('weak', { protocols: ['Protocol-TLSv1.2'], ciphers: ['ECDHE-RSA-AES128-GCM-SHA256', 'DES-CBC3-SHA'] }), ...backendAuthPolicies('b', [pinned.spki])],
      backendServers: [{ instancePort: backend.port, policyNames: ['b-auth'] }],
      healthCheck: { target: `TCP:${backend.port}` },
      instances: [{ instanceId: 'i-00000log', address: '127.77.0.111' }],
    }), null);
    await waitFor('InService', async () => (await h.admin.get('/v1/load-balancers/logs/instance-health')).body.InstanceStates[0].State === 'InService');
    expect((await httpGet(`http://127.0.0.1:${httpPort}/x`)).status).toBe(502);
  });
  afterAll(async () => {
    await h.stop();
    await backend.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('every line is one JSON object', () => {
    expect(lines.length).toBeGreaterThan(0);
    for (const l of lines) expect(() => JSON.parse(l)).not.toThrow();
  });

  test('attributes this OpenSSL cannot negotiate are logged as a warning, per listener', () => {
    const warn = entries().find((e) => e.msg.startsWith('SECLB_ENGINE_UNENFORCEABLE'));
    expect(warn).toMatchObject({ level: 40, loadBalancer: 'logs', sslPolicyName: 'weak' });
    expect(warn.unenforceable.map((u: any) => u.attribute)).toEqual(['DES-CBC3-SHA']);
  });

  test('a back end refused by its pins is logged with the key it presented', () => {
    const refused = entries().find((e) => e.code === 'SECLB_ENGINE_BACKEND_PIN_MISMATCH');
    expect(refused).toMatchObject({ level: 40, instanceId: 'i-00000log', presentedKeySpki: served.spki });
    expect(refused.msg).toMatch(/matches none of the keys of policy 'b-auth'/);
  });

  test('no private key material is ever logged', () => {
    const all = lines.join('\n');
    expect(all).not.toContain('PRIVATE KEY');
    for (const key of [front.keyPem, pinned.keyPem, served.keyPem]) expect(all).not.toContain(key.split('\n')[1]);
  });
});
