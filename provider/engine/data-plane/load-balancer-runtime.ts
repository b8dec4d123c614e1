import * as path from 'path';
import { AccessLogWriter } from '../access-log/access-log-writer';
import { LeastOutstandingRequests, RoundRobin } from '../backends/balancer';
import { BackendTarget } from '../backends/backend-target';
import { PinFailureListener } from '../backends/backend-connector';
import { ConnectionDraining } from '../backends/connection-draining';
import { HealthSource, HealthSourceFactory } from '../health/health-source';
import { InstanceState } from '../health/instance-health';
import { SuspectInstances } from '../health/suspect-instances';
import { EngineLogger } from '../logging/logger';
import { LoadBalancerCounters } from '../metrics/load-balancer-counters';
import { countPinFailures } from '../metrics/pin-failures';
import { CompiledLoadBalancer } from '../model/compiled-load-balancer';

const NONE: readonly BackendTarget[] = Object.freeze([]);

/** Where this process writes access logs. */
export interface AccessLogPlacement {
  /** `<stateDir>/access-logs`; each load balancer writes under `<root>/<name>/`. */
  readonly root: string;
  /**
   * Tells apart the files of the processes of one engine (ELB's per-node random string, elb-facts
   * §8.1), e.g. `w1`.
   * @default - none: a single-process engine writes `<name>_<end-time>_127.0.0.1.log`
   */
  readonly nodeTag?: string;
}

/**
 * The live state of one load balancer in the data plane: its compiled revision, health, balancers
 * and counters. Health, balancers and counters survive hot applies; the compiled part is swapped.
 * The InService target lists are rebuilt only when health or the revision changes, so the hot path
 * reads a ready array.
 */
export class LoadBalancerRuntime {
  public readonly counters = new LoadBalancerCounters();
  public readonly leastOutstanding = new LeastOutstandingRequests();
  public readonly roundRobin = new RoundRobin();
  public readonly health: HealthSource;
  public readonly draining: ConnectionDraining;
  /** Instances that just refused or reset a connection: avoided by the balancers for a moment (routing only, not health). */
  public readonly suspects: SuspectInstances;
  /** The access-log writer while the document enables access logs. */
  public accessLog?: AccessLogWriter;
  private accessLogInterval = 0;
  private inServiceByPort = new Map<number, readonly BackendTarget[]>();
  private routableByPort = new Map<number, readonly BackendTarget[]>();

  /**
   * @param healthSources makes this load balancer's health source (a checker, or a worker's replica)
   * @param accessLog where access logs go (`<root>/<load balancer>/...`) and this process's node tag; none when undefined
   */
  constructor(public compiled: CompiledLoadBalancer, healthSources: HealthSourceFactory, logger: EngineLogger,
    private readonly accessLogPlacement?: AccessLogPlacement) {
    const onPinFailure = countPinFailures(() => this.compiled.name, this.counters, logger);
    this.pinFailure = onPinFailure;
    this.draining = new ConnectionDraining(compiled.name, logger);
    this.suspects = new SuspectInstances(() => this.rebuildRoutable());
    this.syncAccessLog();
    this.health = healthSources(compiled.healthPlan, this.counters, onPinFailure, () => this.rebuild());
    this.rebuild();
  }

  /** Counts and logs a back end refused by its pins. */
  public readonly pinFailure: PinFailureListener;

  /** Swaps in a new revision (hot apply). */
  public update(compiled: CompiledLoadBalancer): void {
    const before = new Set(this.compiled.healthPlan.instances.map((i) => i.instanceId));
    const after = new Set(compiled.healthPlan.instances.map((i) => i.instanceId));
    this.compiled = compiled;
    this.health.update(compiled.healthPlan);
    this.rebuild();
    this.syncAccessLog();
    const drain = compiled.document.connectionDraining;
    this.draining.registered([...after].filter((id) => !before.has(id)));
    this.draining.deregistered([...before].filter((id) => !after.has(id)), drain.enabled, drain.timeoutSeconds * 1000);
  }

  /** DescribeInstanceHealth: registered instances, then those still draining. */
  public describeHealth(): InstanceState[] {
    return [...this.health.describe(), ...this.draining.describe()];
  }

  /** InService targets of an instance port (a shared, frozen array). */
  public inService(instancePort: number): readonly BackendTarget[] {
    return this.inServiceByPort.get(instancePort) ?? NONE;
  }

  /**
   * The targets the balancers pick from: the InService ones minus suspects, or every InService one
   * when all of them are suspect (suspicion only steers; it never turns traffic away).
   */
  public routable(instancePort: number): readonly BackendTarget[] {
    if (this.suspects.size > 0) this.suspects.expire();
    return this.routableByPort.get(instancePort) ?? NONE;
  }

  /** Stops health checks. */
  public stop(): void {
    this.health.stop();
    this.draining.stop();
    void this.accessLog?.close();
    this.accessLog = undefined;
  }

  /** Opens, re-opens or closes the access log to match the document (elb-facts §8). */
  private syncAccessLog(): void {
    const cfg = this.compiled.document.accessLog;
    const placement = this.accessLogPlacement;
    const interval = cfg?.enabled && placement ? cfg.emitIntervalMinutes : 0;
    if (interval === this.accessLogInterval) return;
    void this.accessLog?.close();
    this.accessLog = interval ? new AccessLogWriter(path.join(placement!.root, this.compiled.name), this.compiled.name, interval, placement!.nodeTag) : undefined;
    this.accessLogInterval = interval;
  }

  private rebuild(): void {
    const next = new Map<number, readonly BackendTarget[]>();
    for (const [port, targets] of this.compiled.targetsByPort) {
      next.set(port, Object.freeze(targets.filter((t) => this.health.isInService(t.instanceId))));
    }
    this.inServiceByPort = next;
    // An instance the health check took out of service starts clean when the checks bring it back.
    this.suspects.retainOnly((id) => this.health.isInService(id));
    this.rebuildRoutable();
  }

  private rebuildRoutable(): void {
    if (this.suspects.size === 0) {
      this.routableByPort = this.inServiceByPort;
      return;
    }
    const next = new Map<number, readonly BackendTarget[]>();
    for (const [port, targets] of this.inServiceByPort) {
      const trusted = targets.filter((t) => !this.suspects.has(t.instanceId));
      next.set(port, trusted.length > 0 ? Object.freeze(trusted) : targets);
    }
    this.routableByPort = next;
  }
}
