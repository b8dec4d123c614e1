import * as fs from 'fs';
import * as http from 'http';
import * as https from 'https';
import { connect, TLSSocket } from 'tls';
import { startHttpBackend, freePort, TestBackend } from './helpers/backends';
import { makeCert, tempDir } from './helpers/certs';
import { lbDocument, listener, sslPolicy } from './helpers/documents';
import { startEngine, EngineHarness } from './helpers/engine-harness';
import { nodeHandshake } from './helpers/tls-client';
import { waitFor } from './helpers/wait';

const STRICT = { protocols: ['Protocol-TLSv1.2'], ciphers: ['ECDHE-RSA-AES128-GCM-SHA256'], serverDefinedCipherOrder: true };
const LEGACY = { protocols: ['Protocol-TLSv1', 'Protocol-TLSv1.2'], ciphers: ['ECDHE-RSA-AES256-SHA', 'AES128-SHA'], serverDefinedCipherOrder: true };
const TLS10_ONLY = { minVersion: 'TLSv1', maxVersion: 'TLSv1', ciphers: 'ALL:@SECLEVEL=0' } as const;

/** One request on `agent` (or a fresh connection); resolves status, body and the socket used. */
function get(url: string, options: https.RequestOptions): Promise<{ status: number; body: string; socket: TLSSocket | import('net').Socket }> {
  return new Promise((resolve, reject) => {
    const mod = url.startsWith('https:') ? https : http;
    const req = mod.get(url, { timeout: 10_000, ...options }, (res) => {
      let body = '';
      res.on('data', (d) => { body += d; });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, socket: req.socket! }));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
  });
}

