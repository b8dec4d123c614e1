import { DeployErrors } from '../errors';
import { DeployPlan, PlanAction, Revision } from './deploy-plan';

/**
 * Refuses a plan computed against live state that has moved since: for every load balancer the
 * plan changes, the live revision now must equal the one the plan recorded (`null` = absent).
 * Load balancers the plan leaves alone are not checked.
 *
 * @param plan the plan to apply
 * @param liveRevisions the live revision of each load balancer now, by name (absent = no such load balancer)
 * @throws DeployError SECLB_DEPLOY_STALE_PLAN naming the first load balancer that moved
 */
export function assertPlanFresh(plan: DeployPlan, liveRevisions: { [name: string]: Revision | undefined }): void {
  for (const lb of plan.loadBalancers) {
    if (lb.action === PlanAction.NO_OP) continue;
    const now = liveRevisions[lb.name] ?? null;
    if (now !== lb.liveRevision) {
      throw DeployErrors.stalePlan(lb.name, describe(lb.liveRevision), describe(now));
    }
  }
}

function describe(revision: Revision | null): string {
  return revision === null ? 'none (absent)' : JSON.stringify(revision);
}
