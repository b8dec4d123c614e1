import { createHash } from 'crypto';
import { DeployErrors } from '../errors';
import { DeployPlan } from './deploy-plan';
import { redactSecrets } from './redaction';

import type { PlanDigest } from './plan-digest-value';

export type { PlanDigest };

/** One input of a plan: a file's name (for messages only) and its exact content. */
export interface PlanInput {
  /** The file's name. */
  readonly name: string;
  /** Its content, as read. */
  readonly text: string;
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** The digest of a plan's inputs: SHA-256 over each input's length and content, so their boundaries count too. */
export function inputsDigest(inputs: PlanInput[]): string {
  return sha256(inputs.map((i) => `${Buffer.byteLength(i.text, 'utf8')}\n${i.text}`).join('\n'));
}

function contentDigest(plan: DeployPlan): string {
  const { digest: _ignored, ...rest } = plan;
  return sha256(JSON.stringify(rest));
}

/**
 * Seals a plan: redacts it (so the file written is exactly what was digested) and adds `digest`,
 * over its content and the inputs it was made from. Sealing twice replaces the earlier digest.
 */
export function sealPlan(plan: DeployPlan, inputs: PlanInput[]): DeployPlan {
  const { digest: _old, ...unsealed } = redactSecrets(plan);
  return { ...unsealed, digest: { algorithm: 'sha256', content: contentDigest(unsealed), inputs: inputsDigest(inputs) } };
}

/**
 * Checks a plan read from a file against the digest it carries.
 *
 * @param plan the plan as parsed (members in the file's order)
 * @param source the file name, for messages
 * @param inputs when given, the inputs as they are now: they must have the digest the plan recorded
 * @throws DeployError SECLB_DEPLOY_PLAN_TAMPERED (no digest, or content differs),
 *   SECLB_DEPLOY_PLAN_INPUTS_CHANGED (the synthesized stack changed since)
 */
export function verifyPlanDigest(plan: DeployPlan, source: string, inputs?: PlanInput[]): void {
  const digest = plan.digest as Partial<PlanDigest> | undefined;
  if (!digest || typeof digest !== 'object' || typeof digest.content !== 'string' || typeof digest.inputs !== 'string') {
    throw DeployErrors.planTampered(source, 'carries no digest (digest.content and digest.inputs)');
  }
  if (digest.algorithm !== 'sha256') throw DeployErrors.planTampered(source, `has digest algorithm ${JSON.stringify(digest.algorithm)}, not 'sha256'`);
  const actual = contentDigest(plan);
  if (actual !== digest.content) {
    throw DeployErrors.planTampered(source, `has content with digest sha256:${actual}, but its digest.content says sha256:${digest.content}: it was modified after seclb plan wrote it`);
  }
  if (inputs) {
    const now = inputsDigest(inputs);
    if (now !== digest.inputs) throw DeployErrors.planInputsChanged(source, digest.inputs, now);
  }
}
