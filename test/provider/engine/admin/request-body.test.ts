import * as fs from 'fs';
import * as net from 'net';
import * as path from 'path';
import { Findings } from '../../../../lib/policy/findings';
import { MAX_BODY_BYTES, MAX_JSON_DEPTH, RequestBodies } from '../../../../provider/engine/admin/request-body';
import { freePort, startHttpBackend, TestBackend } from '../helpers/backends';
import { makeCert, tempDir, TestCert } from '../helpers/certs';
import { lbDocument, listener, sslPolicy } from '../helpers/documents';
import { startEngine, EngineHarness } from '../helpers/engine-harness';

/** One HTTP response read off a raw socket. */
interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: any;
  text: string;
  /** Interim (1xx) status lines seen before the final one. */
  interim: number[];
}

/**
 * Reads one final response from `socket` (skipping 1xx), bounded by `timeoutMs`. Data already
 * buffered past the response stays in `rest` for the next call.
 */
function readResponse(socket: net.Socket, state: { rest: Buffer<ArrayBufferLike> }, timeoutMs = 15_000): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const interim: number[] = [];
    const timer = setTimeout(() => { cleanup(); reject(new Error('no complete response in time')); }, timeoutMs);
    const cleanup = () => { clearTimeout(timer); socket.removeListener('data', onData); socket.removeListener('close', onClose); };
    const tryParse = (): boolean => {
      for (;;) {
        const end = state.rest.indexOf('\r\n\r\n');
        if (end < 0) return false;
        const head = state.rest.subarray(0, end).toString('latin1').split('\r\n');
        const status = Number(head[0].split(' ')[1]);
        const headers: Record<string, string> = {};
        for (const line of head.slice(1)) {
          const i = line.indexOf(':');
          headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
        }
        if (status >= 100 && status < 200) {
          interim.push(status);
          state.rest = state.rest.subarray(end + 4);
          continue;
        }
        const length = Number(headers['content-length'] ?? 0);
        if (state.rest.length < end + 4 + length) return false;
        const text = state.rest.subarray(end + 4, end + 4 + length).toString('utf8');
        state.rest = state.rest.subarray(end + 4 + length);
        let body: any;
        try { body = JSON.parse(text); } catch { body = undefined; }
        cleanup();
        resolve({ status, headers, body, text, interim });
        return true;
      }
    };
    const onData = (c: Buffer) => { state.rest = Buffer.concat([state.rest, c]); tryParse(); };
    const onClose = () => { cleanup(); reject(new Error(`connection closed before a complete response (${state.rest.length} bytes read)`)); };
    socket.on('data', onData);
    socket.once('close', onClose);
    tryParse();
  });
}

function connect(url: string): Promise<net.Socket> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const s = net.connect(Number(u.port), u.hostname, () => resolve(s));
    s.once('error', reject);
  });
}

