import * as fs from 'fs';
import * as net from 'net';
import * as tls from 'tls';
import { freePort, startTcpBackend, TestBackend } from '../helpers/backends';
import { makeCert, tempDir } from '../helpers/certs';
import { backendAuthPolicies, lbDocument, listener } from '../helpers/documents';
import { EngineHarness, startEngine } from '../helpers/engine-harness';
import { waitFor } from '../helpers/wait';

/** Loopback addresses of this file's instances. */
const DOWN = '127.77.31.1';
const REFUSING = '127.77.31.2';
const PINNED = '127.77.31.3';
const RESETTING = '127.77.31.4';

/** What a client saw on a connection the load balancer could not relay. */
interface Outcome {
  /** The TLS handshake completed ('secureConnect'); always true for plain TCP. */
  handshake: boolean;
  protocol?: string | null;
  /** The server closed its side cleanly ('end': close_notify then FIN for TLS, FIN for TCP). */
  ended: boolean;
  /** The error the client saw, if any. */
  error?: string;
  /** Bytes the client received. */
  received: number;
}

/**
 * Connects (TLS with `tlsOptions`, plain TCP without), sends one line once connected, calls
 * `onSent` once the line is written, and reports what happened until the socket closes (bounded: 5 s).
 */
function probe(port: number, tlsOptions?: tls.ConnectionOptions, onSent: () => unknown = () => undefined): Promise<Outcome> {
  return new Promise((resolve) => {
    const outcome: Outcome = { handshake: false, ended: false, received: 0 };
    const send = () => s.write('ping\n', () => onSent());
    const s: net.Socket = tlsOptions
      ? tls.connect({ host: '127.0.0.1', port, rejectUnauthorized: false, ...tlsOptions }, () => {
        outcome.handshake = true;
        outcome.protocol = (s as tls.TLSSocket).getProtocol();
        send();
      })
      : net.connect(port, '127.0.0.1', () => { outcome.handshake = true; send(); });
    s.on('data', (d: Buffer) => { outcome.received += d.length; });
    s.on('end', () => { outcome.ended = true; });
    s.on('error', (e) => { outcome.error = e.message; });
    s.on('close', () => resolve(outcome));
    s.setTimeout(5_000, () => { outcome.error = 'timeout'; s.destroy(); });
  });
}

/**
 * Clients of the SSL listener (default policy ELBSecurityPolicy-2016-08: TLS 1.0 to 1.2) and the
 * version each negotiates. Classic ELB has no TLS 1.3, so a client offering 1.3 and 1.2 gets 1.2.
 */
const CLIENTS: Array<[string, tls.ConnectionOptions, string]> = [
  ['TLS 1.2 only', { minVersion: 'TLSv1.2', maxVersion: 'TLSv1.2' }, 'TLSv1.2'],
  ['offering TLS 1.3 and 1.2', { minVersion: 'TLSv1.2', maxVersion: 'TLSv1.3' }, 'TLSv1.2'],
  ['TLS 1.0 only', { minVersion: 'TLSv1', maxVersion: 'TLSv1', ciphers: 'DEFAULT:@SECLEVEL=0' }, 'TLSv1'],
];

