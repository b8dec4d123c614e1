import * as path from 'path';
import { AccessLogWriter } from '../access-log/access-log-writer';
import { LeastOutstandingRequests, RoundRobin } from '../backends/balancer';
import { BackendTarget } from '../backends/backend-target';
import { PinFailureListener } from '../backends/backend-connector';
import { ConnectionDraining } from '../backends/connection-draining';
import { HealthChecker } from '../health/health-checker';
import { InstanceState } from '../health/instance-health';
import { EngineLogger } from '../logging/logger';
import { LoadBalancerCounters } from '../metrics/load-balancer-counters';
import { CompiledLoadBalancer } from '../model/compiled-load-balancer';

const NONE: readonly BackendTarget[] = Object.freeze([]);

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
  public readonly health: HealthChecker;
  public readonly draining: ConnectionDraining;
  /** The access-log writer while the document enables access logs. */
  public accessLog?: AccessLogWriter;
  private accessLogInterval = 0;
  private inServiceByPort = new Map<number, readonly BackendTarget[]>();

  constructor(public compiled: CompiledLoadBalancer, timeScale: number, private readonly logger: EngineLogger, private readonly accessLogRoot?: string) {
    const onPinFailure: PinFailureListener = (target, error, presented) => {
      this.counters.backendAuthenticationFailures++;
      this.counters.backendConnectionErrors++;
      this.logger.warn({ loadBalancer: this.compiled.name, instanceId: target.instanceId, port: target.port, code: error.code, presentedKeySpki: presented }, error.message);
    };
    this.pinFailure = onPinFailure;
    this.draining = new ConnectionDraining(compiled.name, logger);
    this.syncAccessLog();
    this.health = new HealthChecker(compiled.healthPlan, timeScale, this.counters, logger, onPinFailure, () => this.rebuild());
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
    const interval = cfg?.enabled && this.accessLogRoot ? cfg.emitIntervalMinutes : 0;
    if (interval === this.accessLogInterval) return;
    void this.accessLog?.close();
    this.accessLog = interval ? new AccessLogWriter(path.join(this.accessLogRoot!, this.compiled.name), this.compiled.name, interval) : undefined;
    this.accessLogInterval = interval;
  }

  private rebuild(): void {
    const next = new Map<number, readonly BackendTarget[]>();
    for (const [port, targets] of this.compiled.targetsByPort) {
      next.set(port, Object.freeze(targets.filter((t) => this.health.isInService(t.instanceId))));
    }
    this.inServiceByPort = next;
  }
}
