import * as fs from 'fs';
import * as net from 'net';
import { tempDir } from '../helpers/certs';
import { freePort } from '../helpers/backends';
import { lbDocument, listener } from '../helpers/documents';
import { EngineProcess, requireBuild, spawnEngine } from '../helpers/engine-process';
import { waitFor } from '../helpers/wait';
import { PARSER_IDLE_RELEASE_MS } from '../../../../provider/engine/listeners/lean-http-connection';

/**
 * The `lean` and `node` HTTP front ends, side by side: two real engine processes (`--http-front
 * lean` and `--http-front node`) in front of one raw back end on loopback get the same corpus of
 * well-formed and malformed requests over raw sockets; what the client gets back (Date values
 * masked) must be the same byte for byte, and what the back end receives too, apart from how
 * undici frames a body (`unframed`).
 */

/** One back-end request as received, raw. */
type Received = string;

/** A raw HTTP/1.1 back end: records each request's bytes and answers by path (`/chunked`, `/nocontent`, ...). */
class RawBackend {
  public readonly received: Received[] = [];
  private readonly server = net.createServer((s) => this.serve(s));
  private readonly sockets = new Set<net.Socket>();
  public port = 0;

  public async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as net.AddressInfo).port;
  }

  public async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise((resolve) => this.server.close(resolve));
  }

  private serve(socket: net.Socket): void {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    let buf = '';
    socket.setEncoding('latin1');
    socket.on('data', (d: string) => {
      buf += d;
      for (;;) {
        const end = buf.indexOf('\r\n\r\n');
        if (end < 0) return;
        const head = buf.slice(0, end + 4);
        const length = /\r\ncontent-length: *(\d+)/i.exec(head);
        let total = head.length;
        if (length) total += Number(length[1]);
        else if (/\r\ntransfer-encoding: *chunked/i.test(head)) {
          const last = buf.indexOf('\r\n0\r\n\r\n', head.length - 2);
          const first = buf.startsWith('0\r\n\r\n', head.length) ? head.length + 5 : -1;
          if (last < 0 && first < 0) return;
          total = first >= 0 ? first : last + 7;
        }
        if (buf.length < total) return;
        const request = buf.slice(0, total);
        buf = buf.slice(total);
        this.received.push(request);
        socket.write(RawBackend.answer(request));
      }
    });
  }

  private static answer(request: string): string {
    const path = request.split(' ')[1] ?? '/';
    const head = request.startsWith('HEAD ');
    if (path.startsWith('/chunked')) return 'HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n';
    if (path.startsWith('/nocontent')) return 'HTTP/1.1 204 No Content\r\nX-Case: nocontent\r\n\r\n';
    if (path.startsWith('/notmodified')) return 'HTTP/1.1 304 Not Modified\r\nETag: "v1"\r\n\r\n';
    if (path.startsWith('/big')) return `HTTP/1.1 200 OK\r\nContent-Length: 70000\r\n\r\n${'x'.repeat(70_000)}`;
    if (path.startsWith('/headers')) {
      return 'HTTP/1.1 201 Made It\r\nx-lower: a\r\nX-UPPER: B\r\nConnection: keep-alive\r\nKeep-Alive: timeout=30\r\nSet-Cookie: a=1\r\nSet-Cookie: b=2\r\n' +
        'Date: Sun, 06 Dec 2026 00:00:00 GMT\r\nContent-Length: 3\r\n\r\nabc';
    }
    const body = `seen ${unframed(request).length}`;
    return `HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: ${body.length}\r\n\r\n${head ? '' : body}`;
  }
}

/**
 * A request with its body's framing taken out: the head without Content-Length and
 * Transfer-Encoding, then the decoded body. How undici frames a streamed body (chunks cut as the
 * bytes came, or Content-Length when the whole body was there before the back-end connection was
 * ready) follows the timing of its arrival, not what the client sent.
 */
