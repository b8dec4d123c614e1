import type { InstanceDocument } from '../../../../lib/policy/document/load-balancer-document';
import { checkInstanceIdFormat } from '../../../../lib/policy/rules/instances';
import { HEALTH_DESCRIPTIONS } from '../../health/instance-health';
import { apiErrorOf } from '../engine-error-mapping';
import { ApiError, ApiErrors } from '../protocol/api-error';
import { QueryParams } from '../protocol/query-params';
import { list } from '../protocol/xml';
import { ActionTable } from './action';

/** `Instances.member.N.InstanceId`, each in EC2's form (`InvalidInstance` otherwise). */
function readInstanceIds(p: QueryParams, required: boolean): string[] | undefined {
  const structs = p.optionalStructs('Instances');
  if (structs === undefined) {
    if (required) throw ApiErrors.missingParameter('Instances');
    return undefined;
  }
  return structs.map((f, i) => {
    const id = f.get('InstanceId');
    if (!id) throw ApiErrors.missingParameter(`Instances.member.${i + 1}.InstanceId`);
    const bad = checkInstanceIdFormat(`Instances.member.${i + 1}.InstanceId`, id);
    if (bad.length) throw new ApiError('InvalidInstance', `${bad[0].code}: ${bad[0].message} Rule: ${bad[0].rule} Fix: ${bad[0].fix}`);
    return id;
  });
}

/**
 * RegisterInstancesWithLoadBalancer, DeregisterInstancesFromLoadBalancer, DescribeInstanceHealth.
 * A registered instance gets its loopback address from the instance address file; registering an
 * instance again picks up a changed mapping. An unmapped instance is registered without one and is
 * OutOfService (reason ELB) with a description saying how to map it.
 */
export const INSTANCE_ACTIONS: ActionTable = {
  async RegisterInstancesWithLoadBalancer(ctx) {
    const name = ctx.params.required('LoadBalancerName');
    const ids = readInstanceIds(ctx.params, true)!;
    const mapping = ctx.addresses.read();
    const doc = await ctx.store.edit(name, (d) => {
      const byId = new Map<string, InstanceDocument>(d.instances.map((i) => [i.instanceId, i]));
      for (const id of ids) byId.set(id, mapping[id] ? { instanceId: id, address: mapping[id] } : { instanceId: id });
      return { ...d, instances: [...byId.values()].sort((a, b) => (a.instanceId < b.instanceId ? -1 : 1)) };
    });
    return { Instances: list(doc.instances.map((i) => ({ InstanceId: i.instanceId }))) };
  },

  async DeregisterInstancesFromLoadBalancer(ctx) {
    const name = ctx.params.required('LoadBalancerName');
    const ids = readInstanceIds(ctx.params, true)!;
    const doc = await ctx.store.edit(name, (d) => ({ ...d, instances: d.instances.filter((i) => !ids.includes(i.instanceId)) }));
    return { Instances: list(doc.instances.map((i) => ({ InstanceId: i.instanceId }))) };
  },

  async DescribeInstanceHealth(ctx) {
    const name = ctx.params.required('LoadBalancerName');
    const ids = readInstanceIds(ctx.params, false);
    await ctx.store.get(name);
    let states;
    try {
      states = (await ctx.store.core.describeInstanceHealth(name)).InstanceStates;
    } catch (e) {
      throw apiErrorOf(e);
    }
    const chosen = ids && ids.length
      ? ids.map((id) => states.find((s) => s.InstanceId === id) ?? { InstanceId: id, State: 'OutOfService', ReasonCode: 'ELB', Description: HEALTH_DESCRIPTIONS.NOT_REGISTERED })
      : states;
    return { InstanceStates: list(chosen.map((s) => ({ InstanceId: s.InstanceId, State: s.State, ReasonCode: s.ReasonCode, Description: s.Description }))) };
  },
};
