import { requireBuild } from '../helpers/engine-process';
import { CLOSE, CORPUS, DiffEngine, exchange, H, mask, RawBackend, Received, startDiffEngine, statuses, stopDiffEngines, unframed } from '../helpers/http-corpus';

/**
 * The `lean` and `undici` back-end clients, side by side: two real engine processes (`--http-backend
 * lean` and `--http-backend undici`, both with the lean front end) in front of one raw back end on
 * loopback get the front-end corpus and a corpus of back-end behaviours (chunked, close-delimited
 * and HTTP/1.0 responses, 1xx, Keep-Alive timeouts, connections closed or reset by the back end,
 * malformed and oversized response heads, a back end that never answers); what the client gets back
 * (Date values masked) must be the same byte for byte, what the back end receives too (body framing
 * aside, see `unframed`), and so must the load balancers' counters. One known difference is
 * asserted as such: trailing whitespace of a response header value.
 */

type Backend = 'lean' | 'undici';
const BACKENDS: readonly Backend[] = ['undici', 'lean'];

/** [name, bytes the client sends, the status line(s) both clients must answer with]. */
const BACKEND_CORPUS: ReadonlyArray<[string, string, string[]]> = [
  ['close-delimited response', `GET /close-delimited HTTP/1.1\r\n${H}\r\n${CLOSE}`, ['200', '200']],
  ['HTTP/1.0 response (connection closed after it)', `GET /http10 HTTP/1.1\r\n${H}\r\nGET /http10 HTTP/1.1\r\n${H}\r\n${CLOSE}`, ['200', '200', '200']],
  ['HTTP/1.0 keep-alive response', `GET /http10-keepalive HTTP/1.1\r\n${H}\r\nGET /http10-keepalive HTTP/1.1\r\n${H}\r\n${CLOSE}`, ['200', '200', '200']],
  ['HEAD of a keep-alive chunked response, then GET', `HEAD /head-keepalive HTTP/1.1\r\n${H}\r\nGET /head-keepalive HTTP/1.1\r\n${H}\r\n${CLOSE}`, ['200', '200', '200']],
  ['Keep-Alive: timeout=1 (the margin leaves nothing: closed after the response)', `GET /ka-short HTTP/1.1\r\n${H}\r\nGET /ka-short HTTP/1.1\r\n${H}\r\n${CLOSE}`, ['200', '200', '200']],
  ['Keep-Alive: timeout=30', `GET /ka-long HTTP/1.1\r\n${H}\r\nGET /ka-long HTTP/1.1\r\n${H}\r\n${CLOSE}`, ['200', '200', '200']],
  // Whether the next request meets the closing connection (and is retried) or a new one depends on when the FIN is read: GETs either way.
  ['back end closes the connection after a response, without notice', `GET /close-after HTTP/1.1\r\n${H}\r\nGET /close-after HTTP/1.1\r\n${H}\r\n${CLOSE}`, ['200', '200', '200']],
  ['Connection: close from the back end', `GET /connection-close HTTP/1.1\r\n${H}\r\nGET /connection-close HTTP/1.1\r\n${H}\r\n${CLOSE}`, ['200', '200', '200']],
  ['malformed status line', `GET /bad-status HTTP/1.1\r\n${H}\r\n${CLOSE}`, ['502', '200']],
  ['malformed response header', `GET /bad-header HTTP/1.1\r\n${H}\r\n${CLOSE}`, ['502', '200']],
  ['response head over 16 KiB', `GET /huge-head HTTP/1.1\r\n${H}\r\n${CLOSE}`, ['502', '200']],
  ['100 Continue from the back end (not asked for)', `GET /continue HTTP/1.1\r\n${H}\r\n${CLOSE}`, ['502', '200']],
  ['103 Early Hints, then the response', `GET /hints HTTP/1.1\r\n${H}\r\n${CLOSE}`, ['200', '200']],
  ['more than 32 response headers', `GET /many-headers HTTP/1.1\r\n${H}\r\n${CLOSE}`, ['200', '200']],
  ['chunked response with trailer fields, then more than 32 headers on the same connection', `GET /trailers HTTP/1.1\r\n${H}\r\nGET /many-headers HTTP/1.1\r\n${H}\r\n${CLOSE}`, ['200', '200', '200']],
  ['own status text', `GET /status-text HTTP/1.1\r\n${H}\r\n${CLOSE}`, ['299', '200']],
  ['back end resets the connection (GET: retried once on a new connection)', `GET /reset HTTP/1.1\r\n${H}\r\n${CLOSE}`, ['504', '200']],
  ['back end resets the connection (POST)', `POST /reset HTTP/1.1\r\n${H}Content-Length: 3\r\n\r\nabc${CLOSE}`, ['504', '200']],
  ['back end never answers (idle timeout)', `GET /silent HTTP/1.1\r\n${H}\r\n${CLOSE}`, ['504', '200']],
];