function unframed(request: string): string {
  const end = request.indexOf('\r\n\r\n') + 4;
  const head = request.slice(0, end);
  let body = request.slice(end);
  if (/\r\ntransfer-encoding: *chunked/i.test(head)) {
    body = '';
    let at = end;
    for (;;) {
      const line = request.indexOf('\r\n', at);
      const size = parseInt(request.slice(at, line), 16);
      if (!(size > 0)) break;
      body += request.slice(line + 2, line + 2 + size);
      at = line + 2 + size + 2;
    }
  }
  return `${head.replace(/\r\n(content-length|transfer-encoding):[^\r]*/gi, '')}<body: ${body}>`;
}

/** A final request that makes the engine close the connection, so every case ends with a close. */
const CLOSE = 'GET /last HTTP/1.1\r\nHost: lb.example\r\nConnection: close\r\n\r\n';
const H = 'Host: lb.example\r\n';

/** [name, bytes the client sends, the status line(s) both front ends must answer with]. */
const CORPUS: ReadonlyArray<[string, string, string[]]> = [
  ['simple GET', `GET /a?b=c HTTP/1.1\r\n${H}User-Agent: t/1\r\n\r\n${CLOSE}`, ['200', '200']],
  ['header case and order kept, X-Forwarded-* replaced', `GET /h HTTP/1.1\r\nX-Custom: 1\r\n${H}x-forwarded-for: 203.0.113.9\r\nX-Forwarded-Proto: spoof\r\nX-Forwarded-Port: 1\r\nMiXeD-CaSe: v\r\n\r\n${CLOSE}`, ['200', '200']],
  ['Content-Length body', `POST /post HTTP/1.1\r\n${H}Content-Type: text/plain\r\nContent-Length: 11\r\n\r\nhello world${CLOSE}`, ['200', '200']],
  ['chunked body', `POST /post HTTP/1.1\r\n${H}Transfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6;ext=1\r\n world\r\n0\r\n\r\n${CLOSE}`, ['200', '200']],
  ['Content-Length: 0 on GET', `GET /zero HTTP/1.1\r\n${H}Content-Length: 0\r\n\r\n${CLOSE}`, ['200', '200']],
  ['HEAD', `HEAD /head HTTP/1.1\r\n${H}\r\n${CLOSE}`, ['200', '200']],
  ['HTTP/1.0 without Host (closes)', 'GET /old HTTP/1.0\r\n\r\n', ['200']],
  ['HTTP/1.0 keep-alive', `GET /old HTTP/1.0\r\nConnection: keep-alive\r\n\r\n${CLOSE}`, ['200', '200']],
  ['HTTP/1.0, chunked back-end response (close-delimited)', 'GET /chunked HTTP/1.0\r\nConnection: keep-alive\r\n\r\n', ['200']],
  ['Connection: close', `GET /c HTTP/1.1\r\n${H}Connection: close\r\n\r\n`, ['200']],
  ['pipelined requests', `GET /p1 HTTP/1.1\r\n${H}\r\nGET /p2 HTTP/1.1\r\n${H}\r\nPOST /p3 HTTP/1.1\r\n${H}Content-Length: 3\r\n\r\nabc${CLOSE}`, ['200', '200', '200', '200']],
  ['Expect: 100-continue', `POST /exp HTTP/1.1\r\n${H}Expect: 100-continue\r\nContent-Length: 4\r\n\r\nbody${CLOSE}`, ['100', '200', '200']],
  ['another expectation (417)', `POST /exp HTTP/1.1\r\n${H}Expect: magic\r\nContent-Length: 4\r\n\r\nbody${CLOSE}`, ['417', '200']],
  ['HTTP/1.1 without Host', 'GET /nohost HTTP/1.1\r\nUser-Agent: t\r\n\r\n', ['400']],
  ['two Host headers', `GET /twohosts HTTP/1.1\r\n${H}Host: other.example\r\n\r\n${CLOSE}`, ['400', '200']],
  ['absolute-form target', `GET http://other.example:8080/abs?q=1 HTTP/1.1\r\n${H}\r\n${CLOSE}`, ['200', '200']],
  ['absolute-form with another scheme', `GET ftp://other.example/abs HTTP/1.1\r\n${H}\r\n${CLOSE}`, ['400', '200']],
  ['asterisk-form OPTIONS', `OPTIONS * HTTP/1.1\r\n${H}\r\n${CLOSE}`, ['400', '200']],
  ['hop-by-hop request headers dropped', `GET /hop HTTP/1.1\r\n${H}Connection: X-Drop, keep-alive\r\nKeep-Alive: 5\r\nTE: trailers\r\nProxy-Authorization: x\r\nUpgrade-Insecure-Requests: 1\r\n\r\n${CLOSE}`, ['200', '200']],
  ['Upgrade: websocket', `GET /ws HTTP/1.1\r\n${H}Connection: Upgrade\r\nUpgrade: websocket\r\n\r\n`, ['200']],
  ['CONNECT', `CONNECT other.example:443 HTTP/1.1\r\n${H}\r\n`, ['400']],
  ['Content-Length and Transfer-Encoding', `POST /smuggle HTTP/1.1\r\n${H}Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\nGET /x HTTP/1.1\r\n${H}\r\n`, ['400']],
  ['two different Content-Lengths', `POST /smuggle HTTP/1.1\r\n${H}Content-Length: 3\r\nContent-Length: 4\r\n\r\nabcd`, ['400']],
  ['two equal Content-Lengths', `POST /smuggle HTTP/1.1\r\n${H}Content-Length: 3\r\nContent-Length: 3\r\n\r\nabc`, ['400']],
  ['Content-Length list', `POST /smuggle HTTP/1.1\r\n${H}Content-Length: 3, 3\r\n\r\nabc`, ['400']],
  ['unparseable Content-Length', `POST /smuggle HTTP/1.1\r\n${H}Content-Length: 3x\r\n\r\nabc`, ['400']],
  ['Transfer-Encoding not ending in chunked', `POST /smuggle HTTP/1.1\r\n${H}Transfer-Encoding: chunked, gzip\r\n\r\n0\r\n\r\n`, ['400']],
  ['Transfer-Encoding: chunked twice', `POST /smuggle HTTP/1.1\r\n${H}Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n${CLOSE}`, ['400']],
  ['space before the header colon', `GET /sp HTTP/1.1\r\n${H}Content-Length : 0\r\n\r\n`, ['400']],
  ['obs-fold header line', `GET /fold HTTP/1.1\r\n${H}X-A: 1\r\n  folded\r\n\r\n`, ['400']],
  ['NUL in a header value', `GET /nul HTTP/1.1\r\n${H}X-A: a\u0000b\r\n\r\n`, ['400']],
  ['CR inside a header value', `GET /cr HTTP/1.1\r\n${H}X-A: a\rb\r\n\r\n`, ['400']],
  ['invalid header name character', `GET /name HTTP/1.1\r\n${H}X(A): 1\r\n\r\n`, ['400']],
  ['space in the URL', `GET /a b HTTP/1.1\r\n${H}\r\n`, ['400']],
  ['control character in the URL', `GET /a\u0001b HTTP/1.1\r\n${H}\r\n`, ['400']],
  ['non-ASCII header value', `GET /latin HTTP/1.1\r\n${H}X-Name: caf\u00e9\r\n\r\n${CLOSE}`, ['200', '200']],
  ['malformed method', `G@T / HTTP/1.1\r\n${H}\r\n`, ['400']],
  ['malformed version', `GET / HTTP/1.x\r\n${H}\r\n`, ['400']],
  ["HTTP/2.0 request line (Node's parser takes it)", `GET / HTTP/2.0\r\n${H}\r\n`, ['200']],
  ['LF-only line endings', `GET /lf HTTP/1.1\nHost: lb.example\n\n${CLOSE}`, ['400']],
  // The head is complete (and forwarded) before the chunk size fails: no fixed expectation, only equality.
  ['bad chunk size', `POST /chunk HTTP/1.1\r\n${H}Transfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n`, []],
  ['header block over 16 KiB', `GET /big-head HTTP/1.1\r\n${H}X-Big: ${'a'.repeat(17 * 1024)}\r\n\r\n`, ['400']],
  ['back-end chunked response', `GET /chunked HTTP/1.1\r\n${H}\r\n${CLOSE}`, ['200', '200']],
  ['back-end 204 and 304', `GET /nocontent HTTP/1.1\r\n${H}\r\nGET /notmodified HTTP/1.1\r\n${H}\r\n${CLOSE}`, ['204', '304', '200']],
  ['back-end headers: order, case, hop-by-hop dropped, own Date', `GET /headers HTTP/1.1\r\n${H}\r\n${CLOSE}`, ['201', '200']],
  ['70 KB back-end body', `GET /big HTTP/1.1\r\n${H}\r\n${CLOSE}`, ['200', '200']],
  ['HEAD of a chunked response', `HEAD /chunked HTTP/1.1\r\n${H}\r\n${CLOSE}`, ['200', '200']],
];

