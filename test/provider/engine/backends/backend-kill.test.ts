import * as fs from 'fs';
import * as http from 'http';
import { performance } from 'perf_hooks';
import { BackendProcess, startBackendProcess } from '../helpers/backend-process';
import { freePort } from '../helpers/backends';
import { tempDir } from '../helpers/certs';
import { lbDocument, listener } from '../helpers/documents';
import { EngineProcess, requireBuild, spawnEngine } from '../helpers/engine-process';
import { waitFor } from '../helpers/wait';

const ADDRESSES = ['127.77.4.1', '127.77.4.2', '127.77.4.3'];
const IDS = ['i-kill00001', 'i-kill00002', 'i-kill00003'];
/** Each back end holds every answer about this long (0.5-1.5 times), so requests are in flight when one dies. */
const DELAY_MS = 400;
const CLIENTS = 40;
/** Bounds of the load loop: count and time. */
const MAX_REQUESTS = 40_000;
const BEFORE_KILL_MS = 2_000;
const AFTER_KILL_MS = 2_500;
/** The health check (scaled by the engine tests' 0.02): every 5 s, 2 failures to go OutOfService. */
const HEALTH_INTERVAL_MS = 250 * 1000 * 0.02;

interface Outcome {
  readonly startedAt: number;
  readonly ok: boolean;
  readonly detail: string;
}

/** One request on a keep-alive agent: GET, or POST with a small body (every third request a client sends); resolves how it went (never rejects). */
function request(port: number, agent: http.Agent, post: boolean): Promise<Outcome> {
  const startedAt = performance.now();
  return new Promise((resolve) => {
    const body = post ? Buffer.alloc(64, 'p') : undefined;
    const req = http.request({ host: '127.0.0.1', port, path: post ? '/post' : '/get', method: post ? 'POST' : 'GET', agent, timeout: 15_000,
      headers: body ? { 'content-length': body.length } : {} }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => { text += c; });
      res.on('end', () => resolve({ startedAt, ok: res.statusCode === 200 && IDS.includes(text), detail: `${post ? 'POST' : 'GET'} ${res.statusCode} ${text.trim()}` }));
      res.on('error', (e) => resolve({ startedAt, ok: false, detail: e.message }));
    });
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.on('error', (e) => resolve({ startedAt, ok: false, detail: e.message }));
    req.end(body);
  });
}

/**
 * Issue 15's case: three back-end processes, one engine process, keep-alive clients; one back end
 * SIGKILLed mid-run while it holds requests. What may fail is what was already written to it (its
 * own count at death: parsed-and-unanswered plus connections with unread bytes); a GET among them
 * may still succeed (an idempotent body-less request on a reused connection is sent again), a POST
 * must not. Every request started after the death must succeed: the dead back end refuses
 * connections, and refused requests go to the other two. `SECLB_TEST_DEBUG=1` prints the counts.
 */
describe('a back end SIGKILLed under load loses only the requests already written to it (real processes)', () => {
  let engine: EngineProcess;
  let stateDir: string;
  let backends: BackendProcess[] = [];
  let port: number;

  beforeAll(async () => {
    requireBuild();
    stateDir = tempDir('kill-state');
    engine = await spawnEngine(stateDir, ['--workers', '1', ...(process.env.SECLB_TEST_DEBUG ? ['--log-level', 'debug'] : [])]);
    const first = await startBackendProcess(IDS[0], ADDRESSES[0], 0, DELAY_MS);
    backends = [first, ...await Promise.all([1, 2].map((i) => startBackendProcess(IDS[i], ADDRESSES[i], first.port, DELAY_MS)))];
    port = await freePort();
    await engine.admin.apply(lbDocument('kill', {
      listeners: [listener(port, 'HTTP', first.port, 'HTTP')],
      healthCheck: { target: `HTTP:${first.port}/health`, intervalSeconds: 250, timeoutSeconds: 60, healthyThreshold: 2, unhealthyThreshold: 2 },
      instances: IDS.map((instanceId, i) => ({ instanceId, address: ADDRESSES[i] })),
    }), null);
    await waitFor('all three InService', async () => (await engine.admin.get('/v1/load-balancers/kill/instance-health')).body.InstanceStates.every((s: any) => s.State === 'InService'), 20_000);
  });
  afterAll(async () => {
    for (const b of backends) await b.stop();
    engine?.child.kill('SIGTERM');
    await engine?.exited;
    fs.rmSync(stateDir, { recursive: true, force: true });
  });

  test(`${CLIENTS} keep-alive clients, GET and POST: failures <= requests in flight at the killed back end, none started after`, async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: CLIENTS });
    const outcomes: Outcome[] = [];
    let stopAt = Infinity;
    let sent = 0;
    const client = async (n: number) => {
      for (let i = 0; performance.now() < stopAt && sent < MAX_REQUESTS; i++) {
        sent++;
        outcomes.push(await request(port, agent, (n + i) % 3 === 0));
      }
    };
    const startedAt = performance.now();
    stopAt = startedAt + 60_000; // a hard bound; the real end is set after the kill
    const load = Promise.all(Array.from({ length: CLIENTS }, (_, n) => client(n)));

    await new Promise((r) => setTimeout(r, BEFORE_KILL_MS));
    const servedBeforeKill = outcomes.filter((o) => o.ok).length;
    const death = await backends[1].die();
    const deadAt = performance.now(); // the exit observed: every request started later met a dead back end
    stopAt = deadAt + AFTER_KILL_MS;
    await load;
    agent.destroy();

    const health = (await engine.admin.get('/v1/load-balancers/kill/instance-health')).body.InstanceStates;
    const healthReadAfterMs = performance.now() - deadAt;
    const counters = (await engine.admin.get('/v1/load-balancers/kill')).body.counters;

    const failures = outcomes.filter((o) => !o.ok);
    const after = outcomes.filter((o) => o.startedAt > deadAt);
    const failuresAfter = after.filter((o) => !o.ok);
    const summary = { sent: outcomes.length, servedBeforeKill, death, failures: failures.length, after: after.length, counters,
      sampleFailures: failures.slice(0, 5).map((f) => f.detail) };

    if (process.env.SECLB_TEST_DEBUG) console.log(JSON.stringify(summary), engine.stderr().split('\n').filter((l) => l.includes('request failed')).join('\n'));
    expect(death.signal).toBe('SIGKILL');
    // The kill happened under load: the back end had requests in flight and traffic went on after it.
    expect(servedBeforeKill).toBeGreaterThan(50);
    expect(death.unread).toBeGreaterThanOrEqual(0); // -1: /proc/net/tcp (Linux) could not be read
    const inFlight = death.pending + death.unread;
    expect(inFlight).toBeGreaterThan(0);
    expect(after.length).toBeGreaterThan(100);
    // Only requests already written to the dead back end may fail, and none started after its death.
    expect({ ...summary, failuresAfter: failuresAfter.map((f) => f.detail) }).toMatchObject({ failuresAfter: [] });
    expect(failures.length).toBeLessThanOrEqual(inFlight);
    // The requests it refused after its death went to the other two (counted), not to a client as 502.
    expect(counters.BackendRedispatches).toBeGreaterThan(0);
    expect(counters.HTTPCode_ELB_5XX).toBe(failures.length);
    // ELB's rule stays: only the health check takes an instance out (two failed checks 5 s apart).
    if (healthReadAfterMs < HEALTH_INTERVAL_MS) {
      expect(health.map((s: any) => s.State)).toEqual(['InService', 'InService', 'InService']);
    }
  });
});
