import { DeployPlan } from './deploy-plan';

/**
 * Exit codes of `seclb plan`, as `terraform plan` defines them: 0 on success and 1 on error; 2
 * (changes) only with `--detailed-exitcode`, so `set -e` scripts keep working.
 */
export enum PlanExitCode {
  /** The plan succeeded (without `--detailed-exitcode`: with or without changes). */
  NO_CHANGES = 0,
  /** The plan could not be computed (bad input, engine unreachable, strict mode, ...). */
  ERROR = 1,
  /** With `--detailed-exitcode` only: the plan succeeded and there are changes to apply. */
  CHANGES = 2,
}

/**
 * The exit code for a computed plan: always NO_CHANGES (0) unless `detailed` is set, then CHANGES
 * (2) when anything changes.
 *
 * @param plan the plan
 * @param detailed `--detailed-exitcode` (default false, as in `terraform plan`)
 */
export function planExitCode(plan: DeployPlan, detailed: boolean = false): PlanExitCode {
  return detailed && plan.summary.hasChanges ? PlanExitCode.CHANGES : PlanExitCode.NO_CHANGES;
}
