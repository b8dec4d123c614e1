import { Finding, Findings } from '../findings';
import { isIntegerIn, q } from './rule-helpers';

/** Codes of the connection draining rule. */
export const CONNECTION_DRAINING_CODES = {
  TIMEOUT_OUT_OF_RANGE: 'SECLB_DRAINING_TIMEOUT_OUT_OF_RANGE',
} as const;

/** The connection draining timeout is 1-3600 s (checked whether or not draining is enabled). */
export function checkConnectionDraining(path: string, timeoutSeconds: number): Finding[] {
  if (isIntegerIn(timeoutSeconds, 1, 3600)) return [];
  return [Findings.error(CONNECTION_DRAINING_CODES.TIMEOUT_OUT_OF_RANGE, `${path}.timeoutSeconds`, q(timeoutSeconds),
    `${path}.timeoutSeconds is ${q(timeoutSeconds)}s, which is not a whole number of seconds from 1 to 3600.`,
    'Classic ELB waits 1-3600 seconds for in-flight requests when draining (ConnectionDraining.Timeout).',
    `set ${path}.timeoutSeconds to a value from 1 to 3600 (ELB's default is 300).`)];
}
