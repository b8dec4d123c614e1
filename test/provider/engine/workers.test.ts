import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as https from 'https';
import * as net from 'net';
import * as path from 'path';
import { TLSSocket } from 'tls';
import { freePort, startHttpBackend, TestBackend } from './helpers/backends';
import { makeCert, tempDir, TestCert } from './helpers/certs';
import { lbDocument, listener, sslPolicy } from './helpers/documents';
import { ENGINE_MAIN, EngineProcess, requireBuild, spawnEngine } from './helpers/engine-process';
import { httpGet } from './helpers/http-client';
import { waitFor } from './helpers/wait';

// A multi-worker engine (`--workers 2`): the built engine as a real process with two forked workers
// accepting from shared sockets. `npm run build` must have run (CI does it before `npm test`).

const OLD_CIPHER = 'ECDHE-RSA-AES128-GCM-SHA256';
const NEW_CIPHER = 'ECDHE-RSA-AES256-GCM-SHA384';
const OLD_POLICY = { protocols: ['Protocol-TLSv1.2'], ciphers: [OLD_CIPHER], serverDefinedCipherOrder: true };
const NEW_POLICY = { protocols: ['Protocol-TLSv1.2'], ciphers: [NEW_CIPHER], serverDefinedCipherOrder: true };
/** The load's clients offer both ciphers, so either policy serves them and the cipher tells which one did. */
const CLIENT_TLS = { rejectUnauthorized: false, maxVersion: 'TLSv1.2', ciphers: `${OLD_CIPHER}:${NEW_CIPHER}` } as const;

interface WorkerView { id: number; pid: number; requestCount: number }

/** One request on a new TLS connection; resolves status and the negotiated cipher. */
function tlsRequest(port: number, p: string): Promise<{ status: number; cipher: string }> {
  return new Promise((resolve, reject) => {
    const req = https.get({ host: '127.0.0.1', port, path: p, agent: false, timeout: 10_000, ...CLIENT_TLS }, (res) => {
      const cipher = (res.socket as TLSSocket).getCipher().name;
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, cipher }));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
  });
}

/** True while the process runs (a zombie, exited but not yet reaped by its new parent, counts as gone). */
const isAlive = (pid: number) => {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
};

test('--workers outside 1-64 is refused at start with SECLB_ENGINE_BAD_OPTION, before the state directory is touched', () => {
  requireBuild();
  const parent = tempDir('workers-opt');
  try {
    for (const bad of ['0', '65', 'two', '1.5']) {
      const stateDir = path.join(parent, `s-${bad}`);
      const r = spawnSync(process.execPath, [ENGINE_MAIN, '--state-dir', stateDir, '--workers', bad], { encoding: 'utf8', timeout: 30_000 });
      expect(r.status).toBe(1);
      expect(r.stderr).toContain(`SECLB_ENGINE_BAD_OPTION: option --workers is '${bad}'`);
      expect(fs.existsSync(stateDir)).toBe(false);
    }
  } finally {
    fs.rmSync(parent, { recursive: true, force: true });
  }
});

