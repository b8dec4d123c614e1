import { fieldDefault, fieldRange } from '../document/document-fields';
import { Finding, Findings } from '../findings';

/** Codes of the timeout-below-interval rule. */
export const HEALTH_CHECK_TIMEOUT_CODES = {
  NOT_BELOW_INTERVAL: 'SECLB_HC_TIMEOUT_NOT_BELOW_INTERVAL',
} as const;

/** The health-check timeout is less than the interval (ConfigureHealthCheck). */
export function checkHealthCheckTimeout(path: string, timeoutSeconds: number, intervalSeconds: number): Finding[] {
  if (typeof timeoutSeconds !== 'number' || typeof intervalSeconds !== 'number') return [];
  if (timeoutSeconds < intervalSeconds) return [];
  const timeout = fieldRange('healthCheck.timeoutSeconds');
  const interval = fieldRange('healthCheck.intervalSeconds');
  const example = Math.max(timeout.min, Math.min(fieldDefault<number>('healthCheck.timeoutSeconds'), intervalSeconds - 1));
  return [Findings.error(HEALTH_CHECK_TIMEOUT_CODES.NOT_BELOW_INTERVAL, `${path}.timeoutSeconds`, String(timeoutSeconds),
    `${path}.timeoutSeconds is ${timeoutSeconds}s but ${path}.intervalSeconds is ${intervalSeconds}s.`,
    `Classic ELB requires timeout < interval (timeout ${timeout.min}-${timeout.max}s, interval ${interval.min}-${interval.max}s).`,
    `set ${path}.timeoutSeconds below ${intervalSeconds}s (e.g. ${example}s) or raise ${path}.intervalSeconds.`)];
}
