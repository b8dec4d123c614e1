/**
 * The instance-state vocabulary of DescribeInstanceHealth, shared by the health checks (which
 * produce it), the back ends' connection draining and the data plane (which report it). It lives on
 * the engine's ground floor so that lower floors need not import the health room.
 */

/** ELB's instance states (DescribeInstanceHealth). */
export type InstanceStateName = 'InService' | 'OutOfService' | 'Unknown';

/** ELB's reason codes. */
export type ReasonCode = 'ELB' | 'Instance' | 'N/A';

/** One entry of `DescribeInstanceHealth.InstanceStates`. */
export interface InstanceState {
  readonly InstanceId: string;
  readonly State: InstanceStateName;
  readonly ReasonCode: ReasonCode;
  readonly Description: string;
}

