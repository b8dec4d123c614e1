import * as fs from 'fs';
import * as net from 'net';
import * as tls from 'tls';
import { freePort, startHttpBackend, TestBackend } from '../helpers/backends';
import { makeCert, tempDir } from '../helpers/certs';
import { lbDocument, listener } from '../helpers/documents';
import { EngineHarness, startEngine } from '../helpers/engine-harness';
import { waitFor } from '../helpers/wait';

/** The value of one sample of the Prometheus text, or undefined. */
function sample(text: string, name: string, labels: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${name}{${labels}} `));
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
}

/** A raw TCP client; `closedAt` is set when the engine (or the client) closed it. */
function rawClient(port: number): Promise<{ socket: net.Socket; connectedAt: number; closedAt: () => number | undefined }> {
  return new Promise((resolve, reject) => {
    let closedAt: number | undefined;
    const socket = net.connect(port, '127.0.0.1', () => resolve({ socket, connectedAt: Date.now(), closedAt: () => closedAt }));
    socket.on('close', () => { closedAt = Date.now(); });
    socket.on('error', reject);
  });
}

describe('front-end listener: the client TLS handshake deadline (10 s, one sweep timer per port)', () => {
  let h: EngineHarness;
  let backend: TestBackend;
  let dir: string;
  let port = 0;

  beforeAll(async () => {
    dir = tempDir('front-end');
    const cert = makeCert(dir, 'localhost');
    h = await startEngine();
    backend = await startHttpBackend('fe', '127.77.0.61');
    port = await freePort();
    expect((await h.admin.put('/v1/server-certificates/fe', { certificateBody: cert.certPem, privateKey: cert.keyPem })).status).toBe(200);
    await h.admin.apply(lbDocument('fe-deadline', {
      listeners: [listener(port, 'HTTPS', backend.port, 'HTTP', { sslCertificateId: 'fe' })],
      healthCheck: { target: `TCP:${backend.port}` },
      instances: [{ instanceId: 'i-fe000001', address: '127.77.0.61' }],
    }), null);
  });
  afterAll(async () => {
    await h.stop();
    await backend.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('silent and stalled handshakes are closed after 10-11 s and counted handshake_timeout once each; a completed one and a client that left are not', async () => {
    // Sends nothing at all.
    const silent = await rawClient(port);
    // Sends a TLS record header and stops (a stalled ClientHello).
    const stalled = await rawClient(port);
    stalled.socket.write(Buffer.from([0x16, 0x03, 0x01, 0x02, 0x00]));
    // Leaves before any handshake: its deadline must end with its socket (not counted as a timeout later).
    const leaver = await rawClient(port);
    leaver.socket.destroy();
    // Completes its handshake and then stays idle (the idle timeout is 60 s): its deadline ended with the handshake.
    const completed = await new Promise<tls.TLSSocket>((resolve, reject) => {
      const s = tls.connect({ port, host: '127.0.0.1', rejectUnauthorized: false, maxVersion: 'TLSv1.2' }, () => resolve(s));
      s.on('error', reject);
    });
    let completedClosed = false;
    completed.on('close', () => { completedClosed = true; });

    await waitFor('the engine closes both unfinished handshakes', () => silent.closedAt() !== undefined && stalled.closedAt() !== undefined, 20_000, 50);
    for (const c of [silent, stalled]) {
      const afterMs = c.closedAt()! - c.connectedAt;
      // The client connected before the engine accepted, so its clock runs at least as long as the engine's.
      expect(afterMs).toBeGreaterThanOrEqual(10_000);
      // 10 s + one sweep (1 s) + slack for a loaded machine.
      expect(afterMs).toBeLessThan(16_000);
    }
    expect(completedClosed).toBe(false);
    expect(completed.getProtocol()).toBe('TLSv1.2');

    const labels = 'load_balancer="fe-deadline",reason="handshake_timeout"';
    const text = await waitFor('the timeouts are counted', async () => {
      const t = (await h.admin.get('/v1/metrics')).text;
      return sample(t, 'seclb_client_tls_handshake_failures_total', labels) === 2 ? t : undefined;
    });
    expect(sample(text, 'seclb_client_tls_handshake_failures_total', labels)).toBe(2);
    completed.destroy();
  }, 40_000);
});
