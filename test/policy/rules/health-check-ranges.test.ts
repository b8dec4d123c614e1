import { checkHealthCheckRanges } from '../../../lib/policy/rules/health-check-ranges';
import { expectOnly } from './expect-finding';

const ok = { target: 'TCP:80', intervalSeconds: 30, timeoutSeconds: 5, healthyThreshold: 10, unhealthyThreshold: 2 };

describe('checkHealthCheckRanges', () => {
  test("accepts ELB's defaults and the range ends", () => {
    expect(checkHealthCheckRanges('healthCheck', ok)).toEqual([]);
    expect(checkHealthCheckRanges('healthCheck', { ...ok, intervalSeconds: 300, timeoutSeconds: 60, healthyThreshold: 2, unhealthyThreshold: 10 })).toEqual([]);
  });

  test('rejects an interval of 4s', () => {
    expectOnly(checkHealthCheckRanges('healthCheck', { ...ok, intervalSeconds: 4 }), 'SECLB_HC_INTERVAL_OUT_OF_RANGE',
      /^healthCheck\.intervalSeconds is 4s, which is not a whole number from 5 to 300\.$/);
  });

  test('rejects a timeout of 61s', () => {
    expectOnly(checkHealthCheckRanges('healthCheck', { ...ok, timeoutSeconds: 61 }), 'SECLB_HC_TIMEOUT_OUT_OF_RANGE', /^healthCheck\.timeoutSeconds is 61s/);
  });

  test('rejects a healthy threshold of 11 and an unhealthy threshold of 1', () => {
    const findings = checkHealthCheckRanges('healthCheck', { ...ok, healthyThreshold: 11, unhealthyThreshold: 1 });
    expect(findings.map((f) => [f.code, f.path])).toEqual([
      ['SECLB_HC_THRESHOLD_OUT_OF_RANGE', 'healthCheck.healthyThreshold'],
      ['SECLB_HC_THRESHOLD_OUT_OF_RANGE', 'healthCheck.unhealthyThreshold'],
    ]);
    expect(findings[0].message).toMatch(/^healthCheck\.healthyThreshold is 11, which is not a whole number from 2 to 10\.$/);
  });
});
