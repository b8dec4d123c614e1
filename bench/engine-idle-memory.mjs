// The engine's memory per idle keep-alive client connection, measured so that it does not depend on
// the process's history: a fresh engine (--workers 1, one HTTP listener in front of a loopback back
// end) gets ROUNDS rounds of N connections that each make one request and then stay open and idle.
// Before each round and with the round's N connections idle, a probe inside the engine
// (bench/engine-memory-probe.cjs, preloaded) collects garbage and reports RSS, V8 heap used and
// external memory (and the V8 young generation's size, which a burst grows and gc does not shrink:
// `rssLessNewSpaceKiB` leaves it out); the per-connection figure is (idle - before) / N. Round 1 starts from the fresh
// engine (its RSS includes the heap and allocator growth a first load causes); rounds 2.. start
// after the previous round's connections were closed, so RSS only counts what idle connections hold
// beyond what N connections already made the process grow to. Repeated on ENGINES fresh engines to
// show the spread. Prints one JSON line per round and a summary.
//
//   node bench/engine-idle-memory.mjs [N=10000] [ROUNDS=3] [ENGINES=2]
//   env: HTTP_FRONT=lean|node (engine's --http-front, default lean), BASE_PORT (default 19960; uses
//   BASE_PORT..BASE_PORT+3), REPO (the checkout whose build is measured, default this one),
//   SNAPSHOTS=DIR (heap snapshots at every probe; use a small N), ENGINE_ARGS (more engine options),
//   NODE_ARGS (more node options for the engine, e.g. --max-semi-space-size=1),
//   SETTLE_MS (default 2500: the lean front end gives an idle connection's parser back after 1-2 s)
//
// Needs N + ~100 file descriptors in this process and in the engine (ulimit -n). Bounded: every wait
// has a deadline; the whole run at most 10 minutes.
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openIdleClients } from './idle-clients.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const [n = 10_000, rounds = 3, engines = 2] = process.argv.slice(2).map(Number);
const front = process.env.HTTP_FRONT ?? 'lean';
const basePort = Number(process.env.BASE_PORT ?? 19960);
const repo = path.resolve(process.env.REPO ?? path.join(here, '..'));
const settleMs = Number(process.env.SETTLE_MS ?? 2500);
const snapshots = process.env.SNAPSHOTS ? path.resolve(process.env.SNAPSHOTS) : undefined;
setTimeout(() => { console.error('engine-idle-memory: 10 minute bound reached'); process.exit(2); }, 600_000).unref();

const limit = Number(spawnSync('sh', ['-c', 'ulimit -n'], { encoding: 'utf8' }).stdout.trim());
if (limit < n + 200) { console.error(`needs ${n + 200} file descriptors, ulimit -n is ${limit}: raise it (ulimit -n 65536) or lower N`); process.exit(2); }
if (!fs.existsSync(path.join(repo, 'build/provider/engine/main.js'))) { console.error(`build first: no ${repo}/build/provider/engine/main.js`); process.exit(2); }

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'seclb-idle-memory-'));
execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', `${tmp}/key.pem`, '-out', `${tmp}/cert.pem`, '-days', '2', '-subj', '/CN=bench.local'], { stdio: 'ignore' });
const backend = http.createServer({ keepAliveTimeout: 120_000 }, (_req, res) => res.end('ok'));
await new Promise((resolve, reject) => { backend.once('error', reject); backend.listen(basePort, '127.0.0.1', resolve); });

const until = async (what, test, ms) => {
  const end = Date.now() + ms;
  for (let wait = 10; Date.now() < end; wait = Math.min(wait * 2, 200)) {
    const v = await test();
    if (v) return v;
    await new Promise((r) => setTimeout(r, wait));
  }
  throw new Error(`${what}: not within ${ms} ms`);
};

