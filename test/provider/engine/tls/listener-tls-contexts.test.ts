import * as fs from 'fs';
import * as net from 'net';
import { Duplex } from 'stream';
import * as tls from 'tls';
import { CipherCatalog } from '../../../../lib/policy/attributes/cipher-catalog';
import { CertificateKeyType } from '../../../../lib/policy/attributes/types';
import { PredefinedPolicies } from '../../../../lib/policy/predefined/predefined-policies';
import { SecurityPolicy } from '../../../../lib/policy/predefined/security-policy';
import { freePort, startHttpBackend, TestBackend } from '../helpers/backends';
import { makeCert, tempDir } from '../helpers/certs';
import { lbDocument, listener, sslPolicy } from '../helpers/documents';
import { SERVING_MODES, ServingEngine, startServingEngine } from '../helpers/engine-harness';
import { httpGet } from '../helpers/http-client';
import { nodeHandshake, opensslHandshake } from '../helpers/tls-client';
import { waitFor } from '../helpers/wait';

// The policy of issue 15: ELBSecurityPolicy-TLS-1-2-2017-01 plus Protocol-TLSv1. TLS 1.0 and 1.2 on,
// TLS 1.1 off, and every suite TLS 1.2-only. OpenSSL 3 (3.0.19 and 3.5.9 alike) refuses every
// handshake of one context with this gap ("No ciphers enabled for max supported SSL/TLS version");
// Classic ELB serves TLS 1.2 with the eight RSA suites (of 12; the four ECDSA ones need an EC certificate) and refuses TLS 1.0 (no suite it can carry).
const GAP_POLICY = { basedOn: SecurityPolicy.ELB_SECURITY_POLICY_TLS_1_2_2017_01, enable: ['Protocol-TLSv1'] };
const RSA_SUITES = PredefinedPolicies.definition(SecurityPolicy.ELB_SECURITY_POLICY_TLS_1_2_2017_01).ciphers
  .filter((c) => CipherCatalog.find(c)!.certificateKeyType === CertificateKeyType.RSA);
const ANY_TLS12 = { minVersion: 'TLSv1.2', maxVersion: 'TLSv1.2' } as const;

/**
 * A client-side stream that writes to a real socket one byte at a time, each byte only after the
 * previous one was handed to the kernel, so the server sees its ClientHello arrive in pieces.
 */
function dribblingSocket(port: number): Duplex {
  const socket = net.connect({ host: '127.0.0.1', port, noDelay: true });
  const duplex = new Duplex({
    read() { socket.resume(); },
    write(chunk: Buffer, _enc, callback) {
      let i = 0;
      const next = (err?: Error | null) => {
        if (err || i === chunk.length) { callback(err); return; }
        socket.write(chunk.subarray(i, ++i), next);
      };
      next();
    },
    final(callback) { socket.end(callback); },
    destroy(err, callback) { socket.destroy(); callback(err); },
  });
  socket.on('data', (d) => { if (!duplex.push(d)) socket.pause(); });
  socket.on('end', () => duplex.push(null));
  socket.on('error', (e) => duplex.destroy(e));
  return duplex;
}

