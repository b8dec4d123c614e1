/**
 * The registry of the codes the deployment-target choice raises (the local target's own codes are
 * in `local/local-target-errors.ts`). Never reuse or rename one; documented in docs/errors.md,
 * "Construct and target codes". Internal to the package.
 */
export const TARGET_CODES = {
  /** The app context `seclb:target` names no deployment target. */
  UNKNOWN: 'SECLB_TARGET_UNKNOWN',
} as const;
