/**
 * Control-plane scale (issue 7), run by hand — not a test:
 *
 *   npm run bench:control-plane            # N = 250, 500, 1000 load balancers
 *
 * 1. synthesis of an app with N load balancers for the local target (in-process, after cdktf and
 *    the library are loaded; their start-up is reported separately);
 * 2. `seclb plan` of N against a live engine holding them: the CLI as a process (what a user
 *    waits for: the first run after the synth, which validates every document, and the median of
 *    the next three) and the plan core in-process (read live state + diff);
 *
 * Wall-clock times, with CPU time (user + system) where it can be measured: the synth in-process
 * (process.cpuUsage) and the CLI processes through /usr/bin/time.
 *
 * Environment: SECLB_BENCH_SIZES (default 250,500,1000), SECLB_BENCH_BASE_PORT (default 30000).
 * SECLB_BENCH_STACK_TRACES=false builds the apps with `new App({ stackTraces: false })`.
 * 3. the time from `applyPlan` returning to the new policy holding for the next handshake
 *    (TLS 1.0 toggled on one listener, 20 rounds).
 *
 * Everything on loopback; the engine is a real background process (`seclb engine start`).
 */
import { spawnSync } from 'child_process';
import { existsSync, mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { performance } from 'perf_hooks';

const t0 = performance.now();
/* eslint-disable @typescript-eslint/no-require-imports */
const { App, TerraformStack } = require('cdktf') as typeof import('cdktf');
const lib = require('../lib') as typeof import('../lib');
/* eslint-enable @typescript-eslint/no-require-imports */
const startupMs = performance.now() - t0;

import { applyPlan } from '../provider/deploy/apply/apply-plan';
import { AppliedRecord } from '../provider/deploy/apply/applied-record';
import { readLiveState } from '../provider/deploy/apply/live-state';
import { readLocalStack } from '../provider/deploy/desired/local-stack';
import { planDeployment } from '../provider/deploy/diff/deployment-diff';
import { connectToEngine } from '../provider/deploy/engine-client/engine-connection';
import { startEngineProcess, stopEngineProcess } from '../provider/cli/engine-process';
import { PACKAGE_ROOT } from '../provider/version';
import { generateWalkthroughCertificates } from '../examples/walkthrough/certificates';
import { handshake } from '../examples/demo/probes';
import { readFileSync } from 'fs';

const SIZES = (process.env.SECLB_BENCH_SIZES ?? '250,500,1000').split(',').map(Number);
const BASE_PORT = Number(process.env.SECLB_BENCH_BASE_PORT ?? 30000);
const STACK_TRACES = process.env.SECLB_BENCH_STACK_TRACES !== 'false';
const certs = generateWalkthroughCertificates();

/** Wall and CPU time of one step, in ms. */
interface Timing {
  readonly ms: number;
  readonly cpuMs?: number;
}

/** Builds and synthesizes an app with `n` load balancers (one HTTPS listener each, a shared certificate, one cipher policy each, two instances). */
function synthesize(n: number, outdir: string, dropTls10 = false): Timing {
  const start = performance.now();
  const cpu = process.cpuUsage();
  const app = new App({
    outdir, ...(STACK_TRACES ? {} : { stackTraces: false }),
    context: { 'seclb:target': 'local', 'seclb:local': { stateDirectory: join(outdir, '..', 'state') } },
  });
  const stack = new TerraformStack(app, 'fleet');
  const cert = new lib.ServerCertificate(stack, 'Cert', { name: 'fleet', certificateBody: certs.certPem, privateKey: certs.keyPem, certificateChain: certs.chainPem });
  for (let i = 0; i < n; i++) {
    const ciphers = new lib.CipherPolicy(stack, `Ciphers${i}`, {
      basedOn: lib.SecurityPolicy.ELB_SECURITY_POLICY_2016_08,
      enable: i === 0 && !dropTls10 ? ['Protocol-TLSv1'] : [],
      disable: ['Protocol-SSLv3', ...(i === 0 && dropTls10 ? ['Protocol-TLSv1'] : [])],
    });
    ciphers.acknowledge(lib.SecurityWarningIds.TLS10_ENABLED, 'bench');
    ciphers.acknowledge(lib.SecurityWarningIds.TLS11_ENABLED, 'bench');
    new lib.SecureClassicLoadBalancer(stack, `Lb${i}`, {
      name: `fleet-${i}`,
      listeners: [{ loadBalancerPort: BASE_PORT + i, protocol: lib.ListenerProtocol.HTTPS, instancePort: 8443, instanceProtocol: lib.ListenerProtocol.HTTPS, certificate: cert, cipherPolicy: ciphers }],
      healthCheck: { target: 'TCP:8443', interval: 300, timeout: 5, healthyThreshold: 2, unhealthyThreshold: 10 },
      instances: [`i-${String(i).padStart(7, '0')}a`, `i-${String(i).padStart(7, '0')}b`],
    });
  }
  app.synth();
  const used = process.cpuUsage(cpu);
  return { ms: performance.now() - start, cpuMs: (used.user + used.system) / 1000 };
}

/** /usr/bin/time reports a child's CPU time (user + system), which Node's spawnSync does not. */
const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

/** Runs `node args...` in `cwd` and times it (wall clock here, CPU time from /usr/bin/time when present). */
function runNode(args: string[], cwd: string): Timing & { readonly status: number | null; readonly stderr: string } {
  const marker = 'seclb-bench-cpu';
  const [command, argv] = TIME ? [TIME, ['-f', `${marker} %U %S`, process.execPath, ...args]] : [process.execPath, args];
  const s = performance.now();
  const run = spawnSync(command, argv, { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, maxBuffer: 64 * 1024 * 1024 });
  const ms = performance.now() - s;
  const line = run.stderr.split('\n').find((l) => l.startsWith(marker));
  const cpuMs = line ? line.split(' ').slice(1, 3).reduce((sum, x) => sum + Number(x) * 1000, 0) : undefined;
  return { ms, ...(cpuMs === undefined ? {} : { cpuMs }), status: run.status, stderr: run.stderr };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(xs.length * 0.95) - 1)];
