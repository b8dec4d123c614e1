import cluster from 'cluster';
import { randomBytes } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { TlsCapabilities } from '../../../lib/policy/tls/tls-capabilities';
import { ServerCertificateRecord } from '../certificates/server-certificate';
import { DataPlaneDriver, LoadBalancerChange, MetricsRow, PreparedChange, WorkerView } from '../data-plane/data-plane-driver';
import { ENGINE_LOG_CODES, EngineErrors } from '../errors';
import { InstanceState } from '../health/instance-health';
import { HttpBackend } from '../backends/http-backend';
import { HttpFront } from '../listeners/http-front';
import { EngineLogger } from '../logging/logger';
import { LoadBalancerCounters } from '../metrics/load-balancer-counters';
import { CompiledLoadBalancer } from '../model/compiled-load-balancer';
import { forgetWorkerPids, recordWorkerPids } from './leftover-workers';
import { PrimaryHealth } from './primary-health';
import { WorkerChannel, WorkerRequest } from './worker-channel';
import { WorkerCounters, WorkerMessage } from './worker-messages';

/** The worker entry point, next to this file once built. */
export const WORKER_MAIN = path.join(__dirname, 'worker-main.js');

/** How long a new worker may take to start and load the live state. */
const WORKER_START_TIMEOUT_MS = 30_000;
/** How long stopping may wait for a worker before it is killed. */
const WORKER_STOP_TIMEOUT_MS = 5_000;
/** How long after a worker's unexpected exit its replacement is forked. */
const RESPAWN_DELAY_MS = 200;
/** How long a read (counters, draining, status) waits for each worker. */
const READ_TIMEOUT_MS = 5_000;
/** Replacements started for one worker slot within a minute before the pool stops replacing it. */
const MAX_RESTARTS_PER_MINUTE = 5;

/** Options of a worker pool. */
export interface WorkerPoolOptions {
  /** Worker processes (2 or more; a single-process engine uses a `DataPlane` directly). */
  readonly count: number;
  readonly logger: EngineLogger;
  /** The workers' pino level. */
  readonly logLevel: string;
  /** TEST ONLY health-check time factor (see `EngineOptions.healthCheckTimeScale`). */
  readonly healthCheckTimeScale: number;
  /** What this machine's OpenSSL negotiates (probed once, by the primary). */
  readonly capabilities: TlsCapabilities;
  /** `<stateDir>/access-logs`; worker N writes `..._127.0.0.1_wN.log`. */
  readonly accessLogRoot: string;
  /** The state directory: the workers' pids are recorded there (`workers.pid`). */
  readonly stateDir: string;
  /** Which code reads HTTP from clients in every worker. */
  readonly httpFront: HttpFront;
  /** Which client carries requests to back ends in every worker. */
  readonly httpBackend: HttpBackend;
}

/**
 * The data plane of a multi-worker engine, driven from the primary (Node `cluster`, scheduling
 * policy "none": the primary binds each front-end port once and every worker accepts from that
 * socket, so the kernel spreads connections and no connection passes through the primary).
 *
 * - Apply is two-phase across workers: `prepare` sends the documents and certificates to every
 *   worker, each compiles its own TLS contexts (session-ticket keys derived from one secret, so a
 *   session resumes on any worker) and binds new ports; one failure rolls back all of them.
 *   `commit` makes it live in every worker and resolves only when all have acknowledged — after
 *   that no worker accepts a connection with the old revision.
 * - Health checks run once, here (`PrimaryHealth`); state changes are replicated to the workers,
 *   and the admin API shows a state only once every worker has acknowledged it (so when
 *   DescribeInstanceHealth says InService, every worker routes to the instance).
 * - Counters live in the workers and are summed at scrape time, plus the primary's health-check
 *   counters. A worker that exits unexpectedly is replaced and loaded with the live state (its
 *   counters restart from 0, which Prometheus reads as a counter reset).
 */
