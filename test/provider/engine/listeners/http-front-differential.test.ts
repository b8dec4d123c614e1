import * as net from 'net';
import { requireBuild } from '../helpers/engine-process';
import { CLOSE, CORPUS, DiffEngine, exchange, H, mask, RawBackend, Received, startDiffEngine, statuses, stopDiffEngines, unframed } from '../helpers/http-corpus';
import { PARSER_IDLE_RELEASE_MS } from '../../../../provider/engine/listeners/lean-http-connection';

/**
 * The `lean` and `node` HTTP front ends, side by side: two real engine processes (`--http-front
 * lean` and `--http-front node`) in front of one raw back end on loopback get the same corpus of
 * well-formed and malformed requests over raw sockets; what the client gets back (Date values
 * masked) must be the same byte for byte, and what the back end receives too, apart from how
 * undici frames a body (`unframed`); and each case must move the load balancer's counters
 * (RequestCount, HTTPCode_*, ...) alike on both engines.
 */

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

type Front = 'lean' | 'node';
/** Counter values by name (the admin API's `counters` of a load balancer). */
type Counts = Record<string, number>;

/** The counters that grew from `before` to `after`, by how much (the others left out). */
function increase(before: Counts, after: Counts): Counts {
  const grown: Counts = {};
  for (const [name, value] of Object.entries(after)) if (value !== (before[name] ?? 0)) grown[name] = value - (before[name] ?? 0);
  return grown;
}

/** `counts` without the named counters. */
function without(counts: Counts, names: readonly string[]): Counts {
  return Object.fromEntries(Object.entries(counts).filter(([name]) => !names.includes(name)));
}

/**
 * Counters that follow a race rather than the front end when a client half-closes right after a
 * complete request: both front ends close the connection on the client's FIN (Node's server
 * aborts the request then), and the instance's answer to the request already sent is counted only
 * when its head arrives before that close (seen on both front ends, in either order).
 */
const RACING_AFTER_HALF_CLOSE = ['HTTPCode_Backend_2XX', 'HTTPCode_Backend_3XX', 'HTTPCode_Backend_4XX', 'HTTPCode_Backend_5XX'];

