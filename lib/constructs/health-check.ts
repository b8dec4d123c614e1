/**
 * The health check every registered instance gets. Each number's doc gives ELB's range for it (a
 * value outside fails at synth with its `SECLB_HC_*` code).
 */
export interface HealthCheck {
  /** `HTTP:port/path`, `HTTPS:port/path`, `TCP:port` or `SSL:port`, e.g. `HTTP:8080/ping`. */
  readonly target: string;
  /**
   * Seconds between checks of one instance, 5-300.
   * @default 30
   */
  readonly interval?: number;
  /**
   * Seconds to wait for an answer, 2-60 and below `interval`.
   * @default 5
   */
  readonly timeout?: number;
  /**
   * Consecutive successes before an instance is InService, 2-10.
   * @default 10
   */
  readonly healthyThreshold?: number;
  /**
   * Consecutive failures before an instance is OutOfService, 2-10.
   * @default 2
   */
  readonly unhealthyThreshold?: number;
}