describe('a TCP or SSL listener that cannot relay a connection closes it cleanly', () => {
  let h: EngineHarness;
  let dir: string;
  let healthOnly: TestBackend;
  let refusedPort: number;
  let pinnedServer: tls.Server;
  let pinnedBytes = 0;
  let noneSsl: number;
  let noneTcp: number;
  let refusedSsl: number;
  let refusedTcp: number;
  let pinnedSsl: number;
  let resetSsl: number;
  let resetTcp: number;
  let resetHealth: TestBackend;
  let resetServer: net.Server;
  /** Connections the resetting back end holds (it never answers the engine's ClientHello). */
  const held = new Set<net.Socket>();

  /** Resets the connection the resetting back end holds, once the engine has opened it. */
  async function resetHeld(): Promise<void> {
    await waitFor('the engine\'s back-end connection', () => held.size > 0);
    for (const s of held) s.resetAndDestroy();
  }

  beforeAll(async () => {
    dir = tempDir('tcp-proxy');
    h = await startEngine();
    const front = makeCert(dir, 'front', 'ec');
    expect((await h.admin.put('/v1/server-certificates/front', { certificateBody: front.certPem, privateKey: front.keyPem })).status).toBe(200);
    // A port nothing listens on (on any of this file's addresses): connections to it are refused.
    refusedPort = await freePort();
    // The instance that refuses traffic passes its health check on another port.
    healthOnly = await startTcpBackend('i-0000cl02', REFUSING);
    // An SSL back end whose key is not the pinned one.
    const presented = makeCert(dir, 'presented', 'ec');
    const expected = makeCert(dir, 'expected', 'ec');
    pinnedServer = tls.createServer({ key: presented.keyPem, cert: presented.certPem }, (s) => s.on('data', (d) => { pinnedBytes += d.length; }));
    const pinnedPort = await new Promise<number>((r) => pinnedServer.listen(0, PINNED, () => r((pinnedServer.address() as net.AddressInfo).port)));
    // An SSL back end that holds each connection until the test resets it (the engine's handshake
    // to it fails with ECONNRESET), so the client's bytes have reached the engine first.
    resetHealth = await startTcpBackend('i-0000cl04', RESETTING);
    resetServer = net.createServer((s) => {
      held.add(s);
      s.on('close', () => held.delete(s));
      s.on('error', () => undefined);
    });
    const resetPort = await new Promise<number>((r) => resetServer.listen(0, RESETTING, () => r((resetServer.address() as net.AddressInfo).port)));
    [noneSsl, noneTcp, refusedSsl, refusedTcp, pinnedSsl, resetSsl, resetTcp] = await Promise.all([freePort(), freePort(), freePort(), freePort(), freePort(), freePort(), freePort()]);
    await h.admin.apply(lbDocument('none', {
      listeners: [listener(noneSsl, 'SSL', refusedPort, 'TCP', { sslCertificateId: 'front' }), listener(noneTcp, 'TCP', refusedPort, 'TCP')],
      healthCheck: { target: `TCP:${refusedPort}` },
      instances: [{ instanceId: 'i-0000cl01', address: DOWN }],
    }), null);
    await h.admin.apply(lbDocument('refused', {
      listeners: [listener(refusedSsl, 'SSL', refusedPort, 'TCP', { sslCertificateId: 'front' }), listener(refusedTcp, 'TCP', refusedPort, 'TCP')],
      healthCheck: { target: `TCP:${healthOnly.port}` },
      instances: [{ instanceId: 'i-0000cl02', address: REFUSING }],
    }), null);
    await h.admin.apply(lbDocument('pinned', {
      listeners: [listener(pinnedSsl, 'SSL', pinnedPort, 'SSL', { sslCertificateId: 'front' })],
      policies: backendAuthPolicies('p', [expected.spki]),
      backendServers: [{ instancePort: pinnedPort, policyNames: ['p-auth'] }],
      healthCheck: { target: `TCP:${pinnedPort}` },
      instances: [{ instanceId: 'i-0000cl03', address: PINNED }],
    }), null);
    await h.admin.apply(lbDocument('reset', {
      listeners: [listener(resetSsl, 'SSL', resetPort, 'SSL', { sslCertificateId: 'front' }), listener(resetTcp, 'TCP', resetPort, 'SSL')],
      healthCheck: { target: `TCP:${resetHealth.port}` },
      instances: [{ instanceId: 'i-0000cl04', address: RESETTING }],
    }), null);
    const state = async (lb: string) => (await h.admin.get(`/v1/load-balancers/${lb}/instance-health`)).body.InstanceStates[0].State;
    await waitFor('none: OutOfService', async () => (await state('none')) === 'OutOfService');
    await waitFor('refused: InService', async () => (await state('refused')) === 'InService');
    await waitFor('pinned: InService', async () => (await state('pinned')) === 'InService');
    await waitFor('reset: InService', async () => (await state('reset')) === 'InService');
  });
  afterAll(async () => {
    await h.stop();
    await healthOnly.close();
    await resetHealth.close();
    await new Promise<void>((r) => resetServer.close(() => r()));
    await new Promise<void>((r) => pinnedServer.close(() => r()));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  describe.each(CLIENTS)('SSL listener, client %s', (_label, options, version) => {
    test('no InService instance: the handshake completes, then the connection is closed', async () => {
      const o = await probe(noneSsl, options);
      expect(o).toEqual({ handshake: true, protocol: version, ended: true, received: 0 });
    });

    test('every instance refuses the connection: the handshake completes, then the connection is closed', async () => {
      const before = (await h.admin.get('/v1/load-balancers/refused')).body.counters.BackendConnectionErrors;
      const o = await probe(refusedSsl, options);
      expect(o).toEqual({ handshake: true, protocol: version, ended: true, received: 0 });
      expect((await h.admin.get('/v1/load-balancers/refused')).body.counters.BackendConnectionErrors).toBeGreaterThan(before);
    });

    test('the back end fails its key pin: the handshake completes, then the connection is closed', async () => {
      const before = (await h.admin.get('/v1/load-balancers/pinned')).body.counters.BackendAuthenticationFailures;
      const o = await probe(pinnedSsl, options);
      expect(o).toEqual({ handshake: true, protocol: version, ended: true, received: 0 });
      expect((await h.admin.get('/v1/load-balancers/pinned')).body.counters.BackendAuthenticationFailures).toBe(before + 1);
      expect(pinnedBytes).toBe(0);
    });

    test('the instance resets the connection after the client sent bytes: the handshake completes, then the connection is closed', async () => {
      const o = await probe(resetSsl, options, resetHeld);
      expect(o).toEqual({ handshake: true, protocol: version, ended: true, received: 0 });
    });
  });

  describe('TCP listener', () => {
    test('no InService instance: the connection is closed', async () => {
      expect(await probe(noneTcp)).toEqual({ handshake: true, ended: true, received: 0 });
    });

    test('every instance refuses the connection: the connection is closed', async () => {
      expect(await probe(refusedTcp)).toEqual({ handshake: true, ended: true, received: 0 });
    });

    test('the instance resets the connection after the client sent bytes: the connection is closed, not reset', async () => {
      expect(await probe(resetTcp, undefined, resetHeld)).toEqual({ handshake: true, ended: true, received: 0 });
    });
  });
});
