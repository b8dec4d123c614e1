import * as fs from 'fs';
import { tempDir } from '../helpers/certs';
import { freePort } from '../helpers/backends';
import { lbDocument, listener } from '../helpers/documents';
import { EngineProcess, requireBuild, spawnEngine } from '../helpers/engine-process';
import { CORPUS, exchange, H, mask, RawBackend, Received, statuses, unframed } from '../helpers/http-corpus';
import { waitFor } from '../helpers/wait';

/**
 * The `lean` and `node` HTTP front ends, side by side: two real engine processes (`--http-front
 * lean` and `--http-front node`) in front of one raw back end on loopback get the same corpus of
 * well-formed and malformed requests over raw sockets; what the client gets back (Date values
 * masked) must be the same byte for byte, and what the back end receives too, apart from how
 * undici frames a body (`unframed`).
 */

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

  test('both engines counted the same requests and load-balancer answers', async () => {
    const snapshot = async (front: 'lean' | 'node') => (await engines[front].proc.admin.get('/v1/load-balancers/diff/metrics')).body;
    const [lean, node] = [await snapshot('lean'), await snapshot('node')];
    expect(lean).toEqual(node);
  });
});