describe('HTTP front ends: lean and node answer one corpus alike', () => {
  const engines: Record<Front, DiffEngine> = {} as never;
  const backend = new RawBackend();
  /** Per engine, what the cases counted that is left out of the comparison (`RACING_AFTER_HALF_CLOSE`). */
  const uncompared: Record<Front, Counts> = { lean: {}, node: {} };

  /** The load balancer's counters in one engine, read through its admin API. */
  async function countersOf(front: Front): Promise<Counts> {
    const r = await engines[front].proc.admin.get('/v1/load-balancers/diff');
    expect(r.status).toBe(200);
    return r.body.counters;
  }

  /**
   * Runs one case on both engines and returns what each counted meanwhile. The counters are read
   * after both ran, so whatever the node engine (first) still counted while the lean one worked
   * lands in this case too.
   */
  async function counting(run: () => Promise<void>): Promise<Record<Front, Counts>> {
    const before = { node: await countersOf('node'), lean: await countersOf('lean') };
    await run();
    return { node: increase(before.node, await countersOf('node')), lean: increase(before.lean, await countersOf('lean')) };
  }

  /**
   * Sends one case to both engines (`send` gets the engine's listener port and returns what the
   * client got) and asserts that the client's bytes (Date masked), what the back end received (each
   * engine's own X-Forwarded-Port aside) and what the case counted are the same; returns the replies.
   */
  async function sameFromBoth(send: (port: number) => Promise<string>): Promise<Record<Front, string>> {
    const seen = {} as Record<Front, { client: string; backend: Received[] }>;
    const counted = await counting(async () => {
      for (const front of ['node', 'lean'] as const) {
        const from = backend.received.length;
        const client = mask(await send(engines[front].port));
        // The listener ports differ; the back end sees each engine's own in X-Forwarded-Port.
        const own = `X-Forwarded-Port: ${engines[front].port}\r\n`;
        seen[front] = { client, backend: backend.received.slice(from).map((r) => unframed(r).split(own).join('X-Forwarded-Port: <listener port>\r\n')) };
      }
    });
    expect(seen.lean.client).toBe(seen.node.client);
    expect(seen.lean.backend).toEqual(seen.node.backend);
    expect(counted.lean).toEqual(counted.node);
    return { node: seen.node.client, lean: seen.lean.client };
  }

  beforeAll(async () => {
    requireBuild();
    await backend.start();
    for (const front of ['lean', 'node'] as const) {
      engines[front] = await startDiffEngine(`front-${front}`, ['--http-front', front], backend, 'i-d1ff0001');
    }
  }, 60_000);

  afterAll(async () => {
    await stopDiffEngines(Object.values(engines));
    await backend.close();
  });

  test.each(CORPUS)('%s', async (_name, bytes, expected) => {
    const seen = await sameFromBoth((port) => exchange(port, bytes));
    if (expected.length) expect(statuses(seen.lean)).toEqual(expected);
  }, 30_000);

  /** Well-formed cases again, each request arriving in small pieces (heads and bodies split across reads). */
  const SPLIT = CORPUS.filter(([name]) => ['simple GET', 'Content-Length body', 'chunked body', 'pipelined requests', 'Expect: 100-continue', 'HTTP/1.0 keep-alive'].includes(name));

  test.each(SPLIT)('%s, sent in 7-byte pieces', async (_name, bytes, expected) => {
    const seen = await sameFromBoth((port) => exchange(port, bytes, 8_000, 7));
    expect(statuses(seen.lean)).toEqual(expected);
  }, 30_000);

  test.each([
    ['a complete request', `GET /fin HTTP/1.1\r\n${H}\r\n`],
    ['a request cut in its head', `GET /fin HTTP/1.1\r\n${H}X-Half: `],
    ['a request cut in its body', `POST /fin HTTP/1.1\r\n${H}Content-Length: 10\r\n\r\nabc`],
  ])('a client that half-closes after %s gets the same from both', async (_name, bytes) => {
    const seen: Record<string, string> = {};
    const counted = await counting(async () => {
      for (const front of ['node', 'lean'] as const) seen[front] = mask(await exchange(engines[front].port, bytes, 8_000, 0, true));
    });
    expect(seen.lean).toBe(seen.node);
    for (const front of ['node', 'lean'] as const) {
      for (const name of RACING_AFTER_HALF_CLOSE) uncompared[front][name] = (uncompared[front][name] ?? 0) + (counted[front][name] ?? 0);
    }
    expect(without(counted.lean, RACING_AFTER_HALF_CLOSE)).toEqual(without(counted.node, RACING_AFTER_HALF_CLOSE));
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
    const seen = await sameFromBoth((port) => conversation(port, steps));
    if (expected.length) expect(statuses(seen.lean)).toEqual(expected);
  }, 30_000);

  /** The cases compared their own counts; this catches what was counted outside them (and checks the corpus counted at all). */
  test('both engines counted the same requests and load-balancer answers in all', async () => {
    const [lean, node] = [await countersOf('lean'), await countersOf('node')];
    const compared = (front: Front, counts: Counts): Counts => {
      const out = { ...counts };
      for (const [name, n] of Object.entries(uncompared[front])) out[name] -= n;
      return out;
    };
    expect(compared('lean', lean)).toEqual(compared('node', node));
    // The corpus did reach the back end and did produce the load balancer's own 4xx answers.
    expect(lean.RequestCount).toBeGreaterThan(CORPUS.length);
    expect(lean.HTTPCode_Backend_2XX).toBeGreaterThan(CORPUS.length);
    expect(lean.HTTPCode_ELB_4XX).toBeGreaterThan(0);
  });
});
