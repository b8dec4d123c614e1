import { readFileSync } from 'fs';
import { LocalStack, readLocalStack } from '../deploy/desired/local-stack';
import { resolveDesiredState } from '../deploy/desired/desired-state';
import { checkListenerPortClashes } from '../deploy/desired/listener-port-clashes';
import { ValidatedDocuments } from '../deploy/desired/validated-documents';
import { DeploymentState } from '../deploy/diff/deployment-state';
import { planDeployment } from '../deploy/diff/deployment-diff';
import { connectToEngine } from '../deploy/engine-client/engine-connection';
import { EngineAdminClient } from '../deploy/engine-client/engine-admin-client';
import { DeployPlan } from '../deploy/plan/deploy-plan';
import { AppliedRecord } from '../deploy/apply/applied-record';
import { readLiveState } from '../deploy/apply/live-state';
import { destroyScope, LeftObject } from '../deploy/apply/destroy-scope';
import { ObjectOwner } from '../../lib/policy/ownership/object-owner';
import { CommandContext } from './context';
import { CliErrors } from './errors';
import { locateStack } from './project';

/** A stack read from disk with the engine it deploys to. */
export interface StackSession {
  /** The stack name. */
  readonly stack: string;
  /** Its cdk.tf.json. */
  readonly file: string;
  /** The stack, read (desired state and certificate material). */
  readonly local: LocalStack;
  /** The engine's state directory. */
  readonly stateDirectory: string;
  /** The admin client. */
  readonly client: EngineAdminClient;
}

/** A plan with what apply needs next to it. */
export interface PlannedStack extends StackSession {
  /** The plan. */
  readonly plan: DeployPlan;
  /** What the stack applied last, if ever. */
  readonly lastApplied?: DeploymentState;
  /** Load balancers the stack only attaches policies to. */
  readonly attached: string[];
  /** A destroy: declared objects it leaves because another tool or stack owns them. */
  readonly left?: LeftObject[];
}

/** The owner `seclb` writes as for a stack: tool `seclb-cli`, the stack's name (one engine, one stack of that name). */
export function cliOwner(stack: string): ObjectOwner {
  return { tool: 'seclb-cli', stack };
}

/** Opens the stack (synthesizing if needed) and connects to its engine. */
export function openStack(ctx: CommandContext, options: { stack?: string; synth?: boolean }): StackSession {
  const { stack, file, tightened } = locateStack(ctx.project, {
    ...options, ...(ctx.stateDirectoryGiven ? { stateDirectory: ctx.stateDirectory() } : {}),
  });
  if (tightened.length) ctx.output.note(`made ${tightened.length} synthesized path(s) private (owner only): the stacks hold private keys (${tightened[0]}${tightened.length > 1 ? ', ...' : ''})`);
  let json: { provider?: { seclb?: Array<{ state_directory?: unknown }> | { state_directory?: unknown } } };
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw CliErrors.file(file, 'read', (e as Error).message);
  }
  const block = json?.provider?.seclb;
  const declared = (Array.isArray(block) ? block[0] : block)?.state_directory;
  const stateDirectory = ctx.stateDirectory(typeof declared === 'string' ? declared : undefined);
  // Documents validated on an earlier plan of this stack are only JSON-parsed (1,000 unchanged
  // load balancers: ~0.4 s less); the engine validates every write anyway.
  const validated = ValidatedDocuments.load(stateDirectory, stack);
  const local = readLocalStack(json, file, { validated: validated.has });
  validated.save();
  const empty = local.desired.loadBalancers.length === 0 && local.certificates.length === 0 && local.policyAttachments.length === 0;
  if (empty && local.provider.stateDirectory === undefined) throw CliErrors.notLocalStack(stack, file);
  const client = connectToEngine({ stateDirectory, adminAddress: ctx.options.adminAddress ?? local.provider.adminAddress }).as(cliOwner(stack));
  return { stack, file, local, stateDirectory, client };
}

/**
 * Desired (the stack) against live (the engine), with drift against what this stack applied
 * last. Before the first apply, only what the stack declares is compared, so load balancers of
 * other stacks on the same engine are never planned for deletion.
 */
export async function planStack(session: StackSession, mode: 'apply' | 'destroy' = 'apply', options: { forceOwner?: boolean } = {}): Promise<PlannedStack> {
  const lastApplied = AppliedRecord.read(session.stateDirectory, session.stack);
  const live = await readLiveState(session.client, lastApplied);
  if (mode === 'destroy') {
    // Only what the stack declares and its own tool and stack created (see destroyScope).
    const scope = destroyScope(live, {
      loadBalancers: new Set(session.local.desired.loadBalancers.map((d) => d.name)),
      serverCertificates: new Set(session.local.certificates.map((c) => c.name)),
      owner: cliOwner(session.stack),
      forceOwner: options.forceOwner,
    });
    const plan = planDeployment({ loadBalancers: [], serverCertificates: [] }, scope.state, { stack: session.stack });
    return { ...session, plan, lastApplied, attached: [], left: scope.left };
  }
  // Two load balancers on one local port are refused now, not by the engine half-way through apply.
  checkListenerPortClashes(session.local.desired.loadBalancers, live.documents.values());
  const resolved = resolveDesiredState(session.local, live.documents, session.file, live.state.serverCertificates);
  const declaredNames = new Set(resolved.desired.loadBalancers.map((d) => d.name));
  const declaredCerts = new Set((resolved.desired.serverCertificates ?? []).map((c) => c.name));
  const computed = lastApplied
    ? planDeployment(resolved.desired, live.state, { lastApplied, stack: session.stack })
    : planDeployment(resolved.desired, declaredOnly(live.state, declaredNames, declaredCerts), { stack: session.stack });
  const { mapping } = session.local;
  const mapped = mapping.loadBalancers.length > 0 || mapping.standInCertificates.length > 0;
  const plan = mapped ? { ...computed, localMapping: mapping } : computed;
  return { ...session, plan, lastApplied, attached: resolved.attached };
}

function declaredOnly(state: DeploymentState, names: Set<string>, certs: Set<string>): DeploymentState {
  return {
    loadBalancers: state.loadBalancers.filter((d) => names.has(d.name)),
    serverCertificates: (state.serverCertificates ?? []).filter((c) => certs.has(c.name)),
    revisions: Object.fromEntries(Object.entries(state.revisions ?? {}).filter(([n]) => names.has(n))),
  };
}