describe.each(SERVING_MODES)('a policy whose versions have a gap is served as ELB serves it (issue 15), %s', (_mode, workers) => {
  let engine: ServingEngine;
  let backend: TestBackend;
  let dir: string;
  let port: number;

  beforeAll(async () => {
    dir = tempDir('tls-gap');
    const cert = makeCert(dir, 'localhost');
    backend = await startHttpBackend('i-000000g1', '127.77.0.91');
    engine = await startServingEngine(workers);
    port = await freePort();
    expect((await engine.admin.put('/v1/server-certificates/gap', { certificateBody: cert.certPem, privateKey: cert.keyPem })).status).toBe(200);
    await engine.admin.apply(lbDocument('gap', {
      listeners: [listener(port, 'HTTPS', backend.port, 'HTTP', { sslCertificateId: 'gap', policyNames: ['tls10-and-12'] })],
      policies: [sslPolicy('tls10-and-12', GAP_POLICY)],
      healthCheck: { target: `TCP:${backend.port}` },
      instances: [{ instanceId: 'i-000000g1', address: '127.77.0.91' }],
    }), null);
    await waitFor('InService', async () => (await engine.admin.get('/v1/load-balancers/gap/instance-health')).body.InstanceStates[0].State === 'InService');
  }, 60_000);
  afterAll(async () => {
    await engine?.stop();
    await backend?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('the engine reports nothing unenforceable: it can serve this policy exactly', async () => {
    const status = (await engine.admin.get('/v1/status')).body;
    expect(status.listeners.find((l: any) => l.port === port)).toMatchObject({ canNegotiate: true, unenforceable: [] });
  });

  test('TLS 1.2 is accepted: Node.js clients with and without TLS 1.3, and openssl s_client', async () => {
    expect(await nodeHandshake(port, ANY_TLS12)).toMatchObject({ ok: true, protocol: 'TLSv1.2' });
    expect(await nodeHandshake(port, {})).toMatchObject({ ok: true, protocol: 'TLSv1.2' });
    expect(await nodeHandshake(port, { minVersion: 'TLSv1', maxVersion: 'TLSv1.2', ciphers: 'ALL:@SECLEVEL=0' })).toMatchObject({ ok: true, protocol: 'TLSv1.2' });
    expect(await opensslHandshake(port, ['-tls1_2'])).toMatchObject({ ok: true, protocol: 'TLSv1.2' });
    expect(await opensslHandshake(port, [])).toMatchObject({ ok: true, protocol: 'TLSv1.2' });
  });

  test('each of the eight RSA suites is accepted at TLS 1.2, in server order (the four ECDSA ones need an EC certificate)', async () => {
    expect(RSA_SUITES).toHaveLength(8);
    for (const suite of RSA_SUITES) {
      expect({ suite, ...(await nodeHandshake(port, { ...ANY_TLS12, ciphers: suite })) }).toMatchObject({ suite, ok: true, protocol: 'TLSv1.2', cipher: suite });
    }
    expect(await nodeHandshake(port, { ...ANY_TLS12, ciphers: [...RSA_SUITES].reverse().join(':') })).toMatchObject({ ok: true, cipher: RSA_SUITES[0] });
  });

  test('TLS 1.0 (no suite it can carry), TLS 1.1 (off) and TLS 1.3 (never) are refused', async () => {
    for (const v of ['TLSv1', 'TLSv1.1'] as const) {
      expect((await nodeHandshake(port, { minVersion: v, maxVersion: v, ciphers: 'ALL:@SECLEVEL=0' })).ok).toBe(false);
    }
    expect((await nodeHandshake(port, { minVersion: 'TLSv1.3' })).ok).toBe(false);
    expect((await opensslHandshake(port, ['-tls1', '-cipher', 'ALL:@SECLEVEL=0'])).ok).toBe(false);
    expect((await opensslHandshake(port, ['-tls1_1', '-cipher', 'ALL:@SECLEVEL=0'])).ok).toBe(false);
  });

  test('requests pass over it', async () => {
    const r = await httpGet(`https://127.0.0.1:${port}/through-the-gap`, { rejectUnauthorized: false });
    expect(r.status).toBe(200);
    expect(backend.lastHeaders?.['x-forwarded-proto']).toBe('https');
  });

  test('a session resumes (the per-version contexts keep the listener\'s ticket keys)', async () => {
    const session = await new Promise<Buffer>((resolve, reject) => {
      const s = tls.connect({ host: '127.0.0.1', port, rejectUnauthorized: false, ...ANY_TLS12 });
      s.once('session', (sess: Buffer) => { resolve(sess); s.end(); });
      s.on('error', reject);
    });
    const reused: boolean[] = [];
    for (let i = 0; i < 10; i++) {
      reused.push(await new Promise<boolean>((resolve, reject) => {
        const s = tls.connect({ host: '127.0.0.1', port, rejectUnauthorized: false, ...ANY_TLS12, session }, () => { resolve(s.isSessionReused()); s.end(); });
        s.on('error', reject);
      }));
    }
    expect(reused).toEqual(Array(10).fill(true));
  });

  test('a ClientHello that arrives one byte at a time is read whole and served', async () => {
    const r = await new Promise<{ ok: boolean; protocol?: string | null; error?: string }>((resolve) => {
      const s = tls.connect({ socket: dribblingSocket(port), rejectUnauthorized: false, servername: 'localhost' }, () => {
        resolve({ ok: true, protocol: s.getProtocol() });
        s.end();
      });
      s.on('error', (e) => resolve({ ok: false, error: e.message }));
    });
    expect(r).toEqual({ ok: true, protocol: 'TLSv1.2' });
  });

  test('a client that leaves in the middle of its hello, or sends no TLS at all, is counted as a failed negotiation', async () => {
    const count = async () => (await engine.admin.get('/v1/load-balancers/gap')).body.counters.ClientTLSNegotiationErrors as number;
    const before = await count();
    await new Promise<void>((resolve) => {
      const s = net.connect({ host: '127.0.0.1', port }, () => s.end(Buffer.from([0x16, 0x03, 0x01, 0x02, 0x00, 0x01])));
      s.on('close', () => resolve());
      s.on('error', () => undefined);
      s.resume();
    });
    await new Promise<void>((resolve) => {
      const s = net.connect({ host: '127.0.0.1', port }, () => s.write('GET / HTTP/1.1\r\nHost: x\r\n\r\n'));
      s.on('close', () => resolve());
      s.on('error', () => undefined);
      s.resume();
    });
    await waitFor('both counted', async () => (await count()) >= before + 2);
  });
});
