import { SecurityEffect } from '../../../lib/policy';
import { CertificatePlan, LoadBalancerPlan, PlanAction, PlanSummary } from './deploy-plan';
import { ChangeOrigin } from './plan-change';

/** Counts a plan's actions, drift and security effects. */
export function summarizePlan(loadBalancers: LoadBalancerPlan[], certificates: CertificatePlan[]): PlanSummary {
  const count = (action: PlanAction) => loadBalancers.filter((lb) => lb.action === action).length;
  const items = loadBalancers.flatMap((lb) => lb.security);
  const changes = [...loadBalancers, ...certificates].flatMap((p) => p.changes);
  const certificateChanges = certificates.filter((c) => c.action !== PlanAction.NO_OP).length;
  const create = count(PlanAction.CREATE);
  const update = count(PlanAction.UPDATE);
  const del = count(PlanAction.DELETE);
  return {
    create,
    update,
    delete: del,
    noOp: count(PlanAction.NO_OP),
    certificateChanges,
    driftChanges: changes.filter((c) => c.origin === ChangeOrigin.DRIFT).length,
    weakening: items.filter((i) => i.effect === SecurityEffect.WEAKENS).length,
    strengthening: items.filter((i) => i.effect === SecurityEffect.STRENGTHENS).length,
    hasChanges: create + update + del + certificateChanges > 0,
  };
}
