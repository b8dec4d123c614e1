import * as http from 'http';
import * as net from 'net';
import { freePort } from './helpers/backends';
import { lbDocument, listener } from './helpers/documents';
import { SERVING_MODES, ServingEngine, startServingEngine } from './helpers/engine-harness';
import { waitFor } from './helpers/wait';

/** A back end (HTTP on one port, TCP echo on another) that records when its connections close. */
async function trackingBackend(address: string) {
  const closed: string[] = [];
  const open = new Set<net.Socket>();
  const track = (kind: string) => (s: net.Socket) => { open.add(s); s.on('close', () => { open.delete(s); closed.push(kind); }); s.on('error', () => undefined); };
  const httpServer = http.createServer((req, res) => {
    req.resume();
    if (req.url === '/silent') return; // never answers: the engine answers 504 after the idle timeout
    res.writeHead(200, { 'content-length': 2 });
    res.end('ok');
  });
  httpServer.keepAliveTimeout = 600_000; // AWS advice: back ends keep connections longer than the idle timeout
  httpServer.on('connection', track('http'));
  // Health checks connect to the TCP port too: only connections that carried data count as relays.
  const tcpServer = net.createServer((s) => {
    let relayed = false;
    open.add(s);
    s.on('close', () => { open.delete(s); closed.push(relayed ? 'tcp-relay' : 'tcp-check'); });
    s.on('error', () => undefined);
    s.on('data', (d) => { relayed = true; s.write(d); });
  });
  const listen = (server: net.Server) => new Promise<number>((resolve) => server.listen({ host: address, port: 0 }, () => resolve((server.address() as net.AddressInfo).port)));
  return {
    closed, httpPort: await listen(httpServer), tcpPort: await listen(tcpServer),
    close: async () => { for (const s of open) s.destroy(); await Promise.all([httpServer, tcpServer].map((srv) => new Promise((r) => srv.close(r)))); },
  };
}

/** A raw client connection that records whether the engine closed it. */
function rawClient(port: number): Promise<{ socket: net.Socket; received: () => string; closed: () => boolean }> {
  return new Promise((resolve, reject) => {
    let text = '';
    let isClosed = false;
    const socket = net.connect(port, '127.0.0.1', () => resolve({ socket, received: () => text, closed: () => isClosed }));
    socket.on('data', (d) => { text += d; });
    socket.on('close', () => { isClosed = true; });
    socket.on('error', reject);
  });
}

describe.each(SERVING_MODES)('idle timeout (elb-facts §6.6): per load balancer, on client and back-end connections, %s', (_mode, workers) => {
  let h: ServingEngine;
  let backend: Awaited<ReturnType<typeof trackingBackend>>;
  const ports = { shortHttp: 0, shortTcp: 0, longHttp: 0, longTcp: 0 };

  beforeAll(async () => {
    h = await startServingEngine(workers);
    backend = await trackingBackend('127.77.0.51');
    for (const k of Object.keys(ports) as Array<keyof typeof ports>) ports[k] = await freePort();
    const doc = (name: string, idleTimeoutSeconds: number, httpPort: number, tcpPort: number) => lbDocument(name, {
      listeners: [listener(httpPort, 'HTTP', backend.httpPort, 'HTTP'), listener(tcpPort, 'TCP', backend.tcpPort, 'TCP')],
      healthCheck: { target: `TCP:${backend.tcpPort}` },
      instances: [{ instanceId: 'i-1d1e0001', address: '127.77.0.51' }],
      idleTimeoutSeconds,
    });
    await h.admin.apply(doc('idle-short', 1, ports.shortHttp, ports.shortTcp), null);
    await h.admin.apply(doc('idle-long', 60, ports.longHttp, ports.longTcp), null);
    for (const lb of ['idle-short', 'idle-long']) {
      await waitFor(`${lb} InService`, async () => (await h.admin.get(`/v1/load-balancers/${lb}/instance-health`)).body.InstanceStates[0].State === 'InService');
    }
  });
  afterAll(async () => {
    await h.stop();
    await backend.close();
  });

  test('an idle keep-alive HTTP client connection and its pooled back-end connection are closed after the idle timeout; a longer timeout keeps them', async () => {
    const short = await rawClient(ports.shortHttp);
    const long = await rawClient(ports.longHttp);
    const closedBefore = backend.closed.filter((k) => k === 'http').length;
    for (const c of [short, long]) c.socket.write('GET /idle HTTP/1.1\r\nHost: lb\r\nConnection: keep-alive\r\n\r\n');
    await waitFor('both answered', () => short.received().includes('\r\n\r\nok') && long.received().includes('\r\n\r\nok'));
    // Nothing is sent any more: the 1 s load balancer closes its client connection, the 60 s one does not.
    await waitFor('the idle client connection is closed', () => short.closed(), 15_000);
    expect(long.closed()).toBe(false);
    // The back-end connection the 1 s load balancer pooled is closed by the engine too (the back end keeps it 600 s).
    await waitFor('the idle back-end connection is closed', () => backend.closed.filter((k) => k === 'http').length > closedBefore, 15_000);
    long.socket.destroy();
  });

  test('an HTTP client connection that never sends a request is closed after the idle timeout; a longer timeout keeps it', async () => {
    const short = await rawClient(ports.shortHttp);
    const long = await rawClient(ports.longHttp);
    await waitFor('the silent client connection is closed', () => short.closed(), 15_000);
    expect(long.closed()).toBe(false);
    expect(short.received()).toBe('');
    long.socket.destroy();
  });

  test('a back end silent for the idle timeout on a pooled (reused) connection gets the client a 504', async () => {
    const client = await rawClient(ports.shortHttp);
    client.socket.write('GET /first HTTP/1.1\r\nHost: lb\r\n\r\n');
    await waitFor('first answered', () => client.received().includes('\r\n\r\nok'));
    // Sent at once on the same client connection: the engine reuses the back-end connection it just pooled.
    client.socket.write('GET /silent HTTP/1.1\r\nHost: lb\r\n\r\n');
    await waitFor('504 after the idle timeout', () => client.received().includes('HTTP/1.1 504'), 15_000);
    client.socket.destroy();
  });

  test('an idle TCP relay is closed on both sides after the idle timeout; a longer timeout keeps it', async () => {
    const short = await rawClient(ports.shortTcp);
    const long = await rawClient(ports.longTcp);
    const closedBefore = backend.closed.filter((k) => k === 'tcp-relay').length;
    for (const c of [short, long]) c.socket.write('ping');
    await waitFor('both echoed', () => short.received() === 'ping' && long.received() === 'ping');
    await waitFor('the idle TCP client connection is closed', () => short.closed(), 15_000);
    expect(long.closed()).toBe(false);
    await waitFor('the idle back-end TCP connection is closed', () => backend.closed.filter((k) => k === 'tcp-relay').length > closedBefore, 15_000);
    long.socket.destroy();
  });
});
