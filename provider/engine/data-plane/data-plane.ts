import { ConnectionPool } from '../backends/connection-pool';
import { HttpBackend } from '../backends/http-backend';
import { EngineErrors } from '../errors';
import { HealthSourceFactory } from '../health/health-source';
import { InstanceState } from '../health/instance-health';
import { FrontEndListener } from '../listeners/front-end-listener';
import { DEFAULT_HTTP_FRONT, HttpFront } from '../listeners/http-front';
import { HttpProxy } from '../listeners/http-proxy';
import { TcpProxy } from '../listeners/tcp-proxy';
import { EngineLogger } from '../logging/logger';
import { CompiledLoadBalancer } from '../model/compiled-load-balancer';
import { DataPlaneDriver, LoadBalancerChange, MetricsRow, PreparedChange, WorkerView } from './data-plane-driver';
import { AccessLogPlacement, LoadBalancerRuntime } from './load-balancer-runtime';

/** How a data plane is set up. */
export interface DataPlaneOptions {
  readonly logger: EngineLogger;
  /** Makes each load balancer's health source: a `HealthChecker` (one process) or a `ReplicatedHealth` (a worker). */
  readonly healthSources: HealthSourceFactory;
  /** Access-log placement; none when undefined. */
  readonly accessLog?: AccessLogPlacement;
  /**
   * Whether front-end ports are bound exclusively by this process (a single-process engine) or
   * shared through the cluster primary with the other workers (a worker of a multi-worker engine).
   * @default true
   */
  readonly exclusivePorts?: boolean;
  /** This process's worker id (0 for a single-process engine). @default 0 */
  readonly workerId?: number;
  /** Which code reads HTTP from clients (`HttpFront`). @default 'lean' */
  readonly httpFront?: HttpFront;
  /** Which client carries requests to back ends (`HttpBackend`). @default 'lean' */
  readonly httpBackend?: HttpBackend;
}

/**
 * The data plane of one process: front-end listeners, load-balancer runtimes and the back-end pool.
 * It knows nothing about documents, persistence or the admin API; the control plane hands it
 * compiled load balancers through `prepare`/`commit`. A single-process engine drives it directly;
 * in a multi-worker engine every worker runs one, fed the same revisions by the `WorkerPool`.
 */
export class DataPlane implements DataPlaneDriver {
  private readonly runtimes = new Map<string, LoadBalancerRuntime>();
  private readonly listeners = new Map<number, { owner: string; listener: FrontEndListener }>();
  private readonly pool: ConnectionPool;
  private readonly httpProxy: HttpProxy;
  private readonly tcpProxy: TcpProxy;
  private readonly logger: EngineLogger;

  constructor(private readonly options: DataPlaneOptions) {
    this.logger = options.logger;
    this.pool = new ConnectionPool((target, error, presented) => {
      // Counted by the HTTP proxy, which knows the load balancer; logged here with the presented key.
      this.logger.warn({ instanceId: target.instanceId, port: target.port, code: error.code, presentedKeySpki: presented }, error.message);
    }, options.httpBackend);
    this.httpProxy = new HttpProxy(this.pool, this.logger);
    this.tcpProxy = new TcpProxy(this.logger);
  }

  /** The runtime of a load balancer, if it is live. */
  public runtime(name: string): LoadBalancerRuntime | undefined {
    return this.runtimes.get(name);
  }

  /** Every live load balancer's counters and health tallies (read by the metrics exporter at scrape time). */
  public async metricsRows(): Promise<MetricsRow[]> {
    const rows: MetricsRow[] = [];
    for (const [name, r] of this.runtimes) {
      const states = r.health.describe();
      const healthy = states.filter((s) => s.State === 'InService').length;
      rows.push({ name, counters: r.counters, healthy, unhealthy: states.length - healthy });
    }
    return rows;
  }

  public async counters(name: string): Promise<Record<string, number> | undefined> {
    return this.runtimes.get(name)?.counters.snapshot();
  }

  public async describeHealth(name: string): Promise<InstanceState[] | undefined> {
    return this.runtimes.get(name)?.describeHealth();
  }

  public async workers(): Promise<WorkerView[]> {
    let requestCount = 0;
    for (const r of this.runtimes.values()) requestCount += r.counters.requestCount;
    return [{ id: this.options.workerId ?? 0, pid: process.pid, requestCount }];
  }

