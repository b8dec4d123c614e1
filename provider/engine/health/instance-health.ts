import { InstanceState } from '../common/instance-state';

export type { InstanceState, InstanceStateName, ReasonCode } from '../common/instance-state';

/** ELB's documented description strings (elb-facts §5.2), verbatim. */
export const HEALTH_DESCRIPTIONS = {
  HEALTHY: 'N/A',
  REGISTERING: 'Instance registration is still in progress.',
  FAILED_UNHEALTHY_THRESHOLD: 'Instance has failed at least the UnhealthyThreshold number of health checks consecutively.',
  NOT_PASSED_HEALTHY_THRESHOLD: 'Instance has not passed the configured HealthyThreshold number of health checks consecutively.',
  NOT_REGISTERED: 'Instance is not currently registered with the LoadBalancer.',
} as const;

/**
 * The health state machine of one registered instance (elb-facts §5.1):
 * - newly registered: OutOfService ("registration is still in progress") until the first success,
 *   which makes it InService at once (the HealthyThreshold does not apply to that first transition);
 * - InService → OutOfService after `unhealthyThreshold` consecutive failures;
 * - OutOfService → InService after `healthyThreshold` consecutive successes.
 */
export class InstanceHealth {
  private inService = false;
  private everInService = false;
  private consecutiveSuccesses = 0;
  private consecutiveFailures = 0;
  private lastFailure = '';

  constructor(public readonly instanceId: string) {}

  /** True when the instance may receive traffic. */
  public get isInService(): boolean {
    return this.inService;
  }

  /** The last failure's detail (for logs), or an empty string. */
  public get lastFailureDetail(): string {
    return this.lastFailure;
  }

  /**
   * Records one check result; returns true when the InService/OutOfService state changed.
   */
  public record(success: boolean, healthyThreshold: number, unhealthyThreshold: number, failureDetail = ''): boolean {
    const before = this.inService;
    if (success) {
      this.consecutiveSuccesses++;
      this.consecutiveFailures = 0;
      if (!this.inService && (!this.everInService || this.consecutiveSuccesses >= healthyThreshold)) {
        this.inService = true;
        this.everInService = true;
      }
    } else {
      this.consecutiveFailures++;
      this.consecutiveSuccesses = 0;
      this.lastFailure = failureDetail;
      if (this.inService && this.consecutiveFailures >= unhealthyThreshold) this.inService = false;
    }
    return before !== this.inService;
  }

  /** The DescribeInstanceHealth entry. */
  public describe(unhealthyThreshold: number): InstanceState {
    if (this.inService) return { InstanceId: this.instanceId, State: 'InService', ReasonCode: 'N/A', Description: HEALTH_DESCRIPTIONS.HEALTHY };
    if (!this.everInService) {
      const description = this.consecutiveFailures >= unhealthyThreshold
        ? HEALTH_DESCRIPTIONS.FAILED_UNHEALTHY_THRESHOLD : HEALTH_DESCRIPTIONS.REGISTERING;
      return { InstanceId: this.instanceId, State: 'OutOfService', ReasonCode: 'Instance', Description: description };
    }
    const description = this.consecutiveSuccesses > 0
      ? HEALTH_DESCRIPTIONS.NOT_PASSED_HEALTHY_THRESHOLD : HEALTH_DESCRIPTIONS.FAILED_UNHEALTHY_THRESHOLD;
    return { InstanceId: this.instanceId, State: 'OutOfService', ReasonCode: 'Instance', Description: description };
  }
}
