import { createHash, randomBytes } from 'crypto';
import * as fs from 'fs';
import * as http from 'http';
import * as https from 'https';
import * as net from 'net';
import { MAX_REDISPATCHES } from '../../../../provider/engine/backends/redispatch';
import { SUSPECT_HOLD_MS } from '../../../../provider/engine/health/suspect-instances';
import { freePort } from '../helpers/backends';
import { makeCert, TestCert, tempDir } from '../helpers/certs';
import { lbDocument, listener } from '../helpers/documents';
import { EngineHarness, startEngine } from '../helpers/engine-harness';
import { waitFor } from '../helpers/wait';

const A = { id: 'i-rdsp0000a', address: '127.77.5.1' };
const B = { id: 'i-rdsp0000b', address: '127.77.5.2' };
const C = { id: 'i-rdsp0000c', address: '127.77.5.3' };
const D = { id: 'i-rdsp0000d', address: '127.77.5.4' };
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

type Closable = { close(): Promise<void> };
const opened: Closable[] = [];

function listen(server: net.Server, address: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host: address, port }, () => resolve((server.address() as net.AddressInfo).port));
  });
}

function closer(server: net.Server, sockets: Set<net.Socket>): Closable {
  const c = { close: () => new Promise<void>((r) => { for (const s of sockets) s.destroy(); server.close(() => r()); }) };
  opened.push(c);
  return c;
}

/** An HTTP(S) back end answering `<id> <method> <sha256 of the body>`; `seen` lists the paths it got. */
async function echoBackend(id: string, address: string, port: number, cert?: TestCert) {
  const seen: string[] = [];
  const handler: http.RequestListener = (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      seen.push(req.url ?? '');
      const text = `${id} ${req.method} ${sha(Buffer.concat(chunks))}`;
      res.writeHead(200, { 'content-length': Buffer.byteLength(text) });
      res.end(text);
    });
  };
  const server = cert ? https.createServer({ key: cert.keyPem, cert: cert.certPem }, handler) : http.createServer(handler);
  const sockets = new Set<net.Socket>();
  server.on('connection', (s: net.Socket) => { sockets.add(s); s.on('close', () => sockets.delete(s)); });
  const bound = await listen(server, address, port);
  return { port: bound, seen, ...closer(server, sockets) };
}

/**
 * A back end that resets every connection (TCP RST): at once on accept, or after it has read one
 * whole request (head and Content-Length body), whose path it records.
 */
async function resettingBackend(address: string, port: number, when: 'on-accept' | 'after-request') {
  const seen: string[] = [];
  let connections = 0;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((s) => {
    connections++;
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => undefined);
    if (when === 'on-accept') { s.resetAndDestroy(); return; }
    let buf = Buffer.alloc(0);
    s.on('data', (d: Buffer) => {
      buf = Buffer.concat([buf, d]);
      const end = buf.indexOf('\r\n\r\n');
      if (end < 0) return;
      const head = buf.subarray(0, end).toString('latin1');
      const length = Number(/\r\ncontent-length: *(\d+)/i.exec(head)?.[1] ?? 0);
      if (buf.length < end + 4 + length) return;
      seen.push(head.split(' ')[1]);
      s.resetAndDestroy();
    });
  });
  const bound = await listen(server, address, port);
  return { port: bound, seen, get connections() { return connections; }, ...closer(server, sockets) };
}

/** A TCP back end that answers every chunk with `<id>:<chunk>`. */
async function tcpEcho(id: string, address: string, port: number) {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => undefined);
    s.on('data', (d) => s.write(`${id}:${d}`));
  });
  const bound = await listen(server, address, port);
  return { port: bound, ...closer(server, sockets) };
}

/** One request without keep-alive; resolves status and body text. */
function send(port: number, method: string, path: string, body?: Buffer): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path, agent: false, timeout: 15_000, headers: body ? { 'content-length': body.length } : {} }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => { text += c; });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.on('error', reject);
    req.end(body);
  });
}

