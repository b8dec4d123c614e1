import { createHash, randomBytes } from 'crypto';
import * as http from 'http';
import * as net from 'net';
import { freePort } from './helpers/backends';
import { lbDocument, listener } from './helpers/documents';
import { startEngine, EngineHarness } from './helpers/engine-harness';
import { waitFor } from './helpers/wait';

const ADDRESS = '127.77.0.181';
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/**
 * A raw HTTP/1.1 back end, scriptable per path, that records every request (path, connection
 * number, headers, body). Paths: `/drop-reused` closes the connection without an answer when it is
 * not the connection's first request; `/drop` always does; `/echo` answers the body back; `/raw`
 * answers a fixed head with mixed-case and hop-by-hop headers; anything else `ok`.
 */
async function scriptedBackend() {
  const seen: Array<{ path: string; connection: number; head: string; body: Buffer }> = [];
  let connections = 0;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((s) => {
    const connection = ++connections;
    let requestsOnConnection = 0;
    let buf = Buffer.alloc(0);
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => undefined);
    s.on('data', (d) => {
      buf = Buffer.concat([buf, d]);
      for (;;) {
        const end = buf.indexOf('\r\n\r\n');
        if (end < 0) return;
        const head = buf.subarray(0, end).toString('latin1');
        const length = Number(/\r\ncontent-length: *(\d+)/i.exec(head)?.[1] ?? 0);
        const chunked = /\r\ntransfer-encoding: *chunked/i.test(head);
        let body: Buffer;
        let consumed: number;
        if (chunked) {
          const terminator = buf.indexOf('\r\n0\r\n\r\n', end);
          if (terminator < 0) return;
          body = Buffer.alloc(0);
          let at = end + 4;
          for (;;) {
            const lineEnd = buf.indexOf('\r\n', at);
            const size = parseInt(buf.subarray(at, lineEnd).toString(), 16);
            if (size === 0) { consumed = lineEnd + 4; break; }
            body = Buffer.concat([body, buf.subarray(lineEnd + 2, lineEnd + 2 + size)]);
            at = lineEnd + 2 + size + 2;
          }
        } else {
          if (buf.length < end + 4 + length) return;
          body = buf.subarray(end + 4, end + 4 + length);
          consumed = end + 4 + length;
        }
        buf = buf.subarray(consumed);
        const path = head.split(' ')[1];
        requestsOnConnection++;
        seen.push({ path, connection, head, body });
        if (path === '/drop' || (path === '/drop-reused' && requestsOnConnection > 1)) { s.destroy(); return; }
        if (path === '/echo') {
          s.write(`HTTP/1.1 200 OK\r\nContent-Length: ${body.length}\r\nX-Body-Sha256: ${sha(body)}\r\n\r\n`);
          s.write(body);
        } else if (path === '/raw') {
          s.write('HTTP/1.1 200 OK\r\nX-First: 1\r\nProxy-Authenticate: Basic\r\nx-MiXeD-Case: 2\r\nConnection: keep-alive, X-First\r\nX-Last: 3\r\nContent-Length: 2\r\n\r\nok');
        } else {
          s.write('HTTP/1.1 200 OK\r\nKeep-Alive: timeout=60\r\nContent-Length: 2\r\n\r\nok');
        }
      }
    });
  });
  const port = await new Promise<number>((r) => server.listen({ host: ADDRESS, port: 0 }, () => r((server.address() as net.AddressInfo).port)));
  return {
    port, seen,
    close: () => new Promise<void>((r) => { for (const s of sockets) s.destroy(); server.close(() => r()); }),
  };
}

/** Writes `request` on a raw connection and resolves everything received until the connection closes or `until` matches. */
function rawExchange(port: number, request: string, until?: RegExp, then?: (s: net.Socket, text: string) => void): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    let thenDone = false;
    const s = net.connect(port, '127.0.0.1', () => s.write(request));
    s.on('data', (d) => {
      text += d.toString('latin1');
      if (then && !thenDone && /^HTTP\/1\.1 100/.test(text)) { thenDone = true; then(s, text); }
      if (until?.test(text)) { s.destroy(); resolve(text); }
    });
    s.on('close', () => resolve(text));
    s.on('error', reject);
    s.setTimeout(15_000, () => s.destroy());
  });
}

/** One request with a body through Node's client (no keep-alive); a list of parts is written 50 ms apart. */
function send(port: number, method: string, path: string, body: Buffer | Buffer[], headers: http.OutgoingHttpHeaders = {}): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path, agent: false, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    if (!Array.isArray(body)) { req.end(body); return; }
    const parts = [...body];
    const next = () => { const part = parts.shift(); if (part) { req.write(part); setTimeout(next, 50); } else req.end(); };
    next();
  });
}

