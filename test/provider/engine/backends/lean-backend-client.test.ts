import * as net from 'net';
import { Readable } from 'stream';
import type { Dispatcher } from 'undici';
import { BackendTarget } from '../../../../provider/engine/backends/backend-target';
import { HttpBackend } from '../../../../provider/engine/backends/http-backend';
import { PooledRequestHandler, TargetPool } from '../../../../provider/engine/backends/target-pool';
import { ENGINE_LOG_CODES } from '../../../../provider/engine/errors';
import { waitFor } from '../helpers/wait';

const ADDRESS = '127.77.0.193';
const noPins = () => { throw new Error('no pins here'); };

/** A raw back end: records the bytes of each connection and answers each complete request with `answer(head)` (or not at all). */
async function rawBackend(answer: (head: string, socket: net.Socket) => void) {
  const connections: string[] = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((s) => {
    const at = connections.push('') - 1;
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => undefined);
    s.setEncoding('latin1');
    let pending = '';
    s.on('data', (d: string) => {
      connections[at] += d;
      pending += d;
      const end = pending.indexOf('\r\n\r\n');
      if (end < 0) return;
      const head = pending.slice(0, end + 4);
      const length = /\r\ncontent-length: *(\d+)/i.exec(head);
      const complete = length ? pending.length >= head.length + Number(length[1])
        : !/\r\ntransfer-encoding: *chunked/i.test(head) || pending.endsWith('0\r\n\r\n');
      if (!complete) return;
      pending = '';
      answer(head, s);
    });
  });
  const port = await new Promise<number>((r) => server.listen({ host: ADDRESS, port: 0 }, () => r((server.address() as net.AddressInfo).port)));
  return {
    connections,
    port,
    close: () => new Promise<void>((r) => { for (const s of sockets) s.destroy(); server.close(() => r()); }),
  };
}

interface Outcome { status?: number; statusText?: string; headers?: string[]; body: string; error?: string; connected: boolean }

/** One request through a target pool, driven the way BackendExchange drives it. */
function send(pool: TargetPool, options: Dispatcher.DispatchOptions, hooks: { onData?: (chunk: Buffer, resume: () => void) => boolean } = {}): Promise<Outcome> {
  return new Promise((resolve) => {
    const out: Outcome = { body: '', connected: false };
    let resume: () => void = () => undefined;
    const handler: PooledRequestHandler = {
      onConnect() { out.connected = true; handler.client!.startRequest(); },
      onHeaders(status: number, raw: Array<Buffer | string>, res: () => void, statusText: string) {
        out.status = status;
        out.statusText = statusText;
        out.headers = raw.map(String);
        resume = res;
        return true;
      },
      onData(chunk: Buffer) { out.body += chunk.toString('latin1'); return hooks.onData ? hooks.onData(chunk, resume) : true; },
      onComplete() { pool.release(handler.client!); resolve(out); },
      onError(err: Error & { code?: string }) { pool.release(handler.client!); out.error = err.code ?? err.message; resolve(out); },
    } as unknown as PooledRequestHandler;
    pool.dispatch(options, handler);
  });
}

const OK = 'HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok';

