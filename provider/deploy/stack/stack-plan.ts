import { ObjectOwner } from '../../../lib/policy/ownership/object-owner';
import { AppliedRecord } from '../apply/applied-record';
import { destroyScope, LeftObject } from '../apply/destroy-scope';
import { readLiveState } from '../apply/live-state';
import { resolveDesiredState } from '../desired/desired-state';
import { checkListenerPortClashes } from '../desired/listener-port-clashes';
import { LocalStack } from '../desired/local-stack';
import { planDeployment } from '../diff/deployment-diff';
import { DeploymentState } from '../diff/deployment-state';
import { EngineAdminClient } from '../engine-client/engine-admin-client';
import { DeployPlan } from '../plan/deploy-plan';

/** A stack read from disk, and the engine it deploys to: what a plan of the stack starts from. */
export interface StackToPlan {
  /** The stack name (the applied record and the plan carry it). */
  readonly stack: string;
  /** Its cdk.tf.json (for messages). */
  readonly file: string;
  /** The stack, read (desired state, certificate material, attachments, local mapping). */
  readonly local: LocalStack;
  /** The engine's state directory (where the stack's applied record lives). */
  readonly stateDirectory: string;
  /** The admin client, already writing as the front end's owner. */
  readonly client: EngineAdminClient;
}

/** What a plan of a stack decided, besides the plan itself. */
export interface StackPlan {
  /** The plan. */
  readonly plan: DeployPlan;
  /** What the stack applied last, if ever. */
  readonly lastApplied?: DeploymentState;
  /** Load balancers the stack only attaches policies to (apply only). */
  readonly attached: string[];
  /** A destroy: declared objects it leaves because another tool or stack owns them. */
  readonly left?: LeftObject[];
}

/** How to plan: apply (the default) or destroy, and for a destroy, whose objects it may delete. */
export interface StackPlanOptions {
  /** `apply` plans the stack's desired state; `destroy` plans the deletion of what it declares. @default 'apply' */
  readonly mode?: 'apply' | 'destroy';
  /** The owner the front end writes as (a destroy deletes only its objects). */
  readonly owner: ObjectOwner;
  /** A destroy also deletes declared objects other owners created. @default false */
  readonly forceOwner?: boolean;
}

/**
 * The deploy core's planning rules for one stack against one engine:
 * - apply: two load balancers on one local port are refused before anything is written; drift is
 *   judged against what this stack applied last; before its first apply only what the stack
 *   declares is compared, so load balancers and certificates of other stacks on the same engine
 *   are never planned for deletion; the local target's mapping travels with the plan;
 * - destroy: only what the stack declares and its owner created (`destroyScope`), the rest listed as left.
 */
export async function planStackDeployment(stack: StackToPlan, options: StackPlanOptions): Promise<StackPlan> {
  const lastApplied = AppliedRecord.read(stack.stateDirectory, stack.stack);
  const live = await readLiveState(stack.client, lastApplied);
  if (options.mode === 'destroy') {
    const scope = destroyScope(live, {
      loadBalancers: new Set(stack.local.desired.loadBalancers.map((d) => d.name)),
      serverCertificates: new Set(stack.local.certificates.map((c) => c.name)),
      owner: options.owner,
      forceOwner: options.forceOwner,
    });
    const plan = planDeployment({ loadBalancers: [], serverCertificates: [] }, scope.state, { stack: stack.stack });
    return { plan, lastApplied, attached: [], left: scope.left };
  }
  checkListenerPortClashes(stack.local.desired.loadBalancers, live.documents.values());
  const resolved = resolveDesiredState(stack.local, live.documents, stack.file, live.state.serverCertificates);
  const declaredNames = new Set(resolved.desired.loadBalancers.map((d) => d.name));
  const declaredCerts = new Set((resolved.desired.serverCertificates ?? []).map((c) => c.name));
  const computed = lastApplied
    ? planDeployment(resolved.desired, live.state, { lastApplied, stack: stack.stack })
    : planDeployment(resolved.desired, declaredOnly(live.state, declaredNames, declaredCerts), { stack: stack.stack });
  const { mapping } = stack.local;
  const mapped = mapping.loadBalancers.length > 0 || mapping.standInCertificates.length > 0;
  const plan = mapped ? { ...computed, localMapping: mapping } : computed;
  return { plan, lastApplied, attached: resolved.attached };
}

/** What a plan file applies with: the stack's last applied record and the load balancers it attaches to. */
export function stackPlanForFile(stack: StackToPlan, plan: DeployPlan): StackPlan {
  return {
    plan,
    lastApplied: AppliedRecord.read(stack.stateDirectory, stack.stack),
    attached: stack.local.policyAttachments.map((a) => a.loadBalancerName),
  };
}

/** First-apply scoping: the live state narrowed to what the stack declares. */
function declaredOnly(state: DeploymentState, names: Set<string>, certs: Set<string>): DeploymentState {
  return {
    loadBalancers: state.loadBalancers.filter((d) => names.has(d.name)),
    serverCertificates: (state.serverCertificates ?? []).filter((c) => certs.has(c.name)),
    revisions: Object.fromEntries(Object.entries(state.revisions ?? {}).filter(([n]) => names.has(n))),
  };
}
