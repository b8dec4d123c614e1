import { readFileSync } from 'fs';
import { readLocalStack } from '../deploy/desired/local-stack';
import { readProviderSettings } from '../deploy/desired/provider-settings';
import { ValidatedDocuments } from '../deploy/desired/validated-documents';
import { connectToEngine } from '../deploy/engine-client/engine-connection';
import { planStackDeployment, StackPlan, StackToPlan } from '../deploy/stack/stack-plan';
import { ObjectOwner } from '../../lib/policy/ownership/object-owner';
import { CommandContext } from './context';
import { CliErrors } from './errors';
import { locateStack } from './project';

/** A stack read from disk with the engine it deploys to (what the deploy core plans from). */
export interface StackSession extends StackToPlan {}

/** A plan with what apply needs next to it (the deploy core's `StackPlan`). */
export interface PlannedStack extends StackSession, StackPlan {}

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
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw CliErrors.file(file, 'read', (e as Error).message);
  }
  const stateDirectory = ctx.stateDirectory(readProviderSettings(json).stateDirectory);
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
 * Desired (the stack) against live (the engine), by the deploy core's planning rules
 * (`planStackDeployment`: first-apply scoping, port clashes, the destroy scope), as `seclb-cli`.
 */
export async function planStack(session: StackSession, mode: 'apply' | 'destroy' = 'apply', options: { forceOwner?: boolean } = {}): Promise<PlannedStack> {
  const planned = await planStackDeployment(session, { mode, owner: cliOwner(session.stack), forceOwner: options.forceOwner });
  return { ...session, ...planned };
}
