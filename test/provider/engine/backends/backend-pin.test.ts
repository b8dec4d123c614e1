import * as fs from 'fs';
import * as net from 'net';
import * as tls from 'tls';
import { BackendConnector } from '../../../../provider/engine/backends/backend-connector';
import { BackendPin, BackendPinSet } from '../../../../provider/engine/backends/backend-pin';
import { makeCaAndLeaf, makeCert, tempDir, TestCert } from '../helpers/certs';

/** A TLS server presenting `cert` (+ `chain`), counting application bytes it receives. */
async function serve(cert: TestCert, chain = ''): Promise<{ port: number; bytes: () => number; close: () => Promise<void> }> {
  let bytes = 0;
  const server = tls.createServer({ key: cert.keyPem, cert: cert.certPem + chain }, (s) => s.on('data', (d) => { bytes += d.length; }));
  const port = await new Promise<number>((r) => server.listen(0, '127.77.0.151', () => r((server.address() as net.AddressInfo).port)));
  return { port, bytes: () => bytes, close: () => new Promise<void>((r) => server.close(() => r())) };
}

function connect(port: number, pins?: BackendPinSet): Promise<{ ok: boolean; code?: string; socket?: net.Socket }> {
  return new Promise((resolve) => BackendConnector.connect({ instanceId: 'i-pin', address: '127.77.0.151', port, tls: true, pins }, 5_000, undefined,
    (err, socket) => resolve(err ? { ok: false, code: (err as { code?: string }).code } : { ok: true, socket })));
}

describe('back-end key pinning (BackendPin, BackendConnector)', () => {
  let dir: string;
  beforeAll(() => { dir = tempDir('pinunit'); });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('the leaf key pinned: accepted; another key: refused before any byte is written', async () => {
    const good = makeCert(dir, 'leaf-good', 'ec');
    const other = makeCert(dir, 'leaf-other', 'ec');
    const server = await serve(other);
    try {
      expect((await connect(server.port, { policyName: 'p', keys: new Set([good.spki]) }))).toEqual({ ok: false, code: 'SECLB_ENGINE_BACKEND_PIN_MISMATCH' });
      const accepted = await connect(server.port, { policyName: 'p', keys: new Set([good.spki, other.spki]) });
      expect(accepted.ok).toBe(true);
      accepted.socket!.destroy();
      expect(server.bytes()).toBe(0);
    } finally {
      await server.close();
    }
  });

  test('a pinned CA key matches a leaf it really signed (chain verified link by link)', async () => {
    const { ca, leaf } = makeCaAndLeaf(dir, 'ca-real', 'leaf-signed');
    const server = await serve(leaf, ca.certPem);
    try {
      const r = await connect(server.port, { policyName: 'ca', keys: new Set([ca.spki]) });
      expect(r.ok).toBe(true);
      r.socket!.destroy();
    } finally {
      await server.close();
    }
  });

  test('presenting a pinned CA certificate beside a leaf it did not sign is refused', async () => {
    const { ca } = makeCaAndLeaf(dir, 'ca-victim', 'leaf-unused');
    const forged = makeCert(dir, 'leaf-forged', 'ec'); // self-signed, not issued by the CA
    const server = await serve(forged, ca.certPem);
    try {
      expect(await connect(server.port, { policyName: 'ca', keys: new Set([ca.spki]) })).toEqual({ ok: false, code: 'SECLB_ENGINE_BACKEND_PIN_MISMATCH' });
      expect(server.bytes()).toBe(0);
    } finally {
      await server.close();
    }
  });

  test('without pins the certificate is not checked at all', async () => {
    const any = makeCert(dir, 'leaf-any', 'ec');
    const server = await serve(any);
    try {
      const r = await connect(server.port, undefined);
      expect(r.ok).toBe(true);
      r.socket!.destroy();
    } finally {
      await server.close();
    }
  });

  test('spkiOf gives the one-line base64 SPKI form of the PublicKey attribute', () => {
    const c = makeCert(dir, 'spki', 'rsa');
    expect(BackendPin.spkiOf(new (require('crypto').X509Certificate)(c.certPem))).toBe(c.spki);
    expect(c.spki.startsWith('MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8A')).toBe(true);
  });
});