const ms = (x: number) => `${x.toFixed(x < 10 ? 2 : 0)} ms`;
const timed = (t: Timing) => (t.cpuMs === undefined ? ms(t.ms) : `${ms(t.ms)} (CPU ${ms(t.cpuMs)})`);
const medianOf = (ts: Timing[]): Timing => {
  const m = median(ts.map((t) => t.ms));
  return ts.find((t) => t.ms === m)!;
};

async function main(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'seclb-bench-'));
  const rows: string[] = [];
  const cli = join(PACKAGE_ROOT, 'build', 'provider', 'cli', 'main.js');
  try {
    say(`cdktf + library load: ${ms(startupMs)}`);
    for (const n of SIZES) {
      const dir = join(root, `n${n}`);
      mkdirSync(dir);
      const outdir = join(dir, 'cdktf.out');
      const stateDir = join(dir, 'state');
      synthesize(Math.min(n, 10), join(dir, 'warmup'));
      const synth = synthesize(n, outdir);
      const file = join(outdir, 'stacks', 'fleet', 'cdk.tf.json');
      // A local-only project (seclb:target=local), so seclb reads cdktf.json's output.
      writeFileSync(join(dir, 'cdktf.json'), JSON.stringify({ app: 'false', output: 'cdktf.out', context: { 'seclb:target': 'local' } }));

      await startEngineProcess(stateDir, { logLevel: 'warn' });
      const client = connectToEngine({ stateDirectory: stateDir });
      const local = readLocalStack(readFileSync(file, 'utf8'), file);
      const createPlan = planDeployment(local.desired, (await readLiveState(client)).state, { stack: 'fleet' });
      const applyStart = performance.now();
      await applyPlan(client, createPlan, { certificates: local.certificates, onRecord: (state) => AppliedRecord.write(stateDir, 'fleet', state) });
      const applyMs = performance.now() - applyStart;
      const record = AppliedRecord.read(stateDir, 'fleet')!;

      // Cold: no applied record, every load balancer read; warm: the record's revisions match.
      const cold: number[] = [];
      const warm: number[] = [];
      for (let r = 0; r < 5; r++) {
        for (const [known, into] of [[undefined, cold], [record, warm]] as const) {
          const s = performance.now();
          const live = await readLiveState(client, known);
          const plan = planDeployment(local.desired, live.state, { stack: 'fleet', ...(known ? { lastApplied: known } : {}) });
          into.push(performance.now() - s);
          if (plan.summary.hasChanges) throw new Error('expected a no-change plan');
        }
      }
      // The first `seclb plan` after a synth validates every document with the model; the next
      // ones find the texts in the validated-documents cache (ValidatedDocuments) and only parse them.
      const clis: Timing[] = [];
      for (let r = 0; r < 4; r++) {
        const run = runNode([cli, '--state-dir', stateDir, 'plan', '--stack', 'fleet'], dir);
        clis.push(run);
        if (run.status !== 0) throw new Error(`seclb plan exited ${run.status}: ${run.stderr}`);
      }
      const nodeStart = runNode(['-e', ''], dir);

      let handshakeRow = '';
      if (n === SIZES[SIZES.length - 1]) {
        // apply -> next handshake: toggle TLS 1.0 on fleet-0 and probe right after apply returns.
        const on = readLocalStack(readFileSync(file, 'utf8'), file);
        const offDir = join(dir, 'off');
        synthesize(n, offDir, true);
        const offFile = join(offDir, 'stacks', 'fleet', 'cdk.tf.json');
        const off = readLocalStack(readFileSync(offFile, 'utf8'), offFile);
        const only0 = (s: typeof on) => ({ ...s.desired, loadBalancers: s.desired.loadBalancers.filter((d) => d.name === 'fleet-0') });
        const latencies: number[] = [];
        for (let r = 0; r < 20; r++) {
          const target = r % 2 === 0 ? off : on;
          const live = await readLiveState(client);
          const plan = planDeployment(only0(target), { ...live.state, loadBalancers: live.state.loadBalancers.filter((d) => d.name === 'fleet-0') }, {});
          await applyPlan(client, plan, { certificates: target.certificates });
          const returned = performance.now();
          const result = await handshake(BASE_PORT, 'TLSv1', certs.chainPem);
          latencies.push(performance.now() - returned);
          if (result.accepted !== (target === on)) throw new Error(`round ${r}: TLS 1.0 ${result.accepted ? 'accepted' : 'refused'} right after apply`);
        }
        handshakeRow = `apply returned -> next TLS 1.0 handshake reflects the new policy (20 rounds, every one correct): median ${ms(median(latencies))}, p95 ${ms(p95(latencies))}, max ${ms(Math.max(...latencies))}`;
      }
      await stopEngineProcess(stateDir);
      const row = `| ${n} | ${timed(synth)} | ${ms(applyMs)} | ${ms(median(cold))} | ${ms(median(warm))} | ${timed(clis[0])} | ${timed(medianOf(clis.slice(1)))} | ${timed(nodeStart)} |`;
      rows.push(row);
      say(row);
      if (handshakeRow) rows.push(`\n${handshakeRow}`);
      if (handshakeRow) say(handshakeRow);
    }
    rmSync(root, { recursive: true, force: true });
  } catch (e) {
    say(`kept ${root} for inspection (engine logs in n*/state/engine.log)`);
    throw e;
  }
  say('\n| load balancers | synth (in-process, after load) | first apply (create all) | plan core, cold (read all + diff) | plan core, warm (applied record) | `seclb plan` process, first after synth (validates every document) | `seclb plan` process, warm (median of 3) | node start-up |');
  say('|---|---|---|---|---|---|---|---|');
  for (const r of rows) say(r);
}

function say(s: string): void {
  process.stdout.write(`${s}\n`);
}

main().catch((e) => {
  process.stderr.write(`bench failed: ${(e as Error).stack}\n`);
  process.exitCode = 1;
});