describe('hot apply', () => {
  let h: EngineHarness;
  let backend: TestBackend;
  let dir: string;
  let tlsPort: number;
  let httpPort: number;

  const doc = (policy: object) => lbDocument('hot', {
    listeners: [
      listener(tlsPort, 'HTTPS', backend.port, 'HTTP', { sslCertificateId: 'hot-cert', policyNames: ['front'] }),
      listener(httpPort, 'HTTP', backend.port, 'HTTP'),
    ],
    policies: [sslPolicy('front', policy)],
    healthCheck: { target: `HTTP:${backend.port}/health`, intervalSeconds: 30, timeoutSeconds: 25 },
    instances: [{ instanceId: 'i-00000hot', address: '127.77.0.61' }],
  });

  beforeAll(async () => {
    dir = tempDir('hot');
    const cert = makeCert(dir, 'localhost');
    backend = await startHttpBackend('i-00000hot', '127.77.0.61');
    h = await startEngine();
    tlsPort = await freePort();
    httpPort = await freePort();
    expect((await h.admin.put('/v1/server-certificates/hot-cert', { certificateBody: cert.certPem, privateKey: cert.keyPem })).status).toBe(200);
    await h.admin.apply(doc(STRICT), null);
    await waitFor('InService', async () => (await h.admin.get('/v1/load-balancers/hot/instance-health')).body.InstanceStates[0].State === 'InService');
  });
  afterAll(async () => {
    await h.stop();
    await backend.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('a policy applied under steady load fails no request; the next handshake gets the new policy; established connections keep theirs', async () => {
    // GIVEN the strict policy refuses TLS 1.0
    expect((await nodeHandshake(tlsPort, TLS10_ONLY)).ok).toBe(false);
    // ... and two keep-alive connections established before the change, one per listener
    const tlsAgent = new https.Agent({ keepAlive: true, maxSockets: 1, rejectUnauthorized: false, minVersion: 'TLSv1', ciphers: 'ALL:@SECLEVEL=0' });
    const httpAgent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const tlsBefore = await get(`https://127.0.0.1:${tlsPort}/k`, { agent: tlsAgent });
    const httpBefore = await get(`http://127.0.0.1:${httpPort}/k`, { agent: httpAgent });
    const cipherBefore = (tlsBefore.socket as TLSSocket).getCipher().name;
    expect(cipherBefore).toBe('ECDHE-RSA-AES128-GCM-SHA256');

    // WHEN the policy changes while 8 clients open new TLS connections in a loop
    // (until 150 requests after the apply; bounded by 5,000 requests and 30 s)
    const failures: string[] = [];
    let done = 0;
    let doneAtApply = Infinity;
    const deadline = Date.now() + 30_000;
    const worker = async () => {
      while (done < 5_000 && Date.now() < deadline && done < doneAtApply + 150) {
        try {
          const r = await get(`https://127.0.0.1:${tlsPort}/load`, { agent: false, rejectUnauthorized: false, minVersion: 'TLSv1', ciphers: 'ALL:@SECLEVEL=0' });
          if (r.status !== 200) failures.push(`status ${r.status}`);
        } catch (e) {
          failures.push((e as Error).message);
        }
        done++;
      }
    };
    const load = Promise.all(Array.from({ length: 8 }, worker));
    await waitFor('load running', () => done >= 100, 20_000, 5);
    const current = (await h.admin.get('/v1/load-balancers/hot')).body;
    await h.admin.apply(doc(LEGACY), current.revision);
    doneAtApply = done;
    await load;

    // THEN nothing failed, and requests kept flowing after the apply
    expect(failures).toEqual([]);
    expect(done).toBeGreaterThanOrEqual(doneAtApply + 150);
    // ... the very next handshake gets the new policy
    expect(await nodeHandshake(tlsPort, TLS10_ONLY)).toMatchObject({ ok: true, protocol: 'TLSv1' });
    expect(await nodeHandshake(tlsPort, { maxVersion: 'TLSv1.2' })).toMatchObject({ ok: true, cipher: 'ECDHE-RSA-AES256-SHA' });
    // ... the established TLS connection still works and keeps the cipher it negotiated
    const tlsAfter = await get(`https://127.0.0.1:${tlsPort}/k`, { agent: tlsAgent });
    expect(tlsAfter.status).toBe(200);
    expect(tlsAfter.socket).toBe(tlsBefore.socket);
    expect((tlsAfter.socket as TLSSocket).getCipher().name).toBe(cipherBefore);
    // ... and the other listener's established connection was not touched
    const httpAfter = await get(`http://127.0.0.1:${httpPort}/k`, { agent: httpAgent });
    expect(httpAfter.status).toBe(200);
    expect(httpAfter.socket).toBe(httpBefore.socket);
    tlsAgent.destroy();
    httpAgent.destroy();
  }, 60_000);

  test('an apply that leaves a TLS listener unchanged keeps its TLS context: sessions still resume', async () => {
    const session = await new Promise<Buffer>((resolve, reject) => {
      const s = connect({ host: '127.0.0.1', port: tlsPort, rejectUnauthorized: false, maxVersion: 'TLSv1.2' });
      s.once('session', (sess: Buffer) => { resolve(sess); s.end(); });
      s.on('error', reject);
    });
    const current = (await h.admin.get('/v1/load-balancers/hot')).body;
    await h.admin.apply({ ...current.document, idleTimeoutSeconds: 59 }, current.revision);
    const reused = await new Promise<boolean>((resolve, reject) => {
      const s = connect({ host: '127.0.0.1', port: tlsPort, rejectUnauthorized: false, maxVersion: 'TLSv1.2', session }, () => { resolve(s.isSessionReused()); s.end(); });
      s.on('error', reject);
    });
    expect(reused).toBe(true);
  });

  test('re-uploading a certificate a listener uses switches new handshakes to it at once', async () => {
    const next = makeCert(dir, 'rotated.example');
    const before = await new Promise<string>((resolve, reject) => {
      const s = tlsConnect(tlsPort, () => { resolve(s.getPeerX509Certificate()!.subject); s.end(); });
      s.on('error', reject);
    });
    expect(before).toContain('CN=localhost');
    const put = await h.admin.put('/v1/server-certificates/hot-cert', { certificateBody: next.certPem, privateKey: next.keyPem });
    expect(put.status).toBe(200);
    const after = await new Promise<string>((resolve, reject) => {
      const s = tlsConnect(tlsPort, () => { resolve(s.getPeerX509Certificate()!.subject); s.end(); });
      s.on('error', reject);
    });
    expect(after).toContain('CN=rotated.example');
  });
});

function tlsConnect(port: number, onSecure: () => void): TLSSocket {
  const s: TLSSocket = connect({ host: '127.0.0.1', port, rejectUnauthorized: false, maxVersion: 'TLSv1.2' }, onSecure);
  return s;
}
