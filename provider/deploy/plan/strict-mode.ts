import { DeployErrors } from '../errors';
import { DeployPlan } from './deploy-plan';

/**
 * Strict mode, for CI: refuses a plan whose synth-time security warnings include any that were not
 * acknowledged with a reason. Acknowledged warnings pass (the plan still shows them).
 *
 * @throws DeployError SECLB_DEPLOY_UNACKNOWLEDGED_WARNINGS listing each rule id, construct and message
 */
export function assertNoUnacknowledgedWarnings(plan: DeployPlan): void {
  const open = (plan.warnings ?? []).filter((w) => !w.acknowledged);
  if (!open.length) return;
  throw DeployErrors.unacknowledgedWarnings(plan.stack ?? '(unnamed)', open.map((w) => `${w.ruleId} on ${w.constructPath}: ${w.message}`));
}