describe('LeanBackendClient', () => {
  const pools: TargetPool[] = [];
  const poolOf = (port: number, backend: HttpBackend, idleMs = 60_000) => {
    const target: BackendTarget = { instanceId: 'i-0lean0001', address: ADDRESS, port, tls: false };
    const p = new TargetPool(target, idleMs, noPins, backend);
    pools.push(p);
    return p;
  };
  afterEach(() => { for (const p of pools.splice(0)) p.destroy(); });

  test('writes the same request bytes as undici: no body, a buffered body, a streamed Content-Length body, a streamed chunked body', async () => {
    const seen: Record<HttpBackend, string[]> = { lean: [], undici: [] };
    for (const kind of ['undici', 'lean'] as const) {
      const backend = await rawBackend((_head, s) => s.write(OK));
      try {
        const pool = poolOf(backend.port, kind);
        const headers = ['X-Case', 'MiXeD', 'Host', 'lb.example', 'x-forwarded-for', '127.0.0.1'];
        expect((await send(pool, { method: 'GET', path: '/a?b=c', headers, reset: false })).status).toBe(200);
        expect((await send(pool, { method: 'POST', path: '/buffer', headers: [...headers, 'Content-Length', '5'], body: Buffer.from('hello'), reset: false })).status).toBe(200);
        const lengthBody = new Readable({ read() { /* pushed below */ } });
        const lengthDone = send(pool, { method: 'PUT', path: '/stream', headers: [...headers, 'Content-Length', '6'], body: lengthBody, reset: false });
        setTimeout(() => { lengthBody.push('abc'); setTimeout(() => { lengthBody.push('def'); lengthBody.push(null); }, 20); }, 20);
        expect((await lengthDone).status).toBe(200);
        const chunkedBody = new Readable({ read() { /* pushed below */ } });
        const chunkedDone = send(pool, { method: 'POST', path: '/chunked', headers, body: chunkedBody, reset: false });
        setTimeout(() => { chunkedBody.push('12345'); setTimeout(() => { chunkedBody.push('678'); chunkedBody.push(null); }, 20); }, 20);
        expect((await chunkedDone).status).toBe(200);
        await waitFor('the chunked request fully received', () => backend.connections.join('').includes('\r\n0\r\n\r\n'));
        seen[kind] = backend.connections;
      } finally {
        await backend.close();
      }
    }
    expect(seen.lean).toEqual(seen.undici);
    expect(seen.lean.join('')).toContain('GET /a?b=c HTTP/1.1\r\nhost: lb.example\r\nconnection: keep-alive\r\nX-Case: MiXeD\r\nx-forwarded-for: 127.0.0.1\r\n\r\n');
    expect(seen.lean.join('')).toContain('content-length: 5\r\n\r\nhello');
    expect(seen.lean.join('')).toContain('transfer-encoding: chunked\r\n\r\n5\r\n12345\r\n3\r\n678\r\n0\r\n\r\n');
  });

  test('hands over the response head in the back end\'s order and case, and holds the body while the handler is full', async () => {
    const body = 'z'.repeat(200_000);
    const backend = await rawBackend((_head, s) => s.write(`HTTP/1.1 201 Made\r\nX-B: 2\r\nx-a: 1\r\nContent-Length: ${body.length}\r\n\r\n${body}`));
    try {
      const pool = poolOf(backend.port, 'lean');
      let held = false;
      let callsWhileHeld = 0;
      const out = await send(pool, { method: 'GET', path: '/', headers: ['Host', 'h'], reset: false }, {
        onData: (_chunk, resume) => {
          if (held) callsWhileHeld++;
          if (!held && callsWhileHeld === 0) {
            held = true;
            // Resume only after the back end had time to send everything: nothing may arrive in between.
            setTimeout(() => { held = false; resume(); }, 200);
            return false;
          }
          return true;
        },
      });
      expect(out.status).toBe(201);
      expect(out.statusText).toBe('Made');
      expect(out.headers).toEqual(['X-B', '2', 'x-a', '1', 'Content-Length', String(body.length)]);
      expect(out.body).toBe(body);
      // At most what was already read when the handler said stop arrives (the rest of that read).
      expect(callsWhileHeld).toBeLessThanOrEqual(1);
    } finally {
      await backend.close();
    }
  });

  test('reads again on a reused connection when the handler said stop in the read that completed the previous response', async () => {
    // The bench's stall: a client gone (or full) when a small response arrived in one read made the
    // handler say stop; the response completed in that read and the connection went back to the
    // pool not reading, so the next request on it was answered only by the idle timeout.
    for (const kind of ['undici', 'lean'] as const) {
      const backend = await rawBackend((_head, s) => s.write(OK));
      try {
        const pool = poolOf(backend.port, kind, 2_000);
        const first = await send(pool, { method: 'GET', path: '/first', headers: ['Host', 'h'], reset: false }, {
          // Full: stop, and resume a moment later (as BackendExchange does on the client's drain).
          onData: (_chunk, resume) => { setImmediate(resume); return false; },
        });
        expect(first).toMatchObject({ status: 200, body: 'ok' });
        const second = await send(pool, { method: 'GET', path: '/second', headers: ['Host', 'h'], reset: false });
        expect({ kind, ...second }).toMatchObject({ kind, status: 200, body: 'ok' });
        expect(second.error).toBeUndefined();
        expect(backend.connections).toHaveLength(1);
      } finally {
        await backend.close();
      }
    }
  });

  test('refuses a request it cannot send as it came, before connecting (SECLB_ENGINE_BACKEND_REQUEST_INVALID)', async () => {
    const backend = await rawBackend((_head, s) => s.write(OK));
    try {
      const pool = poolOf(backend.port, 'lean');
      for (const options of [
        { method: 'OPTIONS', path: '*', headers: ['Host', 'h'] },
        { method: 'GET', path: '/', headers: ['Host', 'h', 'host', 'i'] },
        { method: 'GET', path: '/', headers: ['Host', 'h', 'X-A', 'a\r\nInjected: 1'] },
        { method: 'GET', path: '/', headers: ['Host', 'h', 'Bad Name', '1'] },
        { method: 'POST', path: '/', headers: ['Host', 'h', 'Content-Length', '1x'] },
      ]) {
        const out = await send(pool, { ...options, reset: false } as Dispatcher.DispatchOptions);
        expect(out).toEqual({ body: '', connected: false, error: ENGINE_LOG_CODES.BACKEND_REQUEST_INVALID });
      }
      expect(backend.connections).toEqual([]);
    } finally {
      await backend.close();
    }
  });

  test('names its failures: a silent back end (BACKEND_TIMEOUT), a close before the response (BACKEND_CLOSED), an unasked 100 (BACKEND_BAD_RESPONSE)', async () => {
    const backend = await rawBackend((head, s) => {
      if (head.startsWith('GET /silent')) return;
      if (head.startsWith('GET /close')) { s.end(); return; }
      if (head.startsWith('GET /continue')) s.write(`HTTP/1.1 100 Continue\r\n\r\n${OK}`);
    });
    try {
      const pool = poolOf(backend.port, 'lean', 300);
      const started = Date.now();
      expect((await send(pool, { method: 'GET', path: '/silent', headers: ['Host', 'h'], reset: false })).error).toBe(ENGINE_LOG_CODES.BACKEND_TIMEOUT);
      expect(Date.now() - started).toBeGreaterThanOrEqual(250);
      expect((await send(pool, { method: 'GET', path: '/close', headers: ['Host', 'h'], reset: false })).error).toBe(ENGINE_LOG_CODES.BACKEND_CLOSED);
      expect((await send(pool, { method: 'GET', path: '/continue', headers: ['Host', 'h'], reset: false })).error).toBe(ENGINE_LOG_CODES.BACKEND_BAD_RESPONSE);
    } finally {
      await backend.close();
    }
  });
});