/** One fresh engine: the rounds' figures. */
async function measureEngine(e) {
  const state = path.join(tmp, `engine-${e}`);
  const probeFile = path.join(tmp, `probe-${e}.json`);
  const env = { ...process.env, SECLB_MEMORY_PROBE: probeFile, ENGINE_NODE_ARGS: `--expose-gc --require ${path.join(here, 'engine-memory-probe.cjs')} ${process.env.NODE_ARGS ?? ''}` };
  if (snapshots) { fs.mkdirSync(path.join(snapshots, `engine-${e}`), { recursive: true }); env.SECLB_MEMORY_SNAPSHOTS = path.join(snapshots, `engine-${e}`); }
  const httpPort = basePort + 1;
  const pid = Number(execFileSync(process.execPath, [path.join(repo, 'bench/proxy-engine-setup.mjs'), state, `${tmp}/cert.pem`, `${tmp}/key.pem`,
    String(basePort), String(httpPort), String(basePort + 2), String(basePort + 3), '--workers', '1', '--http-front', front,
    ...(process.env.ENGINE_ARGS ?? '').split(' ').filter(Boolean)], { env, encoding: 'utf8', timeout: 60_000, stdio: ['ignore', 'pipe', 'inherit'] }).trim());
  let count = 0;
  const probe = async () => {
    const want = ++count;
    process.kill(pid, 'SIGUSR2');
    return until('memory probe', () => { try { const p = JSON.parse(fs.readFileSync(probeFile, 'utf8')); return p.probe === want && p; } catch { return undefined; } }, 60_000);
  };
  const rows = [];
  try {
    let before = await probe();
    const fresh = before.tcpHandles;
    for (let r = 1; r <= rounds; r++) {
      const { sockets, answered, failed } = await openIdleClients(httpPort, n);
      await new Promise((r) => setTimeout(r, settleMs)); // the connections idle as long as the engine takes to release what it releases
      const idle = await until('engine holding the idle connections', async () => { const p = await probe(); return p.tcpHandles >= fresh + answered - 5 && p; }, 60_000);
      const open = sockets.filter((s) => !s.destroyed).length;
      const per = (k) => +((idle[k] - before[k]) / 1024 / n).toFixed(2);
      const row = { engine: e, round: r, front, connections: n, answered, failed, openAtProbe: open, rssBeforeMiB: +(before.rss / 1048576).toFixed(1), rssIdleMiB: +(idle.rss / 1048576).toFixed(1),
        rssKiB: per('rss'), newSpaceKiB: per('newSpace'), rssLessNewSpaceKiB: +(per('rss') - per('newSpace')).toFixed(2), heapUsedKiB: per('heapUsed'), heapTotalKiB: per('heapTotal'), externalKiB: per('external'), arrayBuffersKiB: per('arrayBuffers'), ...(snapshots ? { snapshotBefore: before.snapshot, snapshotIdle: idle.snapshot } : {}) };
      rows.push(row);
      console.log(JSON.stringify(row));
      for (const s of sockets) s.destroy();
      // The next round's baseline: the engine has closed this round's connections (health checks open and close a socket now and then: ±5).
      before = await until('engine closing the connections', async () => { const p = await probe(); return p.tcpHandles <= fresh + 5 && p; }, 60_000);
    }
  } finally {
    process.kill(pid, 'SIGTERM');
    await until('engine exit', () => { try { process.kill(pid, 0); return false; } catch { return true; } }, 10_000).catch(() => process.kill(pid, 'SIGKILL'));
  }
  return rows;
}

const all = [];
console.log(`# ${repo} (${spawnSync('git', ['-C', repo, 'rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).stdout.trim() || 'export'}), --http-front ${front}, N=${n}, ${rounds} rounds x ${engines} engines, node ${process.version}, load ${fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}`);
try {
  for (let e = 1; e <= engines; e++) all.push(...await measureEngine(e));
} finally {
  backend.closeAllConnections();
  backend.close();
  fs.rmSync(tmp, { recursive: true, force: true });
}
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : +((s[m - 1] + s[m]) / 2).toFixed(2); };
const summary = (rows) => Object.fromEntries(['rssKiB', 'rssLessNewSpaceKiB', 'heapUsedKiB', 'externalKiB'].map((k) => [k, { median: median(rows.map((r) => r[k])), min: Math.min(...rows.map((r) => r[k])), max: Math.max(...rows.map((r) => r[k])) }]));
console.log(JSON.stringify({ summary: 'first round (fresh engine)', ...summary(all.filter((r) => r.round === 1)) }));
if (rounds > 1) console.log(JSON.stringify({ summary: 'later rounds (after N connections came and went)', ...summary(all.filter((r) => r.round > 1)) }));
console.log(`# load after ${fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}`);
process.exit(0);
