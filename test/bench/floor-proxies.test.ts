// The Node floor programs of bench/proxy-comparison.sh proxy for real: each runs as its own process in
// front of a real HTTP back end on loopback, and what the back end receives and what the client gets
// back are checked over raw sockets (plain and TLS 1.2). A floor that answered wrongly would make
// the comparison's ceiling a lie.
import { ChildProcess, spawn } from 'child_process';
import * as fs from 'fs';
import * as http from 'http';
import * as net from 'net';
import * as path from 'path';
import * as tls from 'tls';
import { freePort } from '../provider/engine/helpers/backends';
import { makeCert, tempDir, TestCert } from '../provider/engine/helpers/certs';
import { waitFor } from '../provider/engine/helpers/wait';

const BENCH = path.join(__dirname, '..', '..', 'bench');

interface Seen { method: string; url: string; xff?: string; xfp?: string; connection?: string; body: string }

/** A back end that records each request and answers with its body; /chunked answers chunked. */
async function startBackend(): Promise<{ port: number; seen: Seen[]; close(): Promise<void> }> {
  const seen: Seen[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.setEncoding('latin1');
    req.on('data', (d: string) => { body += d; });
    req.on('end', () => {
      seen.push({ method: req.method!, url: req.url!, xff: req.headers['x-forwarded-for'] as string | undefined, xfp: req.headers['x-forwarded-proto'] as string | undefined, connection: req.headers.connection, body });
      if (req.url === '/chunked') { res.write('part1-'); res.end('part2'); return; }
      const answer = `echo:${req.method} ${req.url} ${body}`;
      res.writeHead(200, { 'content-type': 'text/plain', 'content-length': Buffer.byteLength(answer) });
      res.end(answer);
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return { port: (server.address() as net.AddressInfo).port, seen, close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }) };
}

/** Starts a bench program; resolves once every port accepts connections. */
async function startProgram(file: string, args: Array<string | number>, ports: number[]): Promise<{ child: ChildProcess; stdout: () => string }> {
  const child = spawn(process.execPath, [path.join(BENCH, file), ...args.map(String)], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d) => { out += d; });
  child.stderr!.on('data', (d) => { err += d; });
  children.push(child);
  for (const port of ports) {
    await waitFor(`${file} listening on ${port} (stderr: ${err})`, () => new Promise<boolean>((resolve) => {
      const s = net.connect(port, '127.0.0.1', () => { s.destroy(); resolve(true); });
      s.on('error', () => resolve(false));
    }));
  }
  return { child, stdout: () => out };
}

/**
 * Writes `request` on a socket and reads until `responses` complete responses arrived (each framed by
 * Content-Length) or the peer closed; returns the raw text and whether the peer closed.
 */
function exchange(socket: net.Socket, request: string, responses: number): Promise<{ text: string; closed: boolean }> {
  return new Promise((resolve, reject) => {
    let text = '';
    const timer = setTimeout(() => reject(new Error(`no complete answer within 10 s; got: ${JSON.stringify(text)}`)), 10_000);
    const complete = () => {
      let rest = text;
      for (let i = 0; i < responses; i++) {
        const end = rest.indexOf('\r\n\r\n');
        if (end < 0) return false;
        const length = /content-length: (\d+)/i.exec(rest.slice(0, end));
        if (!length || rest.length < end + 4 + Number(length[1])) return false;
        rest = rest.slice(end + 4 + Number(length[1]));
      }
      return true;
    };
    const finish = (closed: boolean) => { clearTimeout(timer); socket.removeAllListeners('data'); resolve({ text, closed }); };
    socket.setEncoding('latin1');
    socket.on('data', (d: string) => { text += d; if (complete()) setImmediate(() => finish(socket.readableEnded)); });
    socket.on('end', () => finish(true));
    socket.on('error', reject);
    socket.write(request, 'latin1');
  });
}

const connectPlain = (port: number) => new Promise<net.Socket>((resolve, reject) => {
  const s = net.connect(port, '127.0.0.1', () => resolve(s));
  s.on('error', reject);
});
const connectTls = (port: number, session?: Buffer) => new Promise<tls.TLSSocket>((resolve, reject) => {
  const s = tls.connect({ port, host: '127.0.0.1', rejectUnauthorized: false, maxVersion: 'TLSv1.2', session }, () => resolve(s));
  s.on('error', reject);
});
/** Waits for the close of a socket whose peer ended it. */
const closed = (s: net.Socket) => new Promise<void>((resolve) => { if (s.destroyed) resolve(); else { s.resume(); s.on('close', () => resolve()); } });

const children: ChildProcess[] = [];
let dir: string;
let cert: TestCert;
let backend: Awaited<ReturnType<typeof startBackend>>;

