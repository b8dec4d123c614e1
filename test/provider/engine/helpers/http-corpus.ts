import * as fs from 'fs';
import * as net from 'net';
import { freePort } from './backends';
import { tempDir } from './certs';
import { lbDocument, listener } from './documents';
import { EngineProcess, spawnEngine } from './engine-process';
import { waitFor } from './wait';

/**
 * The differential tests' corpus (well-formed and malformed requests, over raw sockets) and the
 * raw HTTP/1.1 back end they share: `listeners/http-front-differential.test.ts` (lean and node
 * front ends) and `listeners/http-backend-differential.test.ts` (lean and undici back-end clients).
 */

/** One back-end request as received, raw. */
export type Received = string;

/** A raw HTTP/1.1 back end: records each request's bytes and answers by path (`/chunked`, `/nocontent`, ...). */
export class RawBackend {
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
        const early = RawBackend.early(head);
        if (early) {
          // Answered (or cut) as soon as the head is in: the body, if any, is not waited for.
          buf = '';
          this.received.push(head);
          early(socket);
          return;
        }
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
        const path = request.split(' ')[1] ?? '/';
        // Close-delimited bodies end with the connection; `/close-after` closes with no notice in the head.
        if (path.startsWith('/close-delimited') || path.startsWith('/close-after')) {
          // Nothing more is read or recorded from this connection (what still comes met a closing one).
          socket.removeAllListeners('data');
          socket.end();
          return;
        }
      }
    });
  }

  /** Paths answered (or cut) on the head alone: the answer, or undefined for the ordinary paths. */
  private static early(head: string): ((socket: net.Socket) => void) | undefined {
    const path = head.split(' ')[1] ?? '/';
    if (path.startsWith('/early')) return (s) => s.write('HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nearly');
    if (path.startsWith('/reset')) return (s) => s.resetAndDestroy();
    if (path.startsWith('/silent')) return () => undefined; // never answers: the idle timeout does (504)
    return undefined;
  }

  private static answer(request: string): string {
    const path = request.split(' ')[1] ?? '/';
    const head = request.startsWith('HEAD ');
    if (path.startsWith('/close-delimited')) return 'HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nuntil the connection closes';
    if (path.startsWith('/close-after')) return 'HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nafter';
    if (path.startsWith('/http10-keepalive')) return 'HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 6\r\n\r\nhttp10';
    if (path.startsWith('/http10')) return 'HTTP/1.0 200 OK\r\nContent-Length: 6\r\n\r\nhttp10';
    if (path.startsWith('/connection-close')) return 'HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 4\r\n\r\nbye.';
    if (path.startsWith('/ka-short')) return 'HTTP/1.1 200 OK\r\nKeep-Alive: timeout=1\r\nContent-Length: 2\r\n\r\nka';
    if (path.startsWith('/ka-long')) return 'HTTP/1.1 200 OK\r\nConnection: keep-alive\r\nKeep-Alive: timeout=30, max=5\r\nContent-Length: 2\r\n\r\nka';
    if (path.startsWith('/bad-status')) return 'HTTP/1.1 2x0 OK\r\nContent-Length: 2\r\n\r\nok';
    if (path.startsWith('/bad-header')) return 'HTTP/1.1 200 OK\r\nX Bad: 1\r\nContent-Length: 2\r\n\r\nok';
    if (path.startsWith('/huge-head')) return `HTTP/1.1 200 OK\r\nX-Big: ${'b'.repeat(20 * 1024)}\r\nContent-Length: 2\r\n\r\nok`;
    if (path.startsWith('/continue')) return 'HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok';
    if (path.startsWith('/hints')) return 'HTTP/1.1 103 Early Hints\r\nLink: </s.css>; rel=preload\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhints';
    if (path.startsWith('/head-keepalive')) return 'HTTP/1.1 200 OK\r\nConnection: keep-alive\r\nTransfer-Encoding: chunked\r\n\r\n' + (head ? '' : '2\r\nok\r\n0\r\n\r\n');
    if (path.startsWith('/many-headers')) {
      let h = 'HTTP/1.1 200 OK\r\n';
      for (let i = 0; i < 40; i++) h += `X-H${i}: v${i}\r\n`;
      return `${h}Content-Length: 4\r\n\r\nmany`;
    }
    if (path.startsWith('/trailers')) return 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nTrailer: X-T\r\n\r\n2\r\nok\r\n0\r\nX-T: 1\r\n\r\n';
    if (path.startsWith('/trailing-space')) return 'HTTP/1.1 200 OK\r\nX-Pad: v  \r\nContent-Length: 2\r\n\r\nok';
    if (path.startsWith('/status-text')) return 'HTTP/1.1 299 Quite Fine Indeed\r\nContent-Length: 2\r\n\r\nok';
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
export function unframed(request: string): string {
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
export const CLOSE = 'GET /last HTTP/1.1\r\nHost: lb.example\r\nConnection: close\r\n\r\n';
export const H = 'Host: lb.example\r\n';

/** [name, bytes the client sends, the status line(s) both front ends must answer with]. */
export const CORPUS: ReadonlyArray<[string, string, string[]]> = [
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
export function exchange(port: number, bytes: string, ms = 8_000, piece = 0, halfClose = false): Promise<string> {
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

/** Date header values vary by the second: masked. */
export function mask(reply: string): string {
  return reply.replace(/\r\nDate: [^\r]*/g, '\r\nDate: <date>');
}

/** The status codes of every response head in a reply. */
export function statuses(reply: string): string[] {
  return [...reply.matchAll(/HTTP\/1\.1 (\d{3}) /g)].map((m) => m[1]);
}

/** One engine of a differential test: its process, state directory and HTTP listener port. */
export interface DiffEngine { proc: EngineProcess; stateDir: string; port: number }

/**
 * Starts an engine process (`--workers 1` plus `args`) with one load balancer `diff`: an HTTP
 * listener on a free port in front of `backend` (3 s idle timeout), and waits until its instance
 * is InService. `name` labels the state directory and the wait.
 */
export async function startDiffEngine(name: string, args: string[], backend: RawBackend, instanceId: string): Promise<DiffEngine> {
  const stateDir = tempDir(name);
  const proc = await spawnEngine(stateDir, ['--workers', '1', ...args]);
  const port = await freePort();
  await proc.admin.apply(lbDocument('diff', {
    listeners: [listener(port, 'HTTP', backend.port, 'HTTP')],
    healthCheck: { target: `TCP:${backend.port}` },
    instances: [{ instanceId, address: '127.0.0.1' }],
    idleTimeoutSeconds: 3,
  }), null);
  await waitFor(`the instance InService behind ${name}`, async () => {
    const r = await proc.admin.get('/v1/load-balancers/diff/instance-health');
    return r.body.InstanceStates?.[0]?.State === 'InService';
  });
  return { proc, stateDir, port };
}

/** Stops the engines of a differential test (SIGTERM, waits for the exit) and removes their state. */
export async function stopDiffEngines(engines: Iterable<DiffEngine>): Promise<void> {
  for (const e of engines) {
    e.proc.child.kill('SIGTERM');
    await e.proc.exited;
    fs.rmSync(e.stateDir, { recursive: true, force: true });
  }
}
