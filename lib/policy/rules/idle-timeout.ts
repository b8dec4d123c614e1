import { fieldDefault, fieldRange } from '../document/document-fields';
import { Finding, Findings } from '../findings';
import { isIntegerIn, q } from './rule-helpers';

/** Codes of the idle timeout rule. */
export const IDLE_TIMEOUT_CODES = {
  OUT_OF_RANGE: 'SECLB_IDLE_TIMEOUT_OUT_OF_RANGE',
  ABOVE_SDK_MAXIMUM: 'SECLB_IDLE_TIMEOUT_ABOVE_SDK_MAXIMUM',
} as const;

/** Largest idle timeout the ELB guide, the console and Terraform accept, in seconds (the field table's). */
export const MAX_IDLE_TIMEOUT_SECONDS: number = fieldRange('idleTimeoutSeconds').max;
/** Largest idle timeout in botocore's API model, in seconds. */
export const SDK_MAX_IDLE_TIMEOUT_SECONDS = 3600;

/**
 * The idle timeout is 1-4000 s. Sources disagree on the maximum (guide and Terraform: 4000;
 * botocore's model: 3600), so this rule never rejects what the console accepts: 1-4000 passes,
 * and 3601-4000 adds a warning that SDK-side validation may refuse it.
 */
export function checkIdleTimeout(path: string, idleTimeoutSeconds: number): Finding[] {
  const { min } = fieldRange('idleTimeoutSeconds');
  if (!isIntegerIn(idleTimeoutSeconds, min, MAX_IDLE_TIMEOUT_SECONDS)) {
    return [Findings.error(IDLE_TIMEOUT_CODES.OUT_OF_RANGE, path, q(idleTimeoutSeconds),
      `${path} is ${q(idleTimeoutSeconds)}s, which is not a whole number of seconds from ${min} to ${MAX_IDLE_TIMEOUT_SECONDS}.`,
      `Classic ELB's idle timeout (ConnectionSettings.IdleTimeout) is ${min}-${MAX_IDLE_TIMEOUT_SECONDS} seconds.`,
      `set ${path} to a value from ${min} to ${MAX_IDLE_TIMEOUT_SECONDS} (ELB's default is ${fieldDefault('idleTimeoutSeconds')}).`)];
  }
  if (idleTimeoutSeconds > SDK_MAX_IDLE_TIMEOUT_SECONDS) {
    return [Findings.warning(IDLE_TIMEOUT_CODES.ABOVE_SDK_MAXIMUM, path, String(idleTimeoutSeconds),
      `${path} is ${idleTimeoutSeconds}s, above the ${SDK_MAX_IDLE_TIMEOUT_SECONDS}s maximum in the AWS SDK's model of the ELB API.`,
      `The ELB guide, the console and Terraform allow up to ${MAX_IDLE_TIMEOUT_SECONDS}s, but SDKs that validate against botocore's model cap IdleTimeout at ${SDK_MAX_IDLE_TIMEOUT_SECONDS}s.`,
      `keep it if your tooling accepts it; otherwise set ${path} to ${SDK_MAX_IDLE_TIMEOUT_SECONDS} or less.`)];
  }
  return [];
}