/**
 * Sends `bytes` on a new connection (in `piece`-byte writes, each after the previous one was
 * handed to the OS, when given) and reads until the engine closes it (bounded by the idle timeout and `ms`).
 */
function exchange(port: number, bytes: string, ms = 8_000, piece = 0, halfClose = false): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const data = Buffer.from(bytes, 'latin1');
    const s = net.connect({ port, host: '127.0.0.1', noDelay: true }, () => {
      if (!piece) { if (halfClose) s.end(data); else s.write(data); return; }
      const next = (at: number): void => { if (at < data.length && !s.destroyed) s.write(data.subarray(at, at + piece), () => next(at + piece)); };
      next(0);
    });
    const timer = setTimeout(() => { s.destroy(); reject(new Error(`no close within ${ms} ms; got:\n${Buffer.concat(chunks).toString('latin1')}`)); }, ms);
    s.on('data', (d) => chunks.push(d));
    s.on('error', () => undefined);
    s.on('close', () => { clearTimeout(timer); resolve(Buffer.concat(chunks).toString('latin1')); });
  });
}

/**
 * One step of a conversation: bytes sent (in `piece`-byte writes when given), then a wait for
 * `responses` complete answers in all, then `idleMs` of silence (the idle period under test); or a half-close.
 */
interface Step { bytes?: string; piece?: number; responses?: number; end?: boolean; idleMs?: number }

