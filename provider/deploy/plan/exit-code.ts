import { DeployPlan } from './deploy-plan';

/** Exit codes of `seclb plan`, as `terraform plan -detailed-exitcode` defines them. */
export enum PlanExitCode {
  /** The plan succeeded and live state already matches: nothing to do. */
  NO_CHANGES = 0,
  /** The plan could not be computed (bad input, engine unreachable, ...). */
  ERROR = 1,
  /** The plan succeeded and there are changes to apply. */
  CHANGES = 2,
}

/** The exit code for a computed plan: CHANGES when anything changes, NO_CHANGES otherwise. */
export function planExitCode(plan: DeployPlan): PlanExitCode {
  return plan.summary.hasChanges ? PlanExitCode.CHANGES : PlanExitCode.NO_CHANGES;
}