export class WorkerPool implements DataPlaneDriver {
  /** Starts `count` workers and waits until every one is ready. */
  public static async start(options: WorkerPoolOptions): Promise<WorkerPool> {
    if (!fs.existsSync(WORKER_MAIN)) {
      throw EngineErrors.badOption('workers', String(options.count),
        `several workers need the built worker entry point ${WORKER_MAIN} (run \`npm run build\`)`, '1');
    }
    const pool = new WorkerPool(options);
    try {
      await Promise.all(Array.from({ length: options.count }, (_, i) => pool.startWorker(i + 1)));
      pool.recordPids();
    } catch (e) {
      await pool.stop();
      throw e;
    }
    return pool;
  }

  private readonly channels = new Map<number, WorkerChannel>();
  private readonly health: PrimaryHealth;
  private readonly live = new Map<string, CompiledLoadBalancer>();
  /** Instance states every worker has acknowledged, per load balancer (what reads show). */
  private readonly published = new Map<string, { seq: number; states: InstanceState[] }>();
  private healthSeq = 0;
  private certificates: ReadonlyMap<string, ServerCertificateRecord> = new Map();
  private readonly ticketKeySecret = randomBytes(32).toString('hex');
  private readonly restarts = new Map<number, number[]>();
  private applySeq = 0;
  private lock: Promise<void> = Promise.resolve();
  private stopping = false;

  private constructor(private readonly options: WorkerPoolOptions) {
    this.health = new PrimaryHealth(options.healthCheckTimeScale, options.logger, (name) => this.replicateHealth(name));
    cluster.schedulingPolicy = cluster.SCHED_NONE;
    cluster.setupPrimary({ exec: WORKER_MAIN, args: [], silent: false });
  }