/** How many complete responses (all framed by Content-Length here) a reply holds. */
function completeResponses(reply: string): number {
  let n = 0;
  for (let at = 0; ;) {
    const end = reply.indexOf('\r\n\r\n', at);
    if (end < 0) return n;
    const length = /\r\ncontent-length: *(\d+)/i.exec(reply.slice(at, end));
    const next = end + 4 + (length ? Number(length[1]) : 0);
    if (reply.length < next) return n;
    n++;
    at = next;
  }
}

/**
 * Sends `steps` on one connection: each step's bytes go once the previous step's writes were handed
 * to the OS and its awaited responses arrived (so the connection sat idle between requests, as a
 * keep-alive client leaves it); reads until the engine closes the connection (bounded by `ms`).
 */
function conversation(port: number, steps: Step[], ms = 8_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let waitingFor = 0;
    let resume: (() => void) | undefined;
    const s = net.connect({ port, host: '127.0.0.1', noDelay: true }, () => run(0));
    const send = (data: Buffer, piece: number, done: () => void): void => {
      if (!piece) { s.write(data, () => done()); return; }
      const next = (at: number): void => {
        if (s.destroyed) return;
        if (at >= data.length) { done(); return; }
        s.write(data.subarray(at, at + piece), () => next(at + piece));
      };
      next(0);
    };
    const run = (i: number): void => {
      if (i >= steps.length || s.destroyed) return;
      const step = steps[i];
      if (step.end) { s.end(); return; }
      send(Buffer.from(step.bytes ?? '', 'latin1'), step.piece ?? 0, () => {
        waitingFor = step.responses ?? 0;
        const go = (): void => { if (step.idleMs) setTimeout(() => run(i + 1), step.idleMs); else run(i + 1); };
        if (completeResponses(Buffer.concat(chunks).toString('latin1')) >= waitingFor) go(); else resume = go;
      });
    };
    const timer = setTimeout(() => { s.destroy(); reject(new Error(`no close within ${ms} ms; got:\n${Buffer.concat(chunks).toString('latin1')}`)); }, ms);
    s.on('data', (d) => {
      chunks.push(d);
      if (resume && completeResponses(Buffer.concat(chunks).toString('latin1')) >= waitingFor) { const go = resume; resume = undefined; go(); }
    });
    s.on('error', () => undefined);
    s.on('close', () => { clearTimeout(timer); resolve(Buffer.concat(chunks).toString('latin1')); });
  });
}

