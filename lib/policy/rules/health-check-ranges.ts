import { HealthCheckDocument } from '../document/load-balancer-document';
import { Finding, Findings } from '../findings';
import { isIntegerIn, q } from './rule-helpers';

/** Codes of the health-check range rules. */
export const HEALTH_CHECK_RANGE_CODES = {
  INTERVAL: 'SECLB_HC_INTERVAL_OUT_OF_RANGE',
  TIMEOUT: 'SECLB_HC_TIMEOUT_OUT_OF_RANGE',
  THRESHOLD: 'SECLB_HC_THRESHOLD_OUT_OF_RANGE',
} as const;

/**
 * Health-check numbers stay in ELB's ranges: interval 5-300 s, timeout 2-60 s, healthy and
 * unhealthy thresholds 2-10 (ConfigureHealthCheck).
 */
export function checkHealthCheckRanges(path: string, healthCheck: HealthCheckDocument): Finding[] {
  const findings: Finding[] = [];
  const range = (field: string, value: number, min: number, max: number, unit: string, code: string, example: number) => {
    if (isIntegerIn(value, min, max)) return;
    findings.push(Findings.error(code, `${path}.${field}`, q(value),
      `${path}.${field} is ${q(value)}${unit}, which is not a whole number from ${min} to ${max}.`,
      'Classic ELB health checks take an interval of 5-300s, a timeout of 2-60s (below the interval) and thresholds of 2-10.',
      `set ${path}.${field} to a value from ${min} to ${max}${unit} (ELB's default is ${example}${unit}).`));
  };
  range('intervalSeconds', healthCheck.intervalSeconds, 5, 300, 's', HEALTH_CHECK_RANGE_CODES.INTERVAL, 30);
  range('timeoutSeconds', healthCheck.timeoutSeconds, 2, 60, 's', HEALTH_CHECK_RANGE_CODES.TIMEOUT, 5);
  range('healthyThreshold', healthCheck.healthyThreshold, 2, 10, '', HEALTH_CHECK_RANGE_CODES.THRESHOLD, 10);
  range('unhealthyThreshold', healthCheck.unhealthyThreshold, 2, 10, '', HEALTH_CHECK_RANGE_CODES.THRESHOLD, 2);
  return findings;
}
