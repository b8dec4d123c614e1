import { plannedValue, priorValue, TerraformPlanJson, TerraformResourceChange, UNKNOWN_VALUE } from './terraform-plan-json';

/** The arguments by which the ELB resource types name their load balancer. */
const LOAD_BALANCER_ARGUMENTS = ['load_balancer_name', 'load_balancer', 'elb'];

/** A resource's address in the configuration: module path and `type.name`, without instance keys. */
export function configAddress(rc: TerraformResourceChange): string {
  const name = rc.name ?? rc.address.replace(/\[[^\]]*\]$/, '').split('.').pop()!;
  const module = (rc.module_address ?? '').replace(/\[[^\]]*\]/g, '');
  return `${module ? `${module}.` : ''}${rc.type}.${name}`;
}

interface ConfigModule {
  resources?: { address?: string; expressions?: Record<string, { references?: string[] }> }[];
  module_calls?: Record<string, { module?: ConfigModule }>;
}

/** For each configured resource that names a load balancer by reference, the `aws_elb` it refers to (configuration addresses). */
function referencedLoadBalancers(plan: TerraformPlanJson): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (module: ConfigModule | undefined, prefix: string) => {
    for (const r of module?.resources ?? []) {
      for (const arg of LOAD_BALANCER_ARGUMENTS) {
        const target = r.expressions?.[arg]?.references?.find((ref) => /^aws_elb\.[^.]+$/.test(ref));
        if (target && r.address) out.set(`${prefix}${r.address}`, `${prefix}${target}`);
      }
    }
    for (const [name, call] of Object.entries(module?.module_calls ?? {})) walk(call.module, `${prefix}module.${name}.`);
  };
  walk((plan.configuration as { root_module?: ConfigModule } | undefined)?.root_module, '');
  return out;
}

/**
 * Ties every ELB-related resource change to the `aws_elb` resource it belongs to, so a load
 * balancer is one thing across a rename: by the configuration's references first (a policy whose
 * `load_balancer_name` is `aws_elb.web.name` belongs to `aws_elb.web` even while the name is known
 * only after apply), else by the name on the same side of the plan.
 */
export class LoadBalancerOwners {
  private readonly references: Map<string, string>;
  private readonly elbs: TerraformResourceChange[];

  constructor(plan: TerraformPlanJson, changes: TerraformResourceChange[]) {
    this.references = referencedLoadBalancers(plan);
    this.elbs = changes.filter((rc) => rc.type === 'aws_elb' && rc.mode !== 'data');
  }

  /**
   * The key of the load balancer `rc` belongs to on one side: the `aws_elb`'s resource address, or
   * the name itself when no `aws_elb` in the plan has it (a load balancer managed elsewhere).
   *
   * @param rc the resource change
   * @param name the load balancer name the resource holds on that side (may be `(known after apply)`)
   * @param side which side of the plan
   */
  public keyOf(rc: TerraformResourceChange, name: string, side: 'before' | 'after'): string {
    if (rc.type === 'aws_elb') return rc.address;
    const target = this.references.get(configAddress(rc));
    if (target) {
      const candidates = this.elbs.filter((e) => configAddress(e) === target);
      if (candidates.length === 1) return candidates[0].address;
      const byName = candidates.find((e) => nameOn(e, side) === name);
      if (byName) return byName.address;
    }
    if (name && name !== UNKNOWN_VALUE) {
      const byName = this.elbs.find((e) => nameOn(e, side) === name);
      if (byName) return byName.address;
    }
    return name;
  }
}

function nameOn(rc: TerraformResourceChange, side: 'before' | 'after'): unknown {
  return (side === 'before' ? priorValue(rc) : plannedValue(rc))?.name;
}
