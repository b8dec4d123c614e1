import { DeployErrors } from '../errors';
import { DeployPlan, PLAN_FORMAT_VERSION, PLAN_KIND } from './deploy-plan';
import { verifyPlanDigest } from './plan-digest';
import { mayHoldSecrets, redactAll, redactSecrets } from './redaction';

/**
 * Writes a plan as JSON text (stable two-space indentation, secrets redacted), the form
 * `seclb plan --format json --out FILE` saves and `seclb apply FILE` reads back.
 */
export function serializePlan(plan: DeployPlan): string {
  // One pass over a plan of 1,000 documents instead of two: the indented text is scanned for
  // secrets (the scan reads it as it reads the compact text) and written again only when redacted.
  const text = JSON.stringify(plan, null, 2);
  return `${mayHoldSecrets(text) ? JSON.stringify(redactAll(plan), null, 2) : text}\n`;
}

/**
 * Reads a plan written by `serializePlan`, checking its kind and format version, its digest when
 * it carries one (`sealPlan`; a plan file to apply must carry one: see `verifyPlanDigest`), and
 * redacting secrets again in case the file was edited.
 *
 * @param text the file's content
 * @param source the file name, for error messages
 * @throws DeployError SECLB_DEPLOY_PLAN_FORMAT when it is not a seclb plan, SECLB_DEPLOY_PLAN_VERSION when its version differs,
 *   SECLB_DEPLOY_PLAN_TAMPERED when its content does not match its digest
 */
export function parsePlan(text: string, source: string = 'plan'): DeployPlan {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw DeployErrors.planFormat(source, `it is not JSON (${(e as Error).message})`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw DeployErrors.planFormat(source, 'it is not a JSON object');
  }
  const plan = value as Record<string, unknown>;
  if (plan.kind !== PLAN_KIND) throw DeployErrors.planFormat(source, `its kind is ${JSON.stringify(plan.kind)}, not '${PLAN_KIND}'`);
  if (plan.formatVersion !== PLAN_FORMAT_VERSION) throw DeployErrors.planVersion(source, plan.formatVersion, PLAN_FORMAT_VERSION);
  for (const member of ['loadBalancers', 'serverCertificates']) {
    if (!Array.isArray(plan[member])) throw DeployErrors.planFormat(source, `its '${member}' is not a list`);
  }
  if (typeof plan.summary !== 'object' || plan.summary === null) throw DeployErrors.planFormat(source, 'it has no summary');
  if (plan.digest !== undefined) verifyPlanDigest(value as DeployPlan, source);
  return redactSecrets(value as DeployPlan);
}
