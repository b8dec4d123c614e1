import { existsSync, readFileSync } from 'fs';
import { dirname, join } from 'path';
import { DeployPlan, PlanAction } from '../deploy/plan/deploy-plan';
import { capabilitiesFromStatus, enforcementGaps } from '../deploy/plan/enforcement-gaps';
import { PlanInput, sealPlan } from '../deploy/plan/plan-digest';
import { readSynthWarnings, SynthWarning } from '../deploy/plan/synth-warnings';
import { CliErrors } from './errors';
import { StackSession } from './planning';

/** The manifest cdktf writes next to `stacks/`: `<outdir>/manifest.json` for `<outdir>/stacks/NAME/cdk.tf.json`. */
export function manifestFile(stackFile: string): string {
  return join(dirname(stackFile), '..', '..', 'manifest.json');
}

/** The inputs a plan of this session is made from (digested into the plan): the synthesized stack file. */
export function planInputs(session: StackSession): PlanInput[] {
  let text: string;
  try {
    text = readFileSync(session.file, 'utf8');
  } catch (e) {
    throw CliErrors.file(session.file, 'read', (e as Error).message);
  }
  return [{ name: session.file, text }];
}

/**
 * Adds what a reviewer must see to a plan and seals it: the synth-time security warnings from the
 * app's manifest (none recorded when there is no manifest: a stack file written by other means),
 * the enforcement gaps of every desired TLS listener judged with the running engine's own
 * capability report (`GET /v1/status`), and the digest of the result and of the stack file.
 */
export async function reviewPlan(session: StackSession, plan: DeployPlan): Promise<DeployPlan> {
  const manifest = manifestFile(session.file);
  let warnings: SynthWarning[] | undefined;
  if (existsSync(manifest)) {
    let text: string;
    try {
      text = readFileSync(manifest, 'utf8');
    } catch (e) {
      throw CliErrors.file(manifest, 'read', (e as Error).message);
    }
    warnings = readSynthWarnings(text, session.stack, manifest);
  }
  const capabilities = capabilitiesFromStatus(await session.client.status());
  const desired = plan.loadBalancers.filter((lb) => lb.action !== PlanAction.DELETE && lb.desired).map((lb) => lb.desired!);
  const reviewed: DeployPlan = {
    ...plan,
    ...(warnings ? { warnings } : {}),
    ...(capabilities ? { enforcement: enforcementGaps(desired, capabilities) } : {}),
  };
  return sealPlan(reviewed, planInputs(session));
}
