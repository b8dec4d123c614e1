import { PinFailureListener } from '../backends/backend-connector';
import { LoadBalancerCounters } from '../metrics/load-balancer-counters';
import { HealthCheckPlan } from './health-check-plan';
import { InstanceState } from './instance-health';

/**
 * Where a load balancer's runtime learns which instances may get traffic. In a single-process
 * engine it is the `HealthChecker` itself; in a worker of a multi-worker engine it is a
 * `ReplicatedHealth` fed by the primary, which runs the one health checker per load balancer (so
 * instances are checked once, not once per worker, and every worker agrees on their state).
 */
export interface HealthSource {
  /** True when the instance may receive traffic. */
  isInService(instanceId: string): boolean;
  /** DescribeInstanceHealth entries, in the document's instance order. */
  describe(): InstanceState[];
  /** Takes a new plan (hot apply). */
  update(plan: HealthCheckPlan): void;
  /** Stops (load balancer removed, engine stopping). */
  stop(): void;
}

/**
 * Makes the health source of a new runtime.
 * @param counters the runtime's counters (health-check failures are counted there)
 * @param onPinFailure counts and logs a back end refused by its pins
 * @param onChange called whenever an instance changes state
 */
export type HealthSourceFactory = (plan: HealthCheckPlan, counters: LoadBalancerCounters, onPinFailure: PinFailureListener, onChange: () => void) => HealthSource;
