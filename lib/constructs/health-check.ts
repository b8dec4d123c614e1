/**
 * The health check every registered instance gets. ELB's ranges: interval 5-300 s, timeout 2-60 s
 * and below the interval, thresholds 2-10.
 */
export interface HealthCheck {
  /** `HTTP:port/path`, `HTTPS:port/path`, `TCP:port` or `SSL:port`, e.g. `HTTP:8080/ping`. */
  readonly target: string;
  /**
   * Seconds between checks of one instance.
   * @default 30
   */
  readonly interval?: number;
  /**
   * Seconds to wait for an answer; must be below `interval`.
   * @default 5
   */
  readonly timeout?: number;
  /**
   * Consecutive successes before an instance is InService.
   * @default 10
   */
  readonly healthyThreshold?: number;
  /**
   * Consecutive failures before an instance is OutOfService.
   * @default 2
   */
  readonly unhealthyThreshold?: number;
}