describe('HTTP relay to back ends: bodies, headers, the one retry, idle uploads', () => {
  let h: EngineHarness;
  let backend: Awaited<ReturnType<typeof scriptedBackend>>;
  let port: number;
  let shortPort: number;

  beforeAll(async () => {
    h = await startEngine();
    backend = await scriptedBackend();
    port = await freePort();
    shortPort = await freePort();
    const doc = (name: string, p: number, idleTimeoutSeconds: number) => lbDocument(name, {
      listeners: [listener(p, 'HTTP', backend.port, 'HTTP')],
      healthCheck: { target: `TCP:${backend.port}` },
      instances: [{ instanceId: 'i-0relay001', address: ADDRESS }],
      idleTimeoutSeconds,
    });
    await h.admin.apply(doc('relay', port, 60), null);
    await h.admin.apply(doc('relay-short', shortPort, 1), null);
    for (const lb of ['relay', 'relay-short']) {
      await waitFor(`${lb} InService`, async () => (await h.admin.get(`/v1/load-balancers/${lb}/instance-health`)).body.InstanceStates[0].State === 'InService');
    }
  });
  afterAll(async () => {
    await h.stop();
    await backend.close();
  });

  test('a Content-Length body and a chunked body reach the back end whole, and a 4 MiB body comes back whole', async () => {
    const small = await send(port, 'POST', '/echo', Buffer.from('hello body'), { 'content-type': 'text/plain' });
    expect(small.status).toBe(200);
    expect(small.body.toString()).toBe('hello body');
    expect(backend.seen.at(-1)!.head).toMatch(/\r\ncontent-length: 10(\r\n|$)/i);

    // Streamed: the parts arrive 50 ms apart, so the length is not known when the request is sent on.
    const parts = [Buffer.from('one,'), Buffer.from('two,'), Buffer.from('three')];
    const chunked = await send(port, 'PUT', '/echo', parts, { 'transfer-encoding': 'chunked' });
    expect(chunked.status).toBe(200);
    expect(chunked.body.toString()).toBe('one,two,three');
    expect(backend.seen.at(-1)!.head).toMatch(/\r\ntransfer-encoding: chunked/i);

    const big = randomBytes(4 * 1024 * 1024);
    const echoed = await send(port, 'POST', '/echo', big);
    expect(echoed.status).toBe(200);
    expect(echoed.body.length).toBe(big.length);
    expect(echoed.headers['x-body-sha256']).toBe(sha(big));
    expect(sha(echoed.body)).toBe(sha(big));
  });

  test('Expect: 100-continue is answered by the load balancer and not forwarded', async () => {
    const reply = await rawExchange(port, 'POST /echo HTTP/1.1\r\nHost: lb\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n', /\r\n\r\nhello$/,
      (s) => s.write('hello'));
    expect(reply).toMatch(/^HTTP\/1\.1 100 Continue\r\n\r\nHTTP\/1\.1 200 OK/);
    expect(backend.seen.at(-1)!.head).not.toMatch(/\r\nexpect:/i);
    expect(backend.seen.at(-1)!.body.toString()).toBe('hello');
  });

  test('response headers keep the back end\'s order and case; hop-by-hop ones are dropped', async () => {
    const reply = await rawExchange(port, 'GET /raw HTTP/1.1\r\nHost: lb\r\nConnection: close\r\n\r\n');
    const head = reply.split('\r\n\r\n')[0].split('\r\n');
    const names = head.slice(1).map((l) => l.split(':')[0]);
    expect(names.filter((n) => n.startsWith('X-') || n.startsWith('x-'))).toEqual(['X-First', 'x-MiXeD-Case', 'X-Last']);
    expect(names).not.toContain('Proxy-Authenticate');
  });

  test('two Host headers are refused with 400 and never forwarded', async () => {
    const before = backend.seen.length;
    const reply = await rawExchange(port, 'GET /two-hosts HTTP/1.1\r\nHost: a.example\r\nHost: b.example\r\nConnection: close\r\n\r\n');
    expect(reply).toMatch(/^HTTP\/1\.1 400/);
    expect(backend.seen.slice(before).map((r) => r.path)).not.toContain('/two-hosts');
  });

  test('a body-less GET that meets a pooled connection the back end just closed is retried once, on a new connection', async () => {
    expect((await send(port, 'GET', '/warm', Buffer.alloc(0))).status).toBe(200);
    const warmConnection = backend.seen.at(-1)!.connection;
    const before = backend.seen.length;
    const r = await send(port, 'GET', '/drop-reused', Buffer.alloc(0));
    expect(r.status).toBe(200);
    const attempts = backend.seen.slice(before);
    expect(attempts.map((a) => a.path)).toEqual(['/drop-reused', '/drop-reused']);
    expect(attempts[0].connection).toBe(warmConnection);
    expect(attempts[1].connection).not.toBe(warmConnection);
  });

  test('a request with a body on such a connection is not retried (504), nor is a request on a new connection (504)', async () => {
    expect((await send(port, 'GET', '/warm', Buffer.alloc(0))).status).toBe(200);
    let before = backend.seen.length;
    expect((await send(port, 'POST', '/drop-reused', Buffer.from('payload'))).status).toBe(504);
    expect(backend.seen.slice(before).map((a) => a.path)).toEqual(['/drop-reused']);
    // The pooled connection is gone: the next request opens a new one, and the back end closes it.
    before = backend.seen.length;
    expect((await send(port, 'GET', '/drop', Buffer.alloc(0))).status).toBe(504);
    expect(backend.seen.slice(before).map((a) => a.path)).toEqual(['/drop']);
  });

  test('a client that stops sending its request body gets 504 after the idle timeout', async () => {
    const started = Date.now();
    const reply = await rawExchange(shortPort, 'POST /echo HTTP/1.1\r\nHost: lb\r\nContent-Length: 10\r\n\r\nhalf', /\r\n\r\n504 Gateway Timeout\n$/);
    expect(reply).toMatch(/^HTTP\/1\.1 504/);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });
});