describe('HTTP back-end clients: lean and undici carry one corpus alike', () => {
  const engines: Record<Backend, DiffEngine> = {} as never;
  const backend = new RawBackend();

  beforeAll(async () => {
    requireBuild();
    await backend.start();
    for (const client of BACKENDS) {
      engines[client] = await startDiffEngine(`backend-${client}`, ['--http-front', 'lean', '--http-backend', client], backend, 'i-d1ff0002');
    }
  }, 60_000);

  afterAll(async () => {
    await stopDiffEngines(Object.values(engines));
    await backend.close();
  });

  /** Sends `bytes` through both engines (undici first); what each client got and what the back end received for it. */
  async function through(bytes: string, piece = 0): Promise<Record<Backend, { client: string; backend: Received[] }>> {
    const seen = {} as Record<Backend, { client: string; backend: Received[] }>;
    for (const client of BACKENDS) {
      const from = backend.received.length;
      const reply = mask(await exchange(engines[client].port, bytes, 12_000, piece));
      // The listener ports differ; the back end sees each engine's own in X-Forwarded-Port.
      const own = `X-Forwarded-Port: ${engines[client].port}\r\n`;
      seen[client] = { client: reply, backend: backend.received.slice(from).map((r) => unframed(r).split(own).join('X-Forwarded-Port: <listener port>\r\n')) };
    }
    return seen;
  }

  test.each([...CORPUS, ...BACKEND_CORPUS])('%s', async (_name, bytes, expected) => {
    const seen = await through(bytes);
    expect(seen.lean.client).toBe(seen.undici.client);
    expect(seen.lean.backend).toEqual(seen.undici.backend);
    if (expected.length) expect(statuses(seen.lean.client)).toEqual(expected);
  }, 30_000);

  test('trailing spaces of a response header value: the lean client drops them (RFC 9110 §5.5), undici relayed them', async () => {
    const seen = await through(`GET /trailing-space HTTP/1.1\r\n${H}\r\n${CLOSE}`);
    expect(seen.undici.client).toContain('\r\nX-Pad: v  \r\n');
    expect(seen.lean.client).toBe(seen.undici.client.replace('\r\nX-Pad: v  \r\n', '\r\nX-Pad: v\r\n'));
    expect(seen.lean.backend).toEqual(seen.undici.backend);
  }, 30_000);

  test('a response that arrives before the request body is complete ends the exchange alike', async () => {
    const body = 'x'.repeat(3_000);
    const seen = await through(`POST /early HTTP/1.1\r\n${H}Connection: close\r\nContent-Length: ${body.length}\r\n\r\n${body}`, 700);
    expect(seen.lean.client).toBe(seen.undici.client);
    expect(statuses(seen.lean.client)).toEqual(['200']);
    expect(seen.lean.client).toMatch(/\r\n\r\nearly$/);
    // The back end recorded the head only (it answered on it).
    expect(seen.lean.backend).toEqual(seen.undici.backend);
  }, 30_000);

  test('both engines counted the same requests, back-end answers and load-balancer answers', async () => {
    const snapshot = async (client: Backend) => (await engines[client].proc.admin.get('/v1/load-balancers/diff')).body.counters;
    const [lean, undici] = [await snapshot('lean'), await snapshot('undici')];
    expect(lean).toEqual(undici);
    expect(lean.RequestCount).toBeGreaterThan(BACKEND_CORPUS.length);
    // The corpus did reach the back end and did produce the load balancer's own answers.
    expect(lean.HTTPCode_ELB_5XX).toBeGreaterThan(0);
    expect(lean.BackendConnectionErrors).toBeGreaterThan(0);
  });
});