  /**
   * Prepares every change as one unit (in order); when one fails, those prepared before it are
   * rolled back and the error is rethrown.
   */
  public async prepare(changes: readonly LoadBalancerChange[]): Promise<PreparedChange> {
    const prepared: PreparedChange[] = [];
    try {
      for (const c of changes) prepared.push(await this.prepareOne(c.name, c.compiled));
    } catch (e) {
      for (const p of prepared.reverse()) await p.rollback();
      throw e;
    }
    return {
      commit: async () => { for (const p of prepared) await p.commit(); },
      rollback: async () => { for (const p of [...prepared].reverse()) await p.rollback(); },
    };
  }

  /** The live listener on a port. */
  public listenerOn(port: number): FrontEndListener | undefined {
    return this.listeners.get(port)?.listener;
  }

  /**
   * Prepares putting `compiled` live under `name` (or removing the load balancer when undefined):
   * checks port ownership and binds every new port. Throws (after undoing its own binds) when a
   * port is taken.
   */
  private async prepareOne(name: string, compiled: CompiledLoadBalancer | undefined): Promise<PreparedChange> {
    const existing = this.runtimes.get(name);
    const wanted = new Set(compiled?.listeners.map((l) => l.port) ?? []);
    for (const port of wanted) {
      const held = this.listeners.get(port);
      if (held && held.owner !== name) throw EngineErrors.portConflict(name, port, held.owner);
    }
    let runtime = existing;
    let createdRuntime: LoadBalancerRuntime | undefined;
    if (!runtime && compiled) {
      runtime = createdRuntime = new LoadBalancerRuntime(compiled, this.options.healthSources, this.logger, this.options.accessLog);
    }
    const bound: FrontEndListener[] = [];
    try {
      for (const l of compiled?.listeners ?? []) {
        if (this.listeners.has(l.port)) continue;
        const fe = new FrontEndListener({ listener: l, runtime: runtime! }, this.httpProxy, this.options.httpFront ?? DEFAULT_HTTP_FRONT, this.tcpProxy, this.logger, this.options.exclusivePorts ?? true);
        try {
          await fe.listen();
        } catch (e) {
          throw EngineErrors.portInUse(name, l.port, `${(e as NodeJS.ErrnoException).code ?? ''} ${(e as Error).message}`.trim());
        }
        bound.push(fe);
      }
    } catch (e) {
      await Promise.all(bound.map((b) => b.close(true)));
      createdRuntime?.stop();
      throw e;
    }
    return {
      commit: async () => {
        if (!compiled) {
          existing?.stop();
          this.runtimes.delete(name);
        } else {
          if (existing) existing.update(compiled);
          else this.runtimes.set(name, runtime!);
        }
        for (const fe of bound) this.listeners.set(fe.port, { owner: name, listener: fe });
        for (const [port, held] of this.listeners) {
          if (held.owner !== name) continue;
          const l = compiled?.listeners.find((x) => x.port === port);
          if (l) held.listener.setBinding({ listener: l, runtime: runtime! });
          else {
            this.listeners.delete(port);
            // Stop accepting now (the port is free once close() is called). A removed listener of a
            // live load balancer lets established connections finish; a deleted load balancer's are
            // closed. Not awaited: a long-lived connection must not hold up the apply queue.
            void held.listener.close(!compiled);
          }
        }
        this.retainPool();
        this.logger.info({ loadBalancer: name, ports: [...wanted], removed: !compiled }, compiled ? 'load balancer applied' : 'load balancer removed');
      },
      rollback: async () => {
        await Promise.all(bound.map((b) => b.close(true)));
        createdRuntime?.stop();
      },
    };
  }

  /** Stops every listener and health check and closes the pool. */
  public async stop(): Promise<void> {
    const closing = [...this.listeners.values()].map((h) => h.listener.close(true));
    this.listeners.clear();
    for (const r of this.runtimes.values()) r.stop();
    this.runtimes.clear();
    await Promise.all(closing);
    this.pool.destroy();
  }

  private retainPool(): void {
    const keys = new Set<string>();
    for (const r of this.runtimes.values()) for (const targets of r.compiled.targetsByPort.values()) for (const t of targets) keys.add(ConnectionPool.liveKey(t, r.compiled.idleTimeoutMs));
    this.pool.retainOnly(keys);
  }
}
