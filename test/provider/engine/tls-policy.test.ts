import { startHttpBackend, freePort, TestBackend } from './helpers/backends';
import { makeCert, tempDir } from './helpers/certs';
import { lbDocument, listener, sslPolicy } from './helpers/documents';
import { startEngine, EngineHarness } from './helpers/engine-harness';
import { nodeHandshake, opensslHandshake } from './helpers/tls-client';
import { waitFor } from './helpers/wait';
import * as fs from 'fs';

// GIVEN three HTTPS listeners on one load balancer:
//  strict: TLS 1.2 only, two ECDHE-RSA GCM suites, server order
//  legacy: TLS 1.0 + TLS 1.2 (1.1 switched off), three suites, server order, plus RC4-SHA that OpenSSL 3 cannot offer
//  client: the legacy suites with client order (Server-Defined-Cipher-Order false)
const STRICT = { protocols: ['Protocol-TLSv1.2'], ciphers: ['ECDHE-RSA-AES128-GCM-SHA256', 'ECDHE-RSA-AES256-GCM-SHA384'], serverDefinedCipherOrder: true };
const LEGACY = { protocols: ['Protocol-TLSv1', 'Protocol-TLSv1.2'], ciphers: ['ECDHE-RSA-AES256-SHA', 'AES128-SHA', 'RC4-SHA'], serverDefinedCipherOrder: true };
const CLIENT_ORDER = { ...LEGACY, ciphers: ['ECDHE-RSA-AES256-SHA', 'AES128-SHA'], serverDefinedCipherOrder: false };

