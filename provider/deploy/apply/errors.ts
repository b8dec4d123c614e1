import { DeployError } from '../errors';

/**
 * Error codes of apply orchestration (`provider/deploy/apply/`). Never reuse or rename one; the
 * code also leads every message, which names the thing, the value, the rule and the fix.
 */
export const APPLY_CODES = {
  /** The plan is a Terraform preview, which seclb cannot apply. */
  NOT_APPLICABLE: 'SECLB_DEPLOY_APPLY_NOT_APPLICABLE',
  /** The synthesized certificate material no longer matches the plan (re-synthesized since). */
  MATERIAL_CHANGED: 'SECLB_DEPLOY_APPLY_MATERIAL_CHANGED',
  /** The plan names a certificate the synthesized stack does not hold. */
  MATERIAL_MISSING: 'SECLB_DEPLOY_APPLY_MATERIAL_MISSING',
  /** The engine refused one write of the apply. */
  WRITE_REFUSED: 'SECLB_DEPLOY_APPLY_WRITE_REFUSED',
  /** The applied-state record cannot be read. */
  RECORD_FORMAT: 'SECLB_DEPLOY_APPLY_RECORD_FORMAT',
  /** A destroy leaves an object because another tool or stack owns it (a notice, not a failure). */
  OWNED_ELSEWHERE: 'SECLB_DEPLOY_APPLY_OWNED_ELSEWHERE',
} as const;

/** Factories of the apply errors. */
export const ApplyErrors = {
  /** A Terraform preview given to apply. */
  notApplicable(source: string): DeployError {
    return new DeployError(APPLY_CODES.NOT_APPLICABLE,
      `the plan ${source} comes from a Terraform plan (source 'terraform'), which seclb cannot apply.\n`
      + '  Rule: seclb applies plans it computed against the local engine; AWS plans are applied by Terraform.\n'
      + '  Fix: run `terraform apply` (or `cdktf deploy`) for the AWS target, or `seclb plan --out FILE` for the local engine.', source);
  },
  /** Certificate material differs from what the plan was computed with. */
  materialChanged(name: string, planned: string, found: string): DeployError {
    return new DeployError(APPLY_CODES.MATERIAL_CHANGED,
      `server certificate '${name}' in the synthesized stack has fingerprint ${found.slice(0, 16)}…, but the plan was computed with ${planned.slice(0, 16)}….\n`
      + '  Rule: apply uploads exactly the certificates the plan showed; the stack was synthesized again since the plan.\n'
      + '  Fix: run `seclb plan` again and apply the new plan.', `serverCertificates[${name}]`);
  },
  /** The plan needs a certificate that is not in the stack. */
  materialMissing(name: string): DeployError {
    return new DeployError(APPLY_CODES.MATERIAL_MISSING,
      `the plan uploads server certificate '${name}', but the synthesized stack holds no seclb_server_certificate of that name.\n`
      + '  Rule: the private key is never written into a plan; apply reads it from the synthesized stack the plan was made from.\n'
      + '  Fix: run `seclb plan` again against the current synthesized stack and apply the new plan.', `serverCertificates[${name}]`);
  },
  /** The engine refused a write: says what had been applied before it. */
  writeRefused(what: string, cause: string, done: string[]): DeployError {
    return new DeployError(APPLY_CODES.WRITE_REFUSED,
      `the engine refused ${what}: ${cause}\n`
      + `  Rule: each load balancer is written atomically (all of it or nothing); writes before it stay applied${done.length ? ` (${done.join(', ')})` : ' (none)'}.\n`
      + '  Fix: correct the cause above, then run `seclb plan` and `seclb apply` again.', what);
  },
  /** The notice for an object a destroy leaves to its owner (reported, not thrown). */
  ownedElsewhere(kind: string, name: string, owner: string, requester: string): DeployError {
    return new DeployError(APPLY_CODES.OWNED_ELSEWHERE,
      `${kind} '${name}' is left on the engine: it belongs to ${owner}, not to ${requester}.\n`
      + '  Rule: a destroy deletes only what its own tool and stack created; an object whose owner is not on record is left too.\n'
      + '  Fix: nothing, if its owner still uses it; otherwise destroy it from its owner, or repeat with `--force-owner` once that owner is gone.', name);
  },
  /** A broken applied-state record. */
  recordFormat(file: string, reason: string): DeployError {
    return new DeployError(APPLY_CODES.RECORD_FORMAT,
      `the applied-state record ${file} ${reason}.\n`
      + '  Rule: seclb records what it applied per stack there, to tell drift from your own changes.\n'
      + '  Fix: delete the file (the next plan then treats all live state of the stack as yours) and plan again.', file);
  },
};