beforeAll(async () => {
  dir = tempDir('floor');
  cert = makeCert(dir, 'floor.local');
  backend = await startBackend();
});
afterAll(async () => {
  for (const c of children) c.kill('SIGKILL');
  await backend.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('node-floor HTTP proxy (bench/floor-http-proxy.cjs)', () => {
  let httpPort: number;
  let httpsPort: number;
  beforeAll(async () => {
    httpPort = await freePort();
    httpsPort = await freePort();
    await startProgram('floor-http-proxy.cjs', [cert.certFile, cert.keyFile, backend.port, httpPort, httpsPort], [httpPort, httpsPort]);
  });

  test('keep-alive requests (GET, then a POST with a body, pipelined) reach the back end with X-Forwarded-*, and come back in order', async () => {
    backend.seen.length = 0;
    const s = await connectPlain(httpPort);
    const { text, closed: wasClosed } = await exchange(s,
      'GET /a?x=1 HTTP/1.1\r\nHost: h\r\nX-Forwarded-For: 10.0.0.9\r\n\r\n'
      + 'POST /b HTTP/1.1\r\nHost: h\r\nContent-Length: 11\r\n\r\nhello floor', 2);
    expect(wasClosed).toBe(false);
    const answers = text.split('HTTP/1.1 200 OK\r\n').slice(1);
    expect(answers).toHaveLength(2);
    expect(answers[0]).toMatch(/\r\n\r\necho:GET \/a\?x=1 $/);
    expect(answers[1]).toMatch(/\r\n\r\necho:POST \/b hello floor$/);
    expect(text).not.toMatch(/connection:/i);
    expect(backend.seen).toEqual([
      { method: 'GET', url: '/a?x=1', xff: '10.0.0.9, 127.0.0.1', xfp: 'http', connection: undefined, body: '' },
      { method: 'POST', url: '/b', xff: '127.0.0.1', xfp: 'http', connection: undefined, body: 'hello floor' },
    ]);
    s.destroy();
  });

  test('a chunked back-end answer reaches the client whole, framed by Content-Length', async () => {
    const s = await connectPlain(httpPort);
    const { text } = await exchange(s, 'GET /chunked HTTP/1.1\r\nHost: h\r\n\r\n', 1);
    expect(text).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(text).not.toMatch(/transfer-encoding/i);
    expect(text).toMatch(/\r\nContent-Length: 11\r\n\r\npart1-part2$/);
    s.destroy();
  });

  test('over TLS 1.2 with the bench cipher, Connection: close is answered with Connection: close and the socket closes', async () => {
    backend.seen.length = 0;
    const s = await connectTls(httpsPort);
    expect(s.getProtocol()).toBe('TLSv1.2');
    expect(s.getCipher().standardName).toBe('TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256');
    const { text } = await exchange(s, 'GET /tls HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n', 1);
    expect(text).toMatch(/^HTTP\/1\.1 200 OK\r\n[^]*\r\nConnection: close\r\n\r\necho:GET \/tls $/);
    await closed(s);
    // The back end never sees the client's Connection header: its pooled connection stays open.
    expect(backend.seen).toEqual([{ method: 'GET', url: '/tls', xff: '127.0.0.1', xfp: 'https', connection: undefined, body: '' }]);
  });
});

describe('node-floor TCP relays (bench/floor-tcp-relay.cjs)', () => {
  test.each(['pipe', 'data', 'handle'])('%s relays both ways, keep-alive and a 200 KB body intact, and closes with the client', async (mode) => {
    const port = await freePort();
    await startProgram('floor-tcp-relay.cjs', [mode, backend.port, port], [port]);
    backend.seen.length = 0;
    const big = 'x'.repeat(200_000);
    const s = await connectPlain(port);
    const first = await exchange(s, 'GET /one HTTP/1.1\r\nHost: h\r\n\r\n', 1);
    expect(first.text).toMatch(/\r\n\r\necho:GET \/one $/);
    const second = await exchange(s, `POST /two HTTP/1.1\r\nHost: h\r\nContent-Length: ${big.length}\r\n\r\n${big}`, 1);
    expect(second.text.endsWith(`echo:POST /two ${big}`)).toBe(true);
    // Layer 4: nothing added on the way.
    expect(backend.seen.map((r) => [r.url, r.xff, r.body.length])).toEqual([['/one', undefined, 0], ['/two', undefined, big.length]]);
    s.end();
    await closed(s);
  });

  test('refuses an unknown mode with its usage', async () => {
    const child = spawn(process.execPath, [path.join(BENCH, 'floor-tcp-relay.cjs'), 'splice', '1', '2'], { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr!.on('data', (d) => { err += d; });
    const code = await new Promise<number | null>((r) => child.on('exit', r));
    expect(code).toBe(2);
    expect(err).toMatch(/usage: .*pipe\|data\|handle/);
  });
});

describe('node-floor-answer (bench/floor-answer-server.cjs)', () => {
  test('answers HTTP and TLS itself, and counts a ticket-resumed TLS session as resumed', async () => {
    const httpPort = await freePort();
    const httpsPort = await freePort();
    const program = await startProgram('floor-answer-server.cjs', [cert.certFile, cert.keyFile, httpPort, httpsPort], [httpPort, httpsPort]);
    const seenBefore = backend.seen.length;
    const s = await connectPlain(httpPort);
    const { text } = await exchange(s, 'GET / HTTP/1.1\r\nHost: h\r\n\r\nGET / HTTP/1.1\r\nHost: h\r\n\r\n', 2);
    expect(text.match(/HTTP\/1\.1 200 OK\r\n[^]*?\r\nContent-Length: 2\r\n\r\nok/g)).toHaveLength(2);
    s.destroy();

    // The wait for the port opened (and closed) one plain TCP connection on the TLS port: not a handshake.
    const first = await connectTls(httpsPort);
    const session = await new Promise<Buffer>((resolve) => { const got = first.getSession(); if (got) resolve(got); else first.once('session', resolve); });
    const a = await exchange(first, 'GET / HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n', 1);
    expect(a.text).toMatch(/\r\nConnection: close\r\n\r\nok$/);
    const second = await connectTls(httpsPort, session);
    expect(second.isSessionReused()).toBe(true);
    await exchange(second, 'GET / HTTP/1.1\r\nHost: h\r\n\r\n', 1);
    second.destroy();
    program.child.kill('SIGUSR2');
    const report = await waitFor('the handshake report on SIGUSR2', () => program.stdout().trim().split('\n').pop());
    expect(JSON.parse(report)).toEqual({ handshakes: { full: 1, resumed: 1 } });
    expect(backend.seen.length).toBe(seenBefore); // it never talks to a back end
  });
});
