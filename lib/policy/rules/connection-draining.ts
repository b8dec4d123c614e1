import { fieldDefault, fieldRange } from '../document/document-fields';
import { Finding, Findings } from '../findings';
import { isIntegerIn, q } from './rule-helpers';

/** Codes of the connection draining rule. */
export const CONNECTION_DRAINING_CODES = {
  TIMEOUT_OUT_OF_RANGE: 'SECLB_DRAINING_TIMEOUT_OUT_OF_RANGE',
} as const;

/** The connection draining timeout is in the field table's range, 1-3600 s (checked whether or not draining is enabled). */
export function checkConnectionDraining(path: string, timeoutSeconds: number): Finding[] {
  const { min, max } = fieldRange('connectionDraining.timeoutSeconds');
  if (isIntegerIn(timeoutSeconds, min, max)) return [];
  return [Findings.error(CONNECTION_DRAINING_CODES.TIMEOUT_OUT_OF_RANGE, `${path}.timeoutSeconds`, q(timeoutSeconds),
    `${path}.timeoutSeconds is ${q(timeoutSeconds)}s, which is not a whole number of seconds from ${min} to ${max}.`,
    `Classic ELB waits ${min}-${max} seconds for in-flight requests when draining (ConnectionDraining.Timeout).`,
    `set ${path}.timeoutSeconds to a value from ${min} to ${max} (ELB's default is ${fieldDefault('connectionDraining.timeoutSeconds')}).`)];
}