/** Writes `hi` on a new TCP connection; resolves what came back before the connection closed or 'hi' was echoed. */
function tcpExchange(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    const s = net.connect(port, '127.0.0.1', () => s.write('hi'));
    s.on('data', (d) => { text += d; if (text.endsWith(':hi')) s.end(); });
    s.on('close', () => resolve(text));
    s.on('error', (e: NodeJS.ErrnoException) => (e.code === 'ECONNRESET' ? resolve(text) : reject(e)));
    s.setTimeout(15_000, () => s.destroy(new Error('timed out')));
  });
}

describe('a request whose instance refused or reset the connection before it was written goes to another InService instance', () => {
  let h: EngineHarness;
  let healthPort: number;
  let dir: string;
  let cert: TestCert;

  const counters = async (lb: string) => (await h.admin.get(`/v1/load-balancers/${lb}`)).body.counters;
  const states = async (lb: string) => (await h.admin.get(`/v1/load-balancers/${lb}/instance-health`)).body.InstanceStates.map((s: any) => s.State);
  /** Applies a load balancer whose instances are all InService (TCP health checks on `healthPort`, up on every address). */
  const apply = async (name: string, protocol: string, instancePort: number, instanceProtocol: string, instances: Array<{ id: string; address: string }>) => {
    const port = await freePort();
    await h.admin.apply(lbDocument(name, {
      listeners: [listener(port, protocol, instancePort, instanceProtocol)],
      healthCheck: { target: `TCP:${healthPort}` },
      instances: instances.map((i) => ({ instanceId: i.id, address: i.address })),
    }), null);
    await waitFor(`${name} all InService`, async () => (await states(name)).every((s: string) => s === 'InService'));
    return port;
  };

  beforeAll(async () => {
    dir = tempDir('redispatch');
    cert = makeCert(dir, 'localhost');
    h = await startEngine();
    // Health checks pass on every address: the instances are InService whatever their traffic port does.
    const first = await tcpEcho('health', A.address, 0);
    healthPort = first.port;
    for (const i of [B, C, D]) await tcpEcho('health', i.address, healthPort);
  });
  afterAll(async () => {
    await h.stop();
    for (const c of opened) await c.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('HTTP: refused by one instance, every request (GET, and POST with its body whole) is answered by the other; counted; the instance is avoided, not taken out', async () => {
    const a = await echoBackend(A.id, A.address, 0);
    const port = await apply('rd-refused', 'HTTP', a.port, 'HTTP', [A, B]); // nothing listens on B's instance port
    const started = Date.now();
    for (let i = 0; i < 12; i++) {
      const body = i % 2 ? randomBytes(2048) : undefined;
      const r = await send(port, body ? 'POST' : 'GET', `/r${i}`, body);
      expect(r).toEqual({ status: 200, text: `${A.id} ${body ? 'POST' : 'GET'} ${sha(body ?? Buffer.alloc(0))}` });
    }
    const elapsed = Date.now() - started;
    const c = await counters('rd-refused');
    expect(c.BackendRedispatches).toBeGreaterThanOrEqual(1);
    expect(c.BackendConnectionErrors).toBe(c.BackendRedispatches); // each refusal was sent on
    expect(c.HTTPCode_ELB_5XX).toBe(0);
    // Suspect at once: tried again only after each hold (without it, every other request would try B).
    expect(c.BackendRedispatches).toBeLessThanOrEqual(1 + Math.floor(elapsed / SUSPECT_HOLD_MS));
    // The health check alone decides InService.
    expect(await states('rd-refused')).toEqual(['InService', 'InService']);

    // B starts answering: once the hold is over it gets traffic again.
    const b = await echoBackend(B.id, B.address, a.port);
    await waitFor('B answers again', async () => (await send(port, 'GET', '/back')).text.startsWith(B.id), 10_000, 100);
    expect(b.seen).toContain('/back');
    await b.close();
  });

  test('HTTPS back end: a reset during the TLS handshake is sent on to the other instance', async () => {
    const a = await echoBackend(A.id, A.address, 0, cert);
    const b = await resettingBackend(B.address, a.port, 'on-accept');
    const port = await apply('rd-tls-reset', 'HTTP', a.port, 'HTTPS', [A, B]);
    for (let i = 0; i < 6; i++) expect((await send(port, 'GET', `/t${i}`)).text).toBe(`${A.id} GET ${sha(Buffer.alloc(0))}`);
    expect(b.connections).toBeGreaterThanOrEqual(1);
    const c = await counters('rd-tls-reset');
    expect(c.BackendRedispatches).toBe(b.connections);
    expect(c.HTTPCode_ELB_5XX).toBe(0);
  });

  test('a request already written (GET, or POST whose body was streamed) to an instance that then resets is not sent anywhere else: 504', async () => {
    const a = await echoBackend(A.id, A.address, 0);
    const b = await resettingBackend(B.address, a.port, 'after-request');
    const port = await apply('rd-written', 'HTTP', a.port, 'HTTP', [A, B]);
    const hitB: Array<{ path: string; status: number }> = [];
    for (let i = 0; i < 10 && hitB.length < 4; i++) {
      const path = `/w${i}`;
      const r = await send(port, i % 2 ? 'POST' : 'GET', path, i % 2 ? randomBytes(1024) : undefined);
      if (b.seen.includes(path)) hitB.push({ path, status: r.status });
      else expect(r.status).toBe(200);
    }
    // Least outstanding requests alternates between two idle instances: B got some of them, GETs and POSTs.
    expect(hitB.length).toBeGreaterThanOrEqual(2);
    for (const { path, status } of hitB) {
      expect(status).toBe(504); // the instance closed the connection (elb-facts §6.3)
      expect(a.seen).not.toContain(path);
      expect(b.seen.filter((p) => p === path)).toHaveLength(1);
    }
    expect((await counters('rd-written')).BackendRedispatches).toBe(0);
  });

  test(`every instance refusing: 502 after at most ${MAX_REDISPATCHES} other instances, and never more than there are`, async () => {
    const nobody = await freePort(); // nothing listens there on any address
    const four = await apply('rd-four', 'HTTP', nobody, 'HTTP', [A, B, C, D]);
    expect((await send(four, 'GET', '/x')).status).toBe(502);
    expect(await counters('rd-four')).toMatchObject({ BackendConnectionErrors: 1 + MAX_REDISPATCHES, BackendRedispatches: MAX_REDISPATCHES, HTTPCode_ELB_5XX: 1 });
    // All suspect now: suspicion steers, it does not turn traffic away; the next request is tried the same way.
    expect((await send(four, 'GET', '/y')).status).toBe(502);
    expect(await counters('rd-four')).toMatchObject({ BackendConnectionErrors: 2 * (1 + MAX_REDISPATCHES), BackendRedispatches: 2 * MAX_REDISPATCHES, HTTPCode_ELB_5XX: 2 });

    const two = await apply('rd-two', 'HTTP', nobody, 'HTTP', [A, B]);
    expect((await send(two, 'POST', '/z', Buffer.from('body'))).status).toBe(502);
    expect(await counters('rd-two')).toMatchObject({ BackendConnectionErrors: 2, BackendRedispatches: 1, HTTPCode_ELB_5XX: 1 });
  });

  test('TCP: a refused connection goes to the other instance before any client byte is relayed; all refusing: the client connection is closed', async () => {
    const a = await tcpEcho(A.id, A.address, 0);
    const port = await apply('rd-tcp', 'TCP', a.port, 'TCP', [A, B]);
    for (let i = 0; i < 6; i++) expect(await tcpExchange(port)).toBe(`${A.id}:hi`);
    const c = await counters('rd-tcp');
    expect(c.BackendRedispatches).toBeGreaterThanOrEqual(1);
    expect(c.BackendConnectionErrors).toBe(c.BackendRedispatches);

    const nobody = await freePort();
    const none = await apply('rd-tcp-none', 'TCP', nobody, 'TCP', [A, B, C]);
    expect(await tcpExchange(none)).toBe('');
    expect(await counters('rd-tcp-none')).toMatchObject({ BackendConnectionErrors: 1 + MAX_REDISPATCHES, BackendRedispatches: MAX_REDISPATCHES });
  });
});
