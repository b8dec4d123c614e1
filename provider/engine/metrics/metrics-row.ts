import { LoadBalancerCounters } from './load-balancer-counters';

/** One load balancer's counters and health tallies, as `/v1/metrics` shows them. */
export interface MetricsRow {
  readonly name: string;
  readonly counters: LoadBalancerCounters;
  readonly healthy: number;
  readonly unhealthy: number;
}
