import { ElbViews } from '../views';
import { ActionTable } from './action';

/** ConfigureHealthCheck: all five fields required; ranges and target syntax checked by the policy model. */
export const HEALTH_CHECK_ACTIONS: ActionTable = {
  async ConfigureHealthCheck(ctx) {
    const p = ctx.params;
    const name = p.required('LoadBalancerName');
    const healthCheck = {
      target: ctx.ports.targetLocal(p.required('HealthCheck.Target')),
      intervalSeconds: p.requiredInt('HealthCheck.Interval'),
      timeoutSeconds: p.requiredInt('HealthCheck.Timeout'),
      healthyThreshold: p.requiredInt('HealthCheck.HealthyThreshold'),
      unhealthyThreshold: p.requiredInt('HealthCheck.UnhealthyThreshold'),
    };
    const doc = await ctx.store.edit(name, (d) => ({ ...d, healthCheck }));
    return { HealthCheck: ElbViews.healthCheck(doc, ctx.ports) };
  },
};