/** Date header values vary by the second: masked. */
function mask(reply: string): string {
  return reply.replace(/\r\nDate: [^\r]*/g, '\r\nDate: <date>');
}

/** The status codes of every response head in a reply. */
function statuses(reply: string): string[] {
  return [...reply.matchAll(/HTTP\/1\.1 (\d{3}) /g)].map((m) => m[1]);
}

describe('HTTP front ends: lean and node answer one corpus alike', () => {
  const engines: Record<'lean' | 'node', { proc: EngineProcess; stateDir: string; port: number }> = {} as never;
  const backend = new RawBackend();

  beforeAll(async () => {
    requireBuild();
    await backend.start();
    for (const front of ['lean', 'node'] as const) {
      const stateDir = tempDir(`front-${front}`);
      const proc = await spawnEngine(stateDir, ['--workers', '1', '--http-front', front]);
      const port = await freePort();
      engines[front] = { proc, stateDir, port };
      await proc.admin.apply(lbDocument('diff', {
        listeners: [listener(port, 'HTTP', backend.port, 'HTTP')],
        healthCheck: { target: `TCP:${backend.port}` },
        instances: [{ instanceId: 'i-d1ff0001', address: '127.0.0.1' }],
        idleTimeoutSeconds: 3,
      }), null);
      await waitFor(`the instance InService behind the ${front} front end`, async () => {
        const r = await proc.admin.get('/v1/load-balancers/diff/instance-health');
        return r.body.InstanceStates?.[0]?.State === 'InService';
      });
    }
  }, 60_000);

  afterAll(async () => {
    for (const e of Object.values(engines)) {
      e.proc.child.kill('SIGTERM');
      await e.proc.exited;
      fs.rmSync(e.stateDir, { recursive: true, force: true });
    }
    await backend.close();
  });

  test.each(CORPUS)('%s', async (_name, bytes, expected) => {
    const seen: Record<string, { client: string; backend: Received[] }> = {};
    for (const front of ['node', 'lean'] as const) {
      const from = backend.received.length;
      const client = mask(await exchange(engines[front].port, bytes));
      // The listener ports differ; the back end sees each engine's own in X-Forwarded-Port.
      const own = `X-Forwarded-Port: ${engines[front].port}\r\n`;
      seen[front] = { client, backend: backend.received.slice(from).map((r) => unframed(r).split(own).join('X-Forwarded-Port: <listener port>\r\n')) };
    }
    expect(seen.lean.client).toBe(seen.node.client);
    expect(seen.lean.backend).toEqual(seen.node.backend);
    if (expected.length) expect(statuses(seen.lean.client)).toEqual(expected);
  }, 30_000);

  /** Well-formed cases again, each request arriving in small pieces (heads and bodies split across reads). */
  const SPLIT = CORPUS.filter(([name]) => ['simple GET', 'Content-Length body', 'chunked body', 'pipelined requests', 'Expect: 100-continue', 'HTTP/1.0 keep-alive'].includes(name));

  test.each(SPLIT)('%s, sent in 7-byte pieces', async (_name, bytes, expected) => {
    const seen: Record<string, { client: string; backend: Received[] }> = {};
    for (const front of ['node', 'lean'] as const) {
      const from = backend.received.length;
      const client = mask(await exchange(engines[front].port, bytes, 8_000, 7));
      const own = `X-Forwarded-Port: ${engines[front].port}\r\n`;
      seen[front] = { client, backend: backend.received.slice(from).map((r) => unframed(r).split(own).join('X-Forwarded-Port: <listener port>\r\n')) };
    }
    expect(seen.lean.client).toBe(seen.node.client);
    expect(seen.lean.backend).toEqual(seen.node.backend);
    expect(statuses(seen.lean.client)).toEqual(expected);
  }, 30_000);

  test.each([
    ['a complete request', `GET /fin HTTP/1.1\r\n${H}\r\n`],
    ['a request cut in its head', `GET /fin HTTP/1.1\r\n${H}X-Half: `],
    ['a request cut in its body', `POST /fin HTTP/1.1\r\n${H}Content-Length: 10\r\n\r\nabc`],
  ])('a client that half-closes after %s gets the same from both', async (_name, bytes) => {
    const seen: Record<string, string> = {};
    for (const front of ['node', 'lean'] as const) seen[front] = mask(await exchange(engines[front].port, bytes, 8_000, 0, true));
    expect(seen.lean).toBe(seen.node);
  }, 30_000);

  /**
   * Keep-alive connections that sit idle between requests (the lean front end gives its parser
   * back then and takes one again on the next byte): the next request arrives after the previous
   * response, whole, in pieces, pipelined, malformed, or not at all (half-close).
   */
  const FIRST: Step = { bytes: `GET /idle1 HTTP/1.1\r\n${H}\r\n`, responses: 1 };
  /** The first request, then silence until the lean front end's sweep has certainly taken the parser back (1-2 periods). */
  const FIRST_THEN_RELEASE: Step = { ...FIRST, idleMs: 2 * PARSER_IDLE_RELEASE_MS + 300 };
  test.each<[string, Step[], string[]]>([
    ['(parser given back) the next request in 7-byte pieces', [FIRST_THEN_RELEASE, { bytes: `GET /idle2?q=1 HTTP/1.1\r\n${H}User-Agent: t/1\r\n\r\n${CLOSE}`, piece: 7 }], ['200', '200', '200']],
    ['(parser given back) pipelined requests in one write, a body included', [FIRST_THEN_RELEASE, { bytes: `GET /p1 HTTP/1.1\r\n${H}\r\nPOST /p2 HTTP/1.1\r\n${H}Content-Length: 3\r\n\r\nabc${CLOSE}` }], ['200', '200', '200', '200']],
    ['(parser given back) Content-Length and Transfer-Encoding', [FIRST_THEN_RELEASE, { bytes: `POST /smuggle HTTP/1.1\r\n${H}Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\nGET /x HTTP/1.1\r\n${H}\r\n`, piece: 7 }], ['200', '400']],
    ['the next request in 7-byte pieces', [FIRST, { bytes: `GET /idle2?q=1 HTTP/1.1\r\n${H}User-Agent: t/1\r\n\r\n${CLOSE}`, piece: 7 }], ['200', '200', '200']],
    ['a POST with a Content-Length body in 5-byte pieces', [FIRST, { bytes: `POST /idle-post HTTP/1.1\r\n${H}Content-Length: 11\r\n\r\nhello world${CLOSE}`, piece: 5 }], ['200', '200', '200']],
    ['a chunked body in 3-byte pieces', [FIRST, { bytes: `POST /idle-chunked HTTP/1.1\r\n${H}Transfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n${CLOSE}`, piece: 3 }], ['200', '200', '200']],
    ['pipelined requests in one write right after the response', [FIRST, { bytes: `GET /p1 HTTP/1.1\r\n${H}\r\nGET /p2 HTTP/1.1\r\n${H}\r\nPOST /p3 HTTP/1.1\r\n${H}Content-Length: 3\r\n\r\nabc${CLOSE}` }], ['200', '200', '200', '200', '200']],
    ['pipelined requests in 7-byte pieces', [FIRST, { bytes: `GET /p1 HTTP/1.1\r\n${H}\r\nPOST /p2 HTTP/1.1\r\n${H}Content-Length: 3\r\n\r\nabc${CLOSE}`, piece: 7 }], ['200', '200', '200', '200']],
    ['three idle pauses', [FIRST, { bytes: `GET /idle2 HTTP/1.1\r\n${H}\r\n`, responses: 2 }, { bytes: `GET /idle3 HTTP/1.1\r\n${H}\r\n`, piece: 7, responses: 3 }, { bytes: CLOSE }], ['200', '200', '200', '200']],
    ['an empty line, then the next request', [FIRST, { bytes: '\r\n' }, { bytes: `GET /after-crlf HTTP/1.1\r\n${H}\r\n${CLOSE}` }], []],
    ['a malformed request', [FIRST, { bytes: `GET /a b HTTP/1.1\r\n${H}\r\n`, piece: 7 }], ['200', '400']],
    ['Content-Length and Transfer-Encoding', [FIRST, { bytes: `POST /smuggle HTTP/1.1\r\n${H}Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\nGET /x HTTP/1.1\r\n${H}\r\n` }], ['200', '400']],
    ['a head over 16 KiB', [FIRST, { bytes: `GET /big-head HTTP/1.1\r\n${H}X-Big: ${'a'.repeat(17 * 1024)}\r\n\r\n` }], ['200', '400']],
    ['CONNECT', [FIRST, { bytes: `CONNECT other.example:443 HTTP/1.1\r\n${H}\r\n` }], ['200', '400']],
    ['HTTP/1.0 keep-alive, then the next request', [{ bytes: 'GET /old HTTP/1.0\r\nConnection: keep-alive\r\n\r\n', responses: 1 }, { bytes: `GET /old2 HTTP/1.0\r\nConnection: keep-alive\r\n\r\n${CLOSE}`, piece: 7 }], ['200', '200', '200']],
    ['a half-close', [FIRST, { end: true }], ['200']],
    ['a request cut in its head, then a half-close', [FIRST, { bytes: `GET /cut HTTP/1.1\r\n${H}X-Half: `, piece: 7 }, { end: true }], ['200', '400']],
  ])('idle keep-alive connection, then %s', async (_name, steps, expected) => {
    const seen: Record<string, { client: string; backend: Received[] }> = {};
    for (const front of ['node', 'lean'] as const) {
      const from = backend.received.length;
      const client = mask(await conversation(engines[front].port, steps));
      const own = `X-Forwarded-Port: ${engines[front].port}\r\n`;
      seen[front] = { client, backend: backend.received.slice(from).map((r) => unframed(r).split(own).join('X-Forwarded-Port: <listener port>\r\n')) };
    }
    expect(seen.lean.client).toBe(seen.node.client);
    expect(seen.lean.backend).toEqual(seen.node.backend);
    if (expected.length) expect(statuses(seen.lean.client)).toEqual(expected);
  }, 30_000);

  test('both engines counted the same requests and load-balancer answers', async () => {
    const snapshot = async (front: 'lean' | 'node') => (await engines[front].proc.admin.get('/v1/load-balancers/diff/metrics')).body;
    const [lean, node] = [await snapshot('lean'), await snapshot('node')];
    expect(lean).toEqual(node);
  });
});