  public async prepare(changes: readonly LoadBalancerChange[], certificates: ReadonlyMap<string, ServerCertificateRecord>): Promise<PreparedChange> {
    const release = await this.acquire();
    const applyId = ++this.applySeq;
    const channels = [...this.channels.values()];
    const wire = changes.map((c) => ({ name: c.name, document: c.compiled?.document ?? null }));
    const certificateList = [...certificates.values()];
    const results = await Promise.allSettled(channels.map((ch) => ch.request({ kind: 'prepare', applyId, changes: wire, certificates: certificateList })));
    const failure = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failure) {
      // Workers that prepared undo it; a worker that failed has already undone its own part.
      await Promise.allSettled(channels.filter((_, i) => results[i].status === 'fulfilled').map((ch) => ch.request({ kind: 'rollback', applyId })));
      release();
      throw failure.reason;
    }
    let settled = false;
    return {
      commit: async () => {
        if (settled) return;
        settled = true;
        try {
          for (const c of changes) {
            this.health.apply(c.name, c.compiled);
            if (c.compiled) this.live.set(c.name, c.compiled);
            else this.live.delete(c.name);
          }
          this.certificates = certificates;
          const seq = ++this.healthSeq;
          const health = this.healthOf(changes.filter((c) => c.compiled).map((c) => c.name));
          const committed = await Promise.allSettled(channels.map((ch) => ch.request({ kind: 'commit', applyId, health })));
          for (const c of changes) if (!c.compiled) this.published.delete(c.name);
          for (const [name, states] of Object.entries(health)) this.publish(name, seq, states);
          committed.forEach((r, i) => {
            if (r.status === 'fulfilled') return;
            // The others serve the new revision; this one cannot: replace it (the replacement loads the live state).
            const ch = channels[i];
            this.options.logger.error({ worker: ch.workerId, pid: ch.pid, err: (r.reason as Error).message }, `${ENGINE_LOG_CODES.WORKER_COMMIT_FAILED}: a worker could not commit; replacing it`);
            ch.worker.process.kill('SIGKILL');
          });
        } finally {
          release();
        }
      },
      rollback: async () => {
        if (settled) return;
        settled = true;
        try {
          await Promise.allSettled(channels.map((ch) => ch.request({ kind: 'rollback', applyId })));
        } finally {
          release();
        }
      },
    };
  }

  public async metricsRows(): Promise<MetricsRow[]> {
    const perWorker = await this.askAll<WorkerCounters>({ kind: 'counters' });
    return [...this.live.keys()].map((name) => {
      const counters = this.summed(name, perWorker);
      const states = this.published.get(name)?.states ?? [];
      const healthy = states.filter((s) => s.State === 'InService').length;
      return { name, counters, healthy, unhealthy: states.length - healthy };
    });
  }

  public async counters(name: string): Promise<Record<string, number> | undefined> {
    if (!this.live.has(name)) return undefined;
    return this.summed(name, await this.askAll<WorkerCounters>({ kind: 'counters', name })).snapshot();
  }

  public async describeHealth(name: string): Promise<InstanceState[] | undefined> {
    const registered = this.live.has(name) ? this.published.get(name)?.states ?? [] : undefined;
    if (!registered) return undefined;
    const draining = await this.askAll<InstanceState[]>({ kind: 'draining', name });
    const seen = new Set(registered.map((s) => s.InstanceId));
    const out = [...registered];
    for (const states of draining) {
      for (const s of states) {
        if (seen.has(s.InstanceId)) continue;
        seen.add(s.InstanceId);
        out.push(s);
      }
    }
    return out;
  }

  public async workers(): Promise<WorkerView[]> {
    return this.askAll<WorkerView>({ kind: 'view' });
  }

  public async stop(): Promise<void> {
    this.stopping = true;
    this.health.stop();
    const channels = [...this.channels.values()];
    await Promise.allSettled(channels.map(async (ch) => {
      const exited = new Promise<void>((resolve) => {
        if (ch.worker.isDead()) return resolve();
        ch.worker.once('exit', () => resolve());
      });
      await ch.request({ kind: 'stop' }, WORKER_STOP_TIMEOUT_MS).catch(() => undefined);
      const timer = setTimeout(() => ch.worker.process.kill('SIGKILL'), WORKER_STOP_TIMEOUT_MS);
      await exited;
      clearTimeout(timer);
    }));
    this.channels.clear();
    forgetWorkerPids(this.options.stateDir);
  }

  /** Forks worker `id`, initialises it and loads the live state into it; it joins the pool when ready. */
  private async startWorker(id: number): Promise<void> {
    const worker = cluster.fork({ SECLB_WORKER_ID: String(id) });
    const channel = new WorkerChannel(id, worker);
    worker.on('exit', (code, signal) => this.onExit(channel, code, signal));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(EngineErrors.workerFailed(id, 'start', `no hello within ${WORKER_START_TIMEOUT_MS} ms`)), WORKER_START_TIMEOUT_MS);
      const onMessage = (m: WorkerMessage) => {
        if (m?.kind !== 'hello') return;
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('exit', onEarlyExit);
        resolve();
      };
      const onEarlyExit = (code: number | null, signal: string | null) => {
        clearTimeout(timer);
        reject(EngineErrors.workerFailed(id, 'start', `it exited (${signal ?? code}) before it was ready`));
      };
      worker.on('message', onMessage);
      worker.once('exit', onEarlyExit);
    });
    await channel.request({
      kind: 'init', workerId: id, capabilities: this.options.capabilities, ticketKeySecret: this.ticketKeySecret,
      accessLogRoot: this.options.accessLogRoot, logLevel: this.options.logLevel, httpFront: this.options.httpFront, httpBackend: this.options.httpBackend,
    }, WORKER_START_TIMEOUT_MS);
    // Load the live state under the apply lock, so no apply runs half in and half out of this worker.
    const release = await this.acquire();
    try {
      if (this.live.size) {
        const applyId = ++this.applySeq;
        const changes = [...this.live.values()].map((c) => ({ name: c.name, document: c.document }));
        await channel.request({ kind: 'prepare', applyId, changes, certificates: [...this.certificates.values()] }, WORKER_START_TIMEOUT_MS);
        await channel.request({ kind: 'commit', applyId, health: this.healthOf([...this.live.keys()]) }, WORKER_START_TIMEOUT_MS);
      }
      this.channels.set(id, channel);
      // Health that changed while it was loading.
      for (const name of this.live.keys()) this.replicateHealth(name);
    } finally {
      release();
    }
    this.options.logger.info({ worker: id, pid: channel.pid, loadBalancers: this.live.size }, 'worker ready');
    if (!this.stopping && this.channels.size === this.options.count) this.recordPids();
  }

  private recordPids(): void {
    recordWorkerPids(this.options.stateDir, [...this.channels.values()].map((ch) => ch.pid));
  }

  private onExit(channel: WorkerChannel, code: number | null, signal: string | null): void {
    channel.failAll(`it exited (${signal ?? code})`);
    if (this.channels.get(channel.workerId) === channel) this.channels.delete(channel.workerId);
    if (this.stopping) return;
    const id = channel.workerId;
    const now = Date.now();
    const recent = (this.restarts.get(id) ?? []).filter((t) => now - t < 60_000);
    if (recent.length >= MAX_RESTARTS_PER_MINUTE) {
      this.options.logger.fatal({ worker: id, pid: channel.pid, code, signal, restarts: recent.length },
        `${ENGINE_LOG_CODES.WORKER_EXITED}: worker ${id} keeps exiting; not replacing it again (the other workers keep serving)`);
      return;
    }
    this.restarts.set(id, [...recent, now]);
    // A moment's delay: when the whole process group is being stopped (SIGTERM to the group), the
    // primary's own stop arrives meanwhile and no replacement is started.
    setTimeout(() => {
      if (this.stopping) return;
      this.options.logger.error({ worker: id, pid: channel.pid, code, signal }, `${ENGINE_LOG_CODES.WORKER_EXITED}: worker ${id} exited; starting a replacement`);
      this.startWorker(id).catch((e) => this.options.logger.error({ worker: id, err: (e as Error).message }, 'replacement worker failed to start'));
    }, RESPAWN_DELAY_MS).unref();
  }

  /** Sends a load balancer's instance states to every worker; reads show them once all have them. */
  private replicateHealth(name: string): void {
    const states = this.health.states(name);
    if (!states) return;
    const seq = ++this.healthSeq;
    const sent = [...this.channels.values()].map((ch) => ch.request({ kind: 'health', name, states }, 5_000));
    void Promise.allSettled(sent).then(() => this.publish(name, seq, states));
  }

  /** Shows `states` in reads unless a later report was already shown or the load balancer is gone. */
  private publish(name: string, seq: number, states: InstanceState[]): void {
    const current = this.published.get(name);
    if (!this.live.has(name) || (current && current.seq > seq)) return;
    this.published.set(name, { seq, states });
  }

  private healthOf(names: readonly string[]): Record<string, InstanceState[]> {
    return Object.fromEntries(names.map((n) => [n, this.health.states(n) ?? []]));
  }

  /**
   * Asks every ready worker the same read-only question; the answers of those that answered within
   * `READ_TIMEOUT_MS` (a worker that is gone or stuck is left out, not waited for).
   */
  private async askAll<T>(request: WorkerRequest): Promise<T[]> {
    const answers = await Promise.allSettled([...this.channels.values()].map((ch) => ch.request<T>(request, READ_TIMEOUT_MS)));
    return answers.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
  }

  private summed(name: string, perWorker: readonly WorkerCounters[]): LoadBalancerCounters {
    const total = new LoadBalancerCounters();
    for (const counters of perWorker) {
      const record = counters.loadBalancers.find((lb) => lb.name === name)?.counters;
      if (record) total.add(record);
    }
    const healthChecks = this.health.counters(name);
    if (healthChecks) total.add(healthChecks.toRecord());
    return total;
  }

  /** Mutual exclusion between applies and loading a new worker; resolves with the release function. */
  private acquire(): Promise<() => void> {
    let release!: () => void;
    const next = new Promise<void>((resolve) => { release = resolve; });
    const acquired = this.lock.then(() => release);
    this.lock = this.lock.then(() => next);
    return acquired;
  }
}