describe('a multi-worker engine (--workers 2)', () => {
  let dir: string;
  let cert: TestCert;
  let backend: TestBackend;
  let engine: EngineProcess;
  let stateDir: string;
  let tlsPort: number;
  let httpPort: number;

  const workers = async (): Promise<WorkerView[]> => (await engine.admin.get('/v1/status')).body.workers;
  const doc = (policy: object) => lbDocument('fleet', {
    listeners: [
      listener(tlsPort, 'HTTPS', backend.port, 'HTTP', { sslCertificateId: 'fleet-cert', policyNames: ['front'] }),
      listener(httpPort, 'HTTP', backend.port, 'HTTP'),
    ],
    policies: [sslPolicy('front', policy)],
    healthCheck: { target: `HTTP:${backend.port}/health` },
    instances: [{ instanceId: 'i-0000wrk01', address: '127.77.0.171' }],
  });

  beforeAll(async () => {
    requireBuild();
    dir = tempDir('workers');
    cert = makeCert(dir, 'localhost');
    backend = await startHttpBackend('i-0000wrk01', '127.77.0.171');
    stateDir = path.join(dir, 'state');
    engine = await spawnEngine(stateDir, ['--workers', '2']);
    tlsPort = await freePort();
    httpPort = await freePort();
    expect((await engine.admin.put('/v1/server-certificates/fleet-cert', { certificateBody: cert.certPem, privateKey: cert.keyPem })).status).toBe(200);
    await engine.admin.apply(doc(OLD_POLICY), null);
    await waitFor('InService', async () => (await engine.admin.get('/v1/load-balancers/fleet/instance-health')).body.InstanceStates[0].State === 'InService');
  }, 60_000);
  afterAll(async () => {
    if (engine && engine.child.exitCode === null && engine.child.signalCode === null) engine.child.kill('SIGKILL');
    await backend?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('status lists two worker processes besides the primary', async () => {
    const list = await workers();
    expect(list.map((w) => w.id).sort()).toEqual([1, 2]);
    for (const w of list) {
      expect(w.pid).not.toBe(engine.child.pid);
      expect(isAlive(w.pid)).toBe(true);
    }
  });

  test('an apply under load across all workers: zero failed requests, and no connection opened after the PUT returned gets the old policy', async () => {
    // GIVEN 8 clients opening a new TLS connection per request, served by both workers
    const failures: string[] = [];
    const results: Array<{ startedAt: number; cipher: string }> = [];
    let returnedAt = Infinity;
    let stop = false;
    const deadline = Date.now() + 40_000;
    const client = async () => {
      while (!stop && results.length + failures.length < 6_000 && Date.now() < deadline) {
        const startedAt = performance.now();
        try {
          const r = await tlsRequest(tlsPort, '/load');
          if (r.status !== 200) failures.push(`status ${r.status}`);
          else results.push({ startedAt, cipher: r.cipher });
        } catch (e) {
          failures.push((e as Error).message);
        }
      }
    };
    const before = await workers();
    const load = Promise.all(Array.from({ length: 8 }, client));
    try {
      await waitFor('both workers serving the load', async () => {
        const now = await workers();
        return now.every((w) => w.requestCount > (before.find((b) => b.id === w.id)?.requestCount ?? 0) + 10) && results.length >= 100;
      }, 20_000, 50);

      // WHEN the policy changes (the PUT returns once every worker has committed)
      const current = (await engine.admin.get('/v1/load-balancers/fleet')).body;
      await engine.admin.apply(doc(NEW_POLICY), current.revision);
      returnedAt = performance.now();
      const atApply = await workers();

      // ... and the load goes on until both workers served requests after the apply (200 at least)
      await waitFor('both workers serving after the apply', async () => {
        const now = await workers();
        const after = results.filter((r) => r.startedAt > returnedAt).length;
        return after >= 200 && now.every((w) => w.requestCount > (atApply.find((a) => a.id === w.id)?.requestCount ?? 0) + 10);
      }, 20_000, 50);
    } finally {
      stop = true;
      await load;
    }

    // THEN nothing failed, before, during or after the apply
    expect(failures).toEqual([]);
    // ... every connection opened after the PUT returned negotiated the new policy's cipher, on whichever worker
    const after = results.filter((r) => r.startedAt > returnedAt);
    expect(after.length).toBeGreaterThanOrEqual(200);
    expect(after.filter((r) => r.cipher !== NEW_CIPHER)).toEqual([]);
    // ... and the load really ran on the old policy before
    expect(results.filter((r) => r.startedAt < returnedAt).some((r) => r.cipher === OLD_CIPHER)).toBe(true);
  }, 90_000);

  test('a session resumes on whichever worker accepts the reconnection (ticket keys shared by the workers)', async () => {
    const session = await new Promise<Buffer>((resolve, reject) => {
      const s = require('tls').connect({ host: '127.0.0.1', port: tlsPort, ...CLIENT_TLS });
      s.once('session', (sess: Buffer) => { resolve(sess); s.end(); });
      s.on('error', reject);
    });
    const reused: boolean[] = [];
    for (let i = 0; i < 20; i++) {
      reused.push(await new Promise<boolean>((resolve, reject) => {
        const s: TLSSocket = require('tls').connect({ host: '127.0.0.1', port: tlsPort, ...CLIENT_TLS, session }, () => { resolve(s.isSessionReused()); s.end(); });
        s.on('error', reject);
      }));
    }
    expect(reused.every(Boolean)).toBe(true);
  });

  test('an apply that cannot bind a port on the workers changes nothing anywhere', async () => {
    // GIVEN a port held by another process, and a free one
    const taken = net.createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', () => resolve()));
    const takenPort = (taken.address() as net.AddressInfo).port;
    const freshPort = await freePort();
    try {
      const current = (await engine.admin.get('/v1/load-balancers/fleet')).body;
      // WHEN a change adds both ports
      const next = { ...current.document, listeners: [...current.document.listeners, listener(freshPort, 'HTTP', backend.port, 'HTTP'), listener(takenPort, 'HTTP', backend.port, 'HTTP')].sort((a, b) => a.loadBalancerPort - b.loadBalancerPort) };
      const r = await engine.admin.put('/v1/load-balancers/fleet', { document: next, expectedRevision: current.revision });
      // THEN it is refused, naming the port ...
      expect(r.status).toBeGreaterThanOrEqual(400);
      expect(r.body.error.code).toBe('SECLB_ENGINE_PORT_IN_USE');
      expect(r.text).toContain(String(takenPort));
      // ... the revision did not move, and no worker kept the free port bound
      expect((await engine.admin.get('/v1/load-balancers/fleet')).body.revision).toBe(current.revision);
      const probe = net.createServer();
      await new Promise<void>((resolve, reject) => { probe.once('error', reject); probe.listen(freshPort, '127.0.0.1', () => resolve()); });
      await new Promise<void>((resolve) => probe.close(() => resolve()));
      // ... and traffic flows as before
      expect((await httpGet(`http://127.0.0.1:${httpPort}/still`)).status).toBe(200);
    } finally {
      await new Promise<void>((resolve) => taken.close(() => resolve()));
    }
  });

  test('/metrics sums the workers: exact request count after a scripted run spread over both', async () => {
    const sample = async () => {
      const text = (await engine.admin.get('/v1/metrics')).text;
      const line = text.split('\n').find((l) => l.startsWith('seclb_request_count_total{load_balancer="fleet"} '));
      return Number(line!.split(' ')[1]);
    };
    const before = await sample();
    const perWorkerBefore = await workers();
    for (let i = 0; i < 60; i++) expect((await httpGet(`http://127.0.0.1:${httpPort}/n${i}`, { agent: false })).status).toBe(200);
    expect(await sample()).toBe(before + 60);
    const perWorkerAfter = await workers();
    const sum = (l: WorkerView[]) => l.reduce((n, w) => n + w.requestCount, 0);
    expect(sum(perWorkerAfter) - sum(perWorkerBefore)).toBe(60);
  });

  test('once DescribeInstanceHealth says InService, every worker routes to the instance (health reaches all workers first)', async () => {
    // GIVEN a new load balancer whose instance just became InService (as the admin API reports it)
    const freshPort = await freePort();
    await engine.admin.apply(lbDocument('fresh', {
      listeners: [listener(freshPort, 'HTTP', backend.port, 'HTTP')],
      // A TCP check passes within a millisecond or so: its report races the commit to the workers.
      healthCheck: { target: `TCP:${backend.port}` },
      instances: [{ instanceId: 'i-0000wrk01', address: '127.77.0.171' }],
    }), null);
    await waitFor('InService', async () => (await engine.admin.get('/v1/load-balancers/fresh/instance-health')).body.InstanceStates[0].State === 'InService', 10_000, 1);
    // THEN the very next new connections, whichever worker accepts them, are served (none gets 503)
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++) statuses.push((await httpGet(`http://127.0.0.1:${freshPort}/first-${i}`, { agent: false })).status);
    expect(statuses.filter((st) => st !== 200)).toEqual([]);
    expect((await engine.admin.delete('/v1/load-balancers/fresh')).status).toBe(200);
  });

  test('a worker that dies is replaced and serves the live revision', async () => {
    const [victim] = await workers();
    process.kill(victim.pid, 'SIGKILL');
    const replaced = await waitFor('a replacement worker', async () => {
      const list = await workers();
      const w = list.find((x) => x.id === victim.id);
      return w && w.pid !== victim.pid && list.length === 2 ? w : undefined;
    }, 30_000, 50).catch((e) => { throw new Error(`${(e as Error).message}\nengine stderr:\n${engine.stderr()}`); });
    expect(isAlive(replaced.pid)).toBe(true);
    // Every new connection, whichever worker takes it, gets the live (new) policy; bounded loop.
    const seen = new Set<string>();
    for (let i = 0; i < 40; i++) {
      const r = await tlsRequest(tlsPort, `/after-replace-${i}`);
      expect(r.status).toBe(200);
      seen.add(r.cipher);
    }
    expect([...seen]).toEqual([NEW_CIPHER]);
    expect(engine.stderr()).toContain('SECLB_ENGINE_WORKER_EXITED');
  }, 60_000);

  test('SIGTERM stops the primary and every worker', async () => {
    const pids = (await workers()).map((w) => w.pid);
    engine.child.kill('SIGTERM');
    expect(await engine.exited).toBe(0);
    await waitFor('workers gone', () => pids.every((pid) => !isAlive(pid)), 10_000);
    // ... and the ports are free again
    const probe = net.createServer();
    await new Promise<void>((resolve, reject) => { probe.once('error', reject); probe.listen(tlsPort, '127.0.0.1', () => resolve()); });
    await new Promise<void>((resolve) => probe.close(() => resolve()));
  });

  test('an engine restarted at once after the primary was SIGKILLed waits for the old workers and serves the same ports', async () => {
    // GIVEN a fresh multi-worker engine on the same state directory, serving
    if (engine.child.exitCode === null && engine.child.signalCode === null) {
      engine.child.kill('SIGTERM');
      await engine.exited;
    }
    engine = await spawnEngine(stateDir, ['--workers', '2']);
    await waitFor('InService after restart', async () => (await engine.admin.get('/v1/load-balancers/fleet/instance-health')).body.InstanceStates[0].State === 'InService', 20_000);
    const oldWorkers = (await workers()).map((w) => w.pid);
    // WHEN its primary is killed outright and a new engine starts right away
    engine.child.kill('SIGKILL');
    await engine.exited;
    engine = await spawnEngine(stateDir, ['--workers', '2']);
    // THEN the old workers are gone and the new engine holds the listeners
    for (const pid of oldWorkers) expect(isAlive(pid)).toBe(false);
    await waitFor('InService after the second restart', async () => (await engine.admin.get('/v1/load-balancers/fleet/instance-health')).body.InstanceStates[0].State === 'InService', 20_000);
    expect(await tlsRequest(tlsPort, '/after-kill')).toEqual({ status: 200, cipher: NEW_CIPHER });
    engine.child.kill('SIGTERM');
    expect(await engine.exited).toBe(0);
  }, 60_000);
});
