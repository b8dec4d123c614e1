import * as fs from 'fs';
import * as net from 'net';
import * as path from 'path';
import { startHttpBackend, freePort, TestBackend } from './helpers/backends';
import { makeCert, tempDir, TestCert } from './helpers/certs';
import { lbDocument, listener } from './helpers/documents';
import { startEngine, EngineHarness } from './helpers/engine-harness';

describe('admin API', () => {
  let h: EngineHarness;
  let backend: TestBackend;
  let dir: string;
  let cert: TestCert;
  let port: number;
  const doc = () => lbDocument('admin', {
    listeners: [listener(port, 'HTTP', backend.port, 'HTTP')],
    healthCheck: { target: `TCP:${backend.port}` },
    instances: [{ instanceId: 'i-0000adm1', address: '127.77.0.71' }],
  });
  // Every state file (snapshot and journal), concatenated with their names: a refused write changes none.
  const stateBytes = () => Buffer.concat(['state.json', 'state.journal'].flatMap((f) => {
    const p = path.join(h.stateDir, f);
    return fs.existsSync(p) ? [Buffer.from(`${f}\n`), fs.readFileSync(p)] : [];
  }));

  beforeAll(async () => {
    dir = tempDir('admin');
    cert = makeCert(dir, 'admin.example');
    backend = await startHttpBackend('i-0000adm1', '127.77.0.71');
    h = await startEngine();
    port = await freePort();
    await h.admin.apply(doc(), null);
  });
  afterAll(async () => {
    await h.stop();
    await backend.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  describe('authentication', () => {
    test('the token file and the state file are 0600', () => {
      expect(fs.statSync(path.join(h.stateDir, 'admin-token')).mode & 0o777).toBe(0o600);
      expect(fs.statSync(h.engine.stateFile).mode & 0o777).toBe(0o600);
    });
    test.each([
      ['no token', undefined],
      ['a wrong token', 'not-the-token'],
    ])('requests with %s get 401 and change nothing', async (_what, token) => {
      const before = stateBytes();
      const anon = h.admin.withToken(token);
      for (const r of [
        await anon.get('/v1/status'),
        await anon.put('/v1/load-balancers/admin', { document: { ...doc(), idleTimeoutSeconds: 5 }, expectedRevision: 1 }),
        await anon.delete('/v1/load-balancers/admin'),
        await anon.put('/v1/server-certificates/x', { certificateBody: cert.certPem, privateKey: cert.keyPem }),
      ]) {
        expect(r.status).toBe(401);
        expect(r.body.error.code).toBe('SECLB_ENGINE_UNAUTHORIZED');
      }
      expect(stateBytes().equals(before)).toBe(true);
      expect((await h.admin.get('/v1/load-balancers/admin')).body.document.idleTimeoutSeconds).toBe(60);
    });
    test('the admin API listens on loopback only', async () => {
      expect(new URL(h.admin.url).hostname).toBe('127.0.0.1');
    });
  });

  describe('writes', () => {
    test('an invalid document gets 400 with every finding, and changes nothing', async () => {
      const before = stateBytes();
      const current = (await h.admin.get('/v1/load-balancers/admin')).body;
      const bad = { ...doc(), healthCheck: { ...doc().healthCheck, timeoutSeconds: 30, intervalSeconds: 30 }, idleTimeoutSeconds: 0 };
      const r = await h.admin.put('/v1/load-balancers/admin', { document: bad, expectedRevision: current.revision });
      expect(r.status).toBe(400);
      expect(r.body.error.code).toBe('SECLB_ENGINE_INVALID_DOCUMENT');
      const paths = r.body.error.findings.map((f: any) => f.path);
      expect(paths).toEqual(expect.arrayContaining(['healthCheck.timeoutSeconds', 'idleTimeoutSeconds']));
      for (const f of r.body.error.findings) expect(f).toEqual(expect.objectContaining({ code: expect.stringMatching(/^SECLB_/), message: expect.any(String), rule: expect.any(String), fix: expect.any(String) }));
      expect(stateBytes().equals(before)).toBe(true);
    });
    test('malformed JSON and a missing expectedRevision get 400', async () => {
      const raw = await h.admin.request('PUT', '/v1/load-balancers/admin', undefined, '{"document": ');
      expect(raw.status).toBe(400);
      expect(raw.body.error.code).toBe('SECLB_ENGINE_BAD_REQUEST');
      const noRev = await h.admin.put('/v1/load-balancers/admin', { document: doc() });
      expect(noRev.status).toBe(400);
      expect(noRev.body.error.message).toMatch(/expectedRevision/);
    });
    test('a stale expectedRevision gets 409 and changes nothing', async () => {
      const current = (await h.admin.get('/v1/load-balancers/admin')).body;
      const ok = await h.admin.put('/v1/load-balancers/admin', { document: { ...doc(), idleTimeoutSeconds: 61 }, expectedRevision: current.revision });
      expect(ok.status).toBe(200);
      expect(ok.body.revision).toBeGreaterThan(current.revision);
      const before = stateBytes();
      const stale = await h.admin.put('/v1/load-balancers/admin', { document: { ...doc(), idleTimeoutSeconds: 62 }, expectedRevision: current.revision });
      expect(stale.status).toBe(409);
      expect(stale.body.error).toMatchObject({ code: 'SECLB_ENGINE_STALE_REVISION', expectedRevision: current.revision, liveRevision: ok.body.revision });
      expect(stateBytes().equals(before)).toBe(true);
      const create = await h.admin.put('/v1/load-balancers/admin', { document: doc(), expectedRevision: null });
      expect(create.status).toBe(409);
    });
    test('a port that cannot be bound fails the whole apply and rolls back the ports it had bound', async () => {
      const blocker = net.createServer();
      const taken = await new Promise<number>((r) => blocker.listen(0, '127.0.0.1', () => r((blocker.address() as net.AddressInfo).port)));
      const fresh = await freePort();
      try {
        const current = (await h.admin.get('/v1/load-balancers/admin')).body;
        const before = stateBytes();
        const d = doc();
        const r = await h.admin.put('/v1/load-balancers/admin', {
          document: { ...d, listeners: [...d.listeners, listener(fresh, 'HTTP', backend.port, 'HTTP'), listener(taken, 'HTTP', backend.port, 'HTTP')].sort((a, b) => a.loadBalancerPort - b.loadBalancerPort) },
          expectedRevision: current.revision,
        });
        expect(r.status).toBe(409);
        expect(r.body.error.code).toBe('SECLB_ENGINE_PORT_IN_USE');
        expect(r.body.error.message).toContain(String(taken));
        expect(stateBytes().equals(before)).toBe(true);
        expect((await h.admin.get('/v1/load-balancers/admin')).body.revision).toBe(current.revision);
        // the port bound before the failure was released
        const probe = net.createServer();
        await new Promise<void>((resolve, reject) => { probe.once('error', reject); probe.listen(fresh, '127.0.0.1', () => resolve()); });
        await new Promise<void>((r2) => probe.close(() => r2()));
      } finally {
        await new Promise<void>((r) => blocker.close(() => r()));
      }
    });
    test('a listener port another load balancer owns is refused', async () => {
      const d = doc();
      const r = await h.admin.put('/v1/load-balancers/other', { document: { ...d, name: 'other' }, expectedRevision: null });
      expect(r.status).toBe(409);
      expect(r.body.error.code).toBe('SECLB_ENGINE_PORT_CONFLICT');
    });
    test('a document whose name differs from the URL is refused', async () => {
      const r = await h.admin.put('/v1/load-balancers/elsewhere', { document: doc(), expectedRevision: null });
      expect(r.status).toBe(400);
      expect(r.body.error.findings.map((f: any) => f.code)).toContain('SECLB_ENGINE_NAME_MISMATCH');
    });
    test('an HTTPS listener naming a certificate the engine does not hold is refused', async () => {
      const d = doc();
      const other = await freePort();
      const r = await h.admin.put('/v1/load-balancers/nocert', {
        document: { ...d, name: 'nocert', listeners: [listener(other, 'HTTPS', backend.port, 'HTTP', { sslCertificateId: 'missing' })] },
        expectedRevision: null,
      });
      expect(r.status).toBe(400);
      expect(r.body.error.findings.map((f: any) => f.code)).toContain('SECLB_ENGINE_UNKNOWN_CERTIFICATE');
    });
    test('unknown routes get 404 and wrong methods 405', async () => {
      expect((await h.admin.get('/v1/nothing')).status).toBe(404);
      expect((await h.admin.get('/v1/load-balancers/absent')).status).toBe(404);
      expect((await h.admin.request('POST', '/v1/load-balancers/admin')).status).toBe(405);
    });
  });

  describe('reads', () => {
    test('revisions are returned with every read and write and only grow', async () => {
      const list = (await h.admin.get('/v1/load-balancers')).body;
      expect(list.engineRevision).toBeGreaterThanOrEqual(list.loadBalancers[0].revision);
      const lb = (await h.admin.get('/v1/load-balancers/admin')).body;
      expect(lb).toMatchObject({ name: 'admin', revision: expect.any(Number), engineRevision: list.engineRevision });
      const health = (await h.admin.get('/v1/load-balancers/admin/instance-health')).body;
      expect(health.revision).toBe(lb.revision);
    });
    test('what the engine accepts but does not enforce is listed, never silently dropped', async () => {
      const lb = (await h.admin.get('/v1/load-balancers/admin')).body;
      expect(lb.notEnforced.map((n: any) => n.path)).toEqual(expect.arrayContaining(['desyncMitigationMode']));
      for (const n of lb.notEnforced) expect(n.reason).toEqual(expect.any(String));
    });
    test('policies read in the shape of DescribeLoadBalancerPolicies', async () => {
      const r = (await h.admin.get('/v1/load-balancers/admin/policies')).body;
      expect(r).toEqual({ revision: expect.any(Number), PolicyDescriptions: [] });
    });
    test('status reports version, TLS capabilities and the validators', async () => {
      const s = (await h.admin.get('/v1/status')).body;
      expect(s).toMatchObject({ version: expect.any(String), tls: { openssl: process.versions.openssl, capabilities: { protocols: expect.arrayContaining(['Protocol-TLSv1.2']) } } });
      expect(s.tls.capabilities.protocols).not.toContain('Protocol-SSLv3');
    });
  });

  describe('server certificates', () => {
    test('upload shows the SHA-256 fingerprint and never returns the key', async () => {
      const put = await h.admin.put('/v1/server-certificates/site', { certificateBody: cert.certPem, privateKey: cert.keyPem });
      expect(put.status).toBe(200);
      const get = await h.admin.get('/v1/server-certificates/site');
      expect(get.body.fingerprintSha256).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
      for (const text of [put.text, get.text, (await h.admin.get('/v1/server-certificates')).text]) {
        expect(text).not.toContain('PRIVATE KEY');
        expect(text).not.toContain('privateKey');
      }
    });
    test('a key that does not match the certificate is refused with findings', async () => {
      const other = makeCert(dir, 'other.example');
      const r = await h.admin.put('/v1/server-certificates/mismatch', { certificateBody: cert.certPem, privateKey: other.keyPem });
      expect(r.status).toBe(400);
      expect(r.body.error.code).toBe('SECLB_ENGINE_CERTIFICATE_INVALID');
      expect(r.text).not.toContain('PRIVATE KEY');
      expect((await h.admin.get('/v1/server-certificates/mismatch')).status).toBe(404);
    });
    test('a certificate a listener names cannot be deleted', async () => {
      const tlsPort = await freePort();
      await h.admin.apply(lbDocument('uses-cert', {
        listeners: [listener(tlsPort, 'HTTPS', backend.port, 'HTTP', { sslCertificateId: 'site' })],
        healthCheck: { target: `TCP:${backend.port}` },
        instances: [{ instanceId: 'i-0000adm1', address: '127.77.0.71' }],
      }), null);
      const r = await h.admin.delete('/v1/server-certificates/site');
      expect(r.status).toBe(409);
      expect(r.body.error.code).toBe('SECLB_ENGINE_CERTIFICATE_IN_USE');
      const del = await h.admin.delete('/v1/load-balancers/uses-cert');
      expect(del.status).toBe(200);
      expect((await h.admin.delete('/v1/server-certificates/site')).status).toBe(200);
    });
  });
});

describe('admin API metrics', () => {
  test('GET /v1/metrics is Prometheus text with the per-load-balancer counters, behind the token', async () => {
    const h = await startEngine();
    try {
      const backend = await startHttpBackend('i-0000met1', '127.77.0.72');
      const port = await freePort();
      await h.admin.apply(lbDocument('metrics', {
        listeners: [listener(port, 'HTTP', backend.port, 'HTTP')],
        healthCheck: { target: `TCP:${backend.port}` },
        instances: [{ instanceId: 'i-0000met1', address: '127.77.0.72' }],
      }), null);
      expect((await h.admin.withToken(undefined).get('/v1/metrics')).status).toBe(401);
      const r = await h.admin.get('/v1/metrics');
      expect(r.status).toBe(200);
      expect(r.text).toMatch(/seclb_request_count_total\{load_balancer="metrics"\} 0/);
      expect(r.text).toMatch(/# TYPE seclb_healthy_host_count gauge/);
      await backend.close();
    } finally {
      await h.stop();
    }
  });
});