describe('HTTPS listeners enforce their SSL negotiation policy on real handshakes', () => {
  let h: EngineHarness;
  let backend: TestBackend;
  let dir: string;
  const ports = { strict: 0, legacy: 0, client: 0 };

  beforeAll(async () => {
    dir = tempDir('tls');
    const cert = makeCert(dir, 'localhost');
    h = await startEngine();
    backend = await startHttpBackend('i-0000000a', '127.77.0.31');
    ports.strict = await freePort();
    ports.legacy = await freePort();
    ports.client = await freePort();
    const up = await h.admin.put('/v1/server-certificates/web', { certificateBody: cert.certPem, privateKey: cert.keyPem });
    expect(up.status).toBe(200);
    await h.admin.apply(lbDocument('tls', {
      listeners: [
        listener(ports.strict, 'HTTPS', backend.port, 'HTTP', { sslCertificateId: 'web', policyNames: ['strict'] }),
        listener(ports.legacy, 'HTTPS', backend.port, 'HTTP', { sslCertificateId: 'web', policyNames: ['legacy'] }),
        listener(ports.client, 'SSL', backend.port, 'TCP', { sslCertificateId: 'web', policyNames: ['client-order'] }),
      ],
      policies: [sslPolicy('strict', STRICT), sslPolicy('legacy', LEGACY), sslPolicy('client-order', CLIENT_ORDER)],
      healthCheck: { target: `TCP:${backend.port}` },
      instances: [{ instanceId: 'i-0000000a', address: '127.77.0.31' }],
    }), null);
    await waitFor('instance InService', async () => (await h.admin.get('/v1/load-balancers/tls/instance-health')).body.InstanceStates[0].State === 'InService');
  });
  afterAll(async () => {
    await h.stop();
    await backend.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  describe('protocols (Node tls)', () => {
    test('TLS 1.2 is accepted by the strict listener', async () => {
      expect(await nodeHandshake(ports.strict, { minVersion: 'TLSv1.2', maxVersion: 'TLSv1.2' })).toMatchObject({ ok: true, protocol: 'TLSv1.2' });
    });
    test('TLS 1.0 is refused by the strict listener and accepted by the legacy one (OpenSSL 3 needs @SECLEVEL=0)', async () => {
      const tls10 = { minVersion: 'TLSv1', maxVersion: 'TLSv1', ciphers: 'ALL:@SECLEVEL=0' } as const;
      expect((await nodeHandshake(ports.strict, tls10)).ok).toBe(false);
      expect(await nodeHandshake(ports.legacy, tls10)).toMatchObject({ ok: true, protocol: 'TLSv1' });
    });
    test('TLS 1.1, switched off between 1.0 and 1.2, is refused', async () => {
      expect((await nodeHandshake(ports.legacy, { minVersion: 'TLSv1.1', maxVersion: 'TLSv1.1', ciphers: 'ALL:@SECLEVEL=0' })).ok).toBe(false);
    });
    test('TLS 1.3 is refused: no policy enables it', async () => {
      for (const port of [ports.strict, ports.legacy, ports.client]) {
        expect((await nodeHandshake(port, { minVersion: 'TLSv1.3', maxVersion: 'TLSv1.3' })).ok).toBe(false);
      }
    });
  });

  describe('ciphers (Node tls)', () => {
    test('a suite inside the policy is accepted, one outside is refused', async () => {
      expect(await nodeHandshake(ports.strict, { maxVersion: 'TLSv1.2', ciphers: 'ECDHE-RSA-AES256-GCM-SHA384' })).toMatchObject({ ok: true, cipher: 'ECDHE-RSA-AES256-GCM-SHA384' });
      expect((await nodeHandshake(ports.strict, { maxVersion: 'TLSv1.2', ciphers: 'ECDHE-RSA-AES128-SHA256' })).ok).toBe(false);
    });
    test('server order is honoured when Server-Defined-Cipher-Order is true', async () => {
      // The client prefers AES128-SHA; the policy lists ECDHE-RSA-AES256-SHA first (catalog order).
      expect(await nodeHandshake(ports.legacy, { maxVersion: 'TLSv1.2', ciphers: 'AES128-SHA:ECDHE-RSA-AES256-SHA' })).toMatchObject({ ok: true, cipher: 'ECDHE-RSA-AES256-SHA' });
    });
    test('client order wins when Server-Defined-Cipher-Order is false', async () => {
      expect(await nodeHandshake(ports.client, { maxVersion: 'TLSv1.2', ciphers: 'AES128-SHA:ECDHE-RSA-AES256-SHA' })).toMatchObject({ ok: true, cipher: 'AES128-SHA' });
    });
  });

  describe('openssl s_client', () => {
    test('-tls1 is refused by the strict listener and accepted by the legacy one', async () => {
      const args = ['-tls1', '-cipher', 'ALL:@SECLEVEL=0'];
      expect((await opensslHandshake(ports.strict, args)).ok).toBe(false);
      expect(await opensslHandshake(ports.legacy, args)).toMatchObject({ ok: true, protocol: 'TLSv1.0' });
    });
    test('-tls1_2 is accepted by the strict listener', async () => {
      expect(await opensslHandshake(ports.strict, ['-tls1_2'])).toMatchObject({ ok: true, protocol: 'TLSv1.2' });
    });
    test('-cipher outside the policy is refused, inside accepted', async () => {
      expect((await opensslHandshake(ports.strict, ['-tls1_2', '-cipher', 'AES128-SHA'])).ok).toBe(false);
      expect(await opensslHandshake(ports.legacy, ['-tls1_2', '-cipher', 'AES128-SHA'])).toMatchObject({ ok: true, cipher: 'AES128-SHA' });
    });
    test('server order holds with s_client too', async () => {
      expect(await opensslHandshake(ports.legacy, ['-tls1_2', '-cipher', 'AES128-SHA:ECDHE-RSA-AES256-SHA'])).toMatchObject({ ok: true, cipher: 'ECDHE-RSA-AES256-SHA' });
    });
    test('-tls1_3 is refused', async () => {
      expect((await opensslHandshake(ports.strict, ['-tls1_3'])).ok).toBe(false);
    });
  });

  test('what this OpenSSL cannot negotiate is reported in /v1/status, per listener', async () => {
    const status = (await h.admin.get('/v1/status')).body;
    const legacy = status.listeners.find((l: any) => l.port === ports.legacy);
    expect(legacy.unenforceable.map((u: any) => u.attribute)).toEqual(['RC4-SHA']);
    expect(status.listeners.find((l: any) => l.port === ports.strict).unenforceable).toEqual([]);
    expect(status.tls.capabilities.source).toMatch(/^probed: OpenSSL/);
  });

  test('the SSL listener relays bytes to the TCP back end after the handshake', async () => {
    const tls = await import('tls');
    const reply = await new Promise<string>((resolve, reject) => {
      const s = tls.connect({ host: '127.0.0.1', port: ports.client, rejectUnauthorized: false, maxVersion: 'TLSv1.2' }, () => s.write('GET /x HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n'));
      let text = '';
      s.on('data', (d) => { text += d; });
      s.on('end', () => resolve(text));
      s.on('error', reject);
      s.setTimeout(5_000, () => s.destroy(new Error('timeout')));
    });
    expect(reply).toMatch(/^HTTP\/1.1 200[\s\S]*i-0000000a$/);
    expect(backend.lastHeaders?.['x-forwarded-for']).toBeUndefined();
  });

  test('failed client handshakes are counted', async () => {
    const lb = (await h.admin.get('/v1/load-balancers/tls')).body;
    expect(lb.counters.ClientTLSNegotiationErrors).toBeGreaterThan(0);
  });
});
