import { HealthChecker } from '../health/health-checker';
import { InstanceState } from '../health/instance-health';
import { EngineLogger } from '../logging/logger';
import { LoadBalancerCounters } from '../metrics/load-balancer-counters';
import { countPinFailures } from '../metrics/pin-failures';
import { CompiledLoadBalancer } from '../model/compiled-load-balancer';

/**
 * The health checks of a multi-worker engine, run once in the primary: one `HealthChecker` per
 * live load balancer, with the counters only health checks touch (failed checks, and pin failures
 * found by checks). Every state change is reported through `onChange` so the pool can replicate it
 * to the workers.
 */
export class PrimaryHealth {
  private readonly entries = new Map<string, { checker: HealthChecker; counters: LoadBalancerCounters }>();

  constructor(private readonly timeScale: number, private readonly logger: EngineLogger, private readonly onChange: (name: string) => void) {}

  /** Starts, updates or stops a load balancer's checks to match a committed change. */
  public apply(name: string, compiled: CompiledLoadBalancer | undefined): void {
    const entry = this.entries.get(name);
    if (!compiled) {
      entry?.checker.stop();
      this.entries.delete(name);
      return;
    }
    if (entry) {
      entry.checker.update(compiled.healthPlan);
      return;
    }
    const counters = new LoadBalancerCounters();
    const checker = new HealthChecker(compiled.healthPlan, this.timeScale, counters, this.logger,
      countPinFailures(() => name, counters, this.logger), () => this.onChange(name));
    this.entries.set(name, { checker, counters });
  }

  /** DescribeInstanceHealth of the registered instances (the primary's view), or undefined. */
  public states(name: string): InstanceState[] | undefined {
    return this.entries.get(name)?.checker.describe();
  }

  /** The health-check counters of a load balancer, or undefined. */
  public counters(name: string): LoadBalancerCounters | undefined {
    return this.entries.get(name)?.counters;
  }

  /** Stops every checker. */
  public stop(): void {
    for (const e of this.entries.values()) e.checker.stop();
    this.entries.clear();
  }
}
