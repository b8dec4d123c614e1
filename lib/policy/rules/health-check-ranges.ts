import { fieldDefault, fieldKey, fieldRange, fieldsUnder } from '../document/document-fields';
import { HealthCheckDocument } from '../document/load-balancer-document';
import { Finding, Findings } from '../findings';
import { isIntegerIn, q } from './rule-helpers';

/** Codes of the health-check range rules. */
export const HEALTH_CHECK_RANGE_CODES = {
  INTERVAL: 'SECLB_HC_INTERVAL_OUT_OF_RANGE',
  TIMEOUT: 'SECLB_HC_TIMEOUT_OUT_OF_RANGE',
  THRESHOLD: 'SECLB_HC_THRESHOLD_OUT_OF_RANGE',
} as const;

const CODES: { [key: string]: string } = {
  intervalSeconds: HEALTH_CHECK_RANGE_CODES.INTERVAL,
  timeoutSeconds: HEALTH_CHECK_RANGE_CODES.TIMEOUT,
  healthyThreshold: HEALTH_CHECK_RANGE_CODES.THRESHOLD,
  unhealthyThreshold: HEALTH_CHECK_RANGE_CODES.THRESHOLD,
};

/**
 * ELB's health-check ranges as one sentence, from the field table, e.g. "an interval of 5-300s, a
 * timeout of 2-60s (below the interval) and thresholds of 2-10".
 */
export function healthCheckRangesText(): string {
  const interval = fieldRange('healthCheck.intervalSeconds');
  const timeout = fieldRange('healthCheck.timeoutSeconds');
  const threshold = fieldRange('healthCheck.healthyThreshold');
  return `an interval of ${interval.min}-${interval.max}s, a timeout of ${timeout.min}-${timeout.max}s (below the interval) and thresholds of ${threshold.min}-${threshold.max}`;
}

/**
 * Health-check numbers stay in ELB's ranges (ConfigureHealthCheck), as the field table gives them:
 * interval, timeout, healthy and unhealthy thresholds.
 */
export function checkHealthCheckRanges(path: string, healthCheck: HealthCheckDocument): Finding[] {
  const findings: Finding[] = [];
  for (const f of fieldsUnder('healthCheck').filter((x) => x.range)) {
    const field = fieldKey(f);
    const value = (healthCheck as unknown as Record<string, number>)[field];
    const { min, max } = fieldRange(f.path);
    if (isIntegerIn(value, min, max)) continue;
    const unit = f.unit === 'seconds' ? 's' : '';
    findings.push(Findings.error(CODES[field], `${path}.${field}`, q(value),
      `${path}.${field} is ${q(value)}${unit}, which is not a whole number from ${min} to ${max}.`,
      `Classic ELB health checks take ${healthCheckRangesText()}.`,
      `set ${path}.${field} to a value from ${min} to ${max}${unit} (ELB's default is ${fieldDefault(f.path)}${unit}).`));
  }
  return findings;
}
