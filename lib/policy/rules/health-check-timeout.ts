import { Finding, Findings } from '../findings';

/** Codes of the timeout-below-interval rule. */
export const HEALTH_CHECK_TIMEOUT_CODES = {
  NOT_BELOW_INTERVAL: 'SECLB_HC_TIMEOUT_NOT_BELOW_INTERVAL',
} as const;

/** The health-check timeout is less than the interval (ConfigureHealthCheck). */
export function checkHealthCheckTimeout(path: string, timeoutSeconds: number, intervalSeconds: number): Finding[] {
  if (typeof timeoutSeconds !== 'number' || typeof intervalSeconds !== 'number') return [];
  if (timeoutSeconds < intervalSeconds) return [];
  const example = Math.max(2, Math.min(5, intervalSeconds - 1));
  return [Findings.error(HEALTH_CHECK_TIMEOUT_CODES.NOT_BELOW_INTERVAL, `${path}.timeoutSeconds`, String(timeoutSeconds),
    `${path}.timeoutSeconds is ${timeoutSeconds}s but ${path}.intervalSeconds is ${intervalSeconds}s.`,
    'Classic ELB requires timeout < interval (timeout 2-60s, interval 5-300s).',
    `set ${path}.timeoutSeconds below ${intervalSeconds}s (e.g. ${example}s) or raise ${path}.intervalSeconds.`)];
}