describe('admin API request bodies', () => {
  let h: EngineHarness;
  let backend: TestBackend;
  let dir: string;
  let cert: TestCert;
  let port: number;
  let token: string;
  const doc = () => lbDocument('bodies', {
    listeners: [listener(port, 'HTTP', backend.port, 'HTTP')],
    healthCheck: { target: `TCP:${backend.port}` },
    instances: [{ instanceId: 'i-0000bdy1', address: '127.77.0.81' }],
  });
  const stateBytes = () => Buffer.concat(['state.json', 'state.journal'].flatMap((f) => {
    const p = path.join(h.stateDir, f);
    return fs.existsSync(p) ? [Buffer.from(`${f}\n`), fs.readFileSync(p)] : [];
  }));
  const send = async (method: string, p: string, headers: Record<string, string>, body?: string | Buffer) => {
    const res = await fetch(`${h.admin.url}${p}`, { method, headers: { authorization: `Bearer ${token}`, ...headers }, body, signal: AbortSignal.timeout(30_000) });
    const text = await res.text();
    let parsed: any;
    try { parsed = JSON.parse(text); } catch { parsed = undefined; }
    return { status: res.status, body: parsed, text };
  };
  const nested = (levels: number) => `{"document":${'['.repeat(levels)}${']'.repeat(levels)},"expectedRevision":null}`;

  beforeAll(async () => {
    dir = tempDir('bodies');
    cert = makeCert(dir, 'bodies.example');
    backend = await startHttpBackend('i-0000bdy1', '127.77.0.81');
    h = await startEngine();
    token = fs.readFileSync(path.join(h.stateDir, 'admin-token'), 'utf8').trim();
    port = await freePort();
    await h.admin.apply(doc(), null);
  });
  afterAll(async () => {
    await h.stop();
    await backend.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  describe('a body over 4 MiB gets 413 SECLB_ENGINE_BODY_TOO_LARGE, and the client reads it', () => {
    const big = Buffer.alloc(MAX_BODY_BYTES + 1024 * 1024, 0x20); // 5 MiB of JSON whitespace

    test('fetch (undici) sending the whole body', async () => {
      const before = stateBytes();
      const r = await send('PUT', '/v1/load-balancers/bodies', { 'content-type': 'application/json' }, big);
      expect(r.status).toBe(413);
      expect(r.body.error).toMatchObject({ code: 'SECLB_ENGINE_BODY_TOO_LARGE', limit: MAX_BODY_BYTES });
      expect(stateBytes().equals(before)).toBe(true);
    });

    test('a raw client writing Content-Length and all 5 MiB; the connection stays usable', async () => {
      const socket = await connect(h.admin.url);
      const state: { rest: Buffer<ArrayBufferLike> } = { rest: Buffer.alloc(0) };
      try {
        socket.write(`PUT /v1/load-balancers/bodies HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${token}\r\nContent-Type: application/json\r\nContent-Length: ${big.length}\r\n\r\n`);
        socket.write(big);
        const r = await readResponse(socket, state);
        expect(r.status).toBe(413);
        expect(r.body.error.code).toBe('SECLB_ENGINE_BODY_TOO_LARGE');
        expect(r.headers.connection).not.toBe('close');
        // The rest of the body was read and thrown away: the next request on the connection is answered.
        socket.write(`GET /v1/status HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${token}\r\n\r\n`);
        const next = await readResponse(socket, state);
        expect(next.status).toBe(200);
        expect(next.body.engineRevision).toEqual(expect.any(Number));
      } finally {
        socket.destroy();
      }
    });

    test('a raw client sending chunks with no Content-Length', async () => {
      const socket = await connect(h.admin.url);
      const state: { rest: Buffer<ArrayBufferLike> } = { rest: Buffer.alloc(0) };
      try {
        socket.write(`PUT /v1/load-balancers/bodies HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${token}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n`);
        const chunk = Buffer.alloc(256 * 1024, 0x20);
        for (let sent = 0; sent < big.length; sent += chunk.length) socket.write(Buffer.concat([Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from('\r\n')]));
        socket.write('0\r\n\r\n');
        const r = await readResponse(socket, state);
        expect(r.status).toBe(413);
        expect(r.body.error.code).toBe('SECLB_ENGINE_BODY_TOO_LARGE');
        expect(r.body.error.message).toContain(`more than ${MAX_BODY_BYTES} bytes`);
      } finally {
        socket.destroy();
      }
    });

    test('with Expect: 100-continue the 413 comes instead of 100 Continue, before any body byte', async () => {
      const socket = await connect(h.admin.url);
      const state: { rest: Buffer<ArrayBufferLike> } = { rest: Buffer.alloc(0) };
      try {
        socket.write(`PUT /v1/load-balancers/bodies HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${token}\r\nContent-Type: application/json\r\nContent-Length: ${big.length}\r\nExpect: 100-continue\r\n\r\n`);
        const r = await readResponse(socket, state);
        expect(r.interim).toEqual([]);
        expect(r.status).toBe(413);
        expect(r.body.error.code).toBe('SECLB_ENGINE_BODY_TOO_LARGE');
        expect(r.headers.connection).toBe('close');
      } finally {
        socket.destroy();
      }
    });

    test('a small body with Expect: 100-continue is invited and read', async () => {
      const socket = await connect(h.admin.url);
      const state: { rest: Buffer<ArrayBufferLike> } = { rest: Buffer.alloc(0) };
      try {
        const body = JSON.stringify({ document: doc(), expectedRevision: 0 });
        socket.write(`PUT /v1/load-balancers/bodies HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${token}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nExpect: 100-continue\r\n\r\n`);
        await new Promise<void>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error('no 100 Continue')), 10_000);
          socket.once('data', (c: Buffer) => { clearTimeout(timer); state.rest = c; resolve(); });
        });
        expect(state.rest.toString('latin1')).toMatch(/^HTTP\/1\.1 100 Continue\r\n/);
        socket.write(body);
        const r = await readResponse(socket, state);
        expect(r.interim).toEqual([100]);
        expect(r.status).toBe(409); // read and judged: revision 0 is stale
        expect(r.body.error.code).toBe('SECLB_ENGINE_STALE_REVISION');
      } finally {
        socket.destroy();
      }
    });

    test('an unauthenticated 5 MiB upload gets its 401, not a reset', async () => {
      const r = await fetch(`${h.admin.url}/v1/load-balancers/bodies`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: big, signal: AbortSignal.timeout(30_000) });
      expect(r.status).toBe(401);
      expect(((await r.json()) as { error: { code: string } }).error.code).toBe('SECLB_ENGINE_UNAUTHORIZED');
    });
  });

  describe('nesting is bounded: a clear 400, never a stack overflow', () => {
    test.each([6_000, 100_000])('%d levels get 400 SECLB_ENGINE_BODY_TOO_DEEP', async (levels) => {
      const before = stateBytes();
      const r = await send('PUT', '/v1/load-balancers/bodies', { 'content-type': 'application/json' }, nested(levels));
      expect(r.status).toBe(400);
      expect(r.body.error).toMatchObject({ code: 'SECLB_ENGINE_BODY_TOO_DEEP', maxDepth: MAX_JSON_DEPTH });
      expect(stateBytes().equals(before)).toBe(true);
    });
    test('one level past the bound is refused; the bound itself reaches the model (which then judges the document)', async () => {
      // `{"document": [...]}` nests one level for the envelope.
      const over = await send('PUT', '/v1/load-balancers/bodies', { 'content-type': 'application/json' }, nested(MAX_JSON_DEPTH));
      expect(over.body.error.code).toBe('SECLB_ENGINE_BODY_TOO_DEEP');
      const at = await send('PUT', '/v1/load-balancers/bodies', { 'content-type': 'application/json' }, nested(MAX_JSON_DEPTH - 1));
      expect(at.status).toBe(400);
      expect(at.body.error.code).toBe('SECLB_ENGINE_BAD_REQUEST');
    });
    test('brackets inside strings do not count', () => {
      expect(RequestBodies.depth(Buffer.from(JSON.stringify({ a: '[[[[{{{{"\\', b: [{ c: ']]]' }] })))).toBe(3);
      expect(RequestBodies.depth(Buffer.from('"x"'))).toBe(0);
    });
  });

  describe('writes require Content-Type: application/json', () => {
    test.each([
      ['text/plain', { 'content-type': 'text/plain' }, JSON.stringify({})],
      ['a form', { 'content-type': 'application/x-www-form-urlencoded' }, 'document=x&expectedRevision=1'],
      ['no content type', {}, Buffer.from(JSON.stringify({}))],
      ['a charset other than UTF-8', { 'content-type': 'application/json; charset=iso-8859-1' }, JSON.stringify({})],
    ])('a PUT with %s gets 415 SECLB_ENGINE_UNSUPPORTED_MEDIA_TYPE and changes nothing', async (_what, headers, body) => {
      const before = stateBytes();
      const current = (await h.admin.get('/v1/load-balancers/bodies')).body;
      const payload = typeof body === 'string' && body.startsWith('{') ? JSON.stringify({ document: { ...doc(), idleTimeoutSeconds: 7 }, expectedRevision: current.revision }) : body;
      const r = await send('PUT', '/v1/load-balancers/bodies', headers as Record<string, string>, payload);
      expect(r.status).toBe(415);
      expect(r.body.error.code).toBe('SECLB_ENGINE_UNSUPPORTED_MEDIA_TYPE');
      expect(stateBytes().equals(before)).toBe(true);
      expect((await h.admin.get('/v1/load-balancers/bodies')).body.document.idleTimeoutSeconds).toBe(60);
    });
    test('a certificate upload as text/plain gets 415', async () => {
      const r = await send('PUT', '/v1/server-certificates/plain', { 'content-type': 'text/plain' }, JSON.stringify({ certificateBody: cert.certPem, privateKey: cert.keyPem }));
      expect(r.status).toBe(415);
      expect((await h.admin.get('/v1/server-certificates/plain')).status).toBe(404);
    });
    test('a DELETE with a text/plain body gets 415; a DELETE without a body needs no content type', async () => {
      const r = await send('DELETE', '/v1/load-balancers/bodies', { 'content-type': 'text/plain' }, '{"expectedRevision":1}');
      expect(r.status).toBe(415);
      expect(r.body.error.code).toBe('SECLB_ENGINE_UNSUPPORTED_MEDIA_TYPE');
      expect((await h.admin.get('/v1/load-balancers/bodies')).status).toBe(200);
      const doomed = { ...doc(), name: 'doomed', listeners: [listener(await freePort(), 'HTTP', backend.port, 'HTTP')] };
      await h.admin.apply(doomed, null);
      const del = await send('DELETE', '/v1/load-balancers/doomed', {});
      expect(del.status).toBe(200);
      expect(del.body.deleted).toBe(true);
    });
    test('application/json in any case, with charset=utf-8, is accepted', async () => {
      const current = (await h.admin.get('/v1/load-balancers/bodies')).body;
      const r = await send('PUT', '/v1/load-balancers/bodies', { 'content-type': 'Application/JSON; Charset="UTF-8"' }, JSON.stringify({ document: doc(), expectedRevision: current.revision }));
      expect(r.status).toBe(200);
    });
  });

  describe('error answers quote only a short excerpt of a rejected value', () => {
    const small = (r: { text: string; body: any }) => {
      expect(r.text.length).toBeLessThan(16 * 1024);
      for (const f of r.body.error.findings ?? []) {
        for (const k of ['value', 'message', 'fix']) expect(f[k].length).toBeLessThanOrEqual(Findings.QUOTE_LIMIT + 200);
      }
    };
    test('a refused 4 MB write (a 4,000,000-character name) answers with a small body naming the length', async () => {
      const name = 'n'.repeat(4_000_000);
      const r = await send('PUT', '/v1/load-balancers/bodies', { 'content-type': 'application/json' }, JSON.stringify({ document: { ...doc(), name }, expectedRevision: 1 }));
      expect(r.status).toBe(400);
      expect(r.body.error.code).toBe('SECLB_ENGINE_INVALID_DOCUMENT');
      small(r);
      expect(r.text).toContain('(4000000 characters)');
    });
    test('a 4 MB value of the wrong type, and a 4 MB expectedRevision, answer small too', async () => {
      const current = (await h.admin.get('/v1/load-balancers/bodies')).body;
      const wrongType = await send('PUT', '/v1/load-balancers/bodies', { 'content-type': 'application/json' }, JSON.stringify({ document: { ...doc(), idleTimeoutSeconds: 'y'.repeat(4_000_000) }, expectedRevision: current.revision }));
      expect(wrongType.status).toBe(400);
      small(wrongType);
      const rev = await send('PUT', '/v1/load-balancers/bodies', { 'content-type': 'application/json' }, JSON.stringify({ document: doc(), expectedRevision: '7'.repeat(4_000_000) }));
      expect(rev.status).toBe(400);
      expect(rev.body.error.code).toBe('SECLB_ENGINE_BAD_REQUEST');
      small(rev);
      const list = await send('PUT', '/v1/load-balancers/bodies', { 'content-type': 'application/json' }, JSON.stringify(Array.from({ length: 500_000 }, (_, i) => i)));
      expect(list.status).toBe(400);
      small(list);
      expect(list.text).toContain('an array of 500000 items');
    });
    test('any field of a document (or a key) 100,000 characters long answers small, never 500', async () => {
      const d: any = { ...doc(), name: 'fuzzed', tags: { team: 'web' } };
      d.listeners = [listener(await freePort(), 'HTTPS', backend.port, 'HTTP', { sslCertificateId: 'none', policyNames: ['tls'] })];
      d.policies = [{ ...sslPolicy('tls', { basedOn: 'ELBSecurityPolicy-TLS-1-2-2017-01' }) }];
      d.policies[0].attributes = d.policies[0].attributes.slice(0, 4);
      const leaves: Array<Array<string | number>> = [];
      const walk = (v: unknown, at: Array<string | number>) => {
        if (typeof v === 'string' || typeof v === 'number') leaves.push(at);
        else if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...at, i]));
        else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, [...at, k]);
      };
      walk(d, []);
      const long = 'Z'.repeat(100_000);
      const variants = leaves.map((at) => {
        const copy = JSON.parse(JSON.stringify(d));
        let o = copy;
        for (const k of at.slice(0, -1)) o = o[k];
        o[at[at.length - 1]] = long;
        return [at.join('.'), copy] as const;
      });
      variants.push(['a long key', { ...d, [long]: 1 }], ['a long listener key', { ...d, listeners: [{ ...d.listeners[0], [long]: 1 }] }]);
      expect(variants.length).toBeGreaterThan(30);
      for (const [what, document] of variants) {
        const r = await send('PUT', '/v1/load-balancers/fuzzed', { 'content-type': 'application/json' }, JSON.stringify({ document, expectedRevision: null }));
        expect([what, r.status]).toEqual([what, 400]);
        expect([what, r.text.length < 8 * 1024]).toEqual([what, true]);
      }
    });
    test('a 4 MB certificate body answers small, and never with the key', async () => {
      const r = await send('PUT', '/v1/server-certificates/huge', { 'content-type': 'application/json' }, JSON.stringify({ certificateBody: `-----BEGIN CERTIFICATE-----\n${'A'.repeat(4_000_000)}\n-----END CERTIFICATE-----\n`, privateKey: cert.keyPem }));
      expect(r.status).toBe(400);
      expect(r.body.error.code).toBe('SECLB_ENGINE_CERTIFICATE_INVALID');
      small(r);
      expect(r.text).not.toContain('PRIVATE KEY');
    });
  });
});
