import { checkHealthCheckTimeout } from '../../../lib/policy/rules/health-check-timeout';
import { expectOnly } from './expect-finding';

describe('checkHealthCheckTimeout', () => {
  test('accepts a timeout below the interval', () => {
    expect(checkHealthCheckTimeout('healthCheck', 29, 30)).toEqual([]);
  });

  test('rejects a timeout equal to the interval (the style guide example)', () => {
    const f = expectOnly(checkHealthCheckTimeout('healthCheck', 30, 30), 'SECLB_HC_TIMEOUT_NOT_BELOW_INTERVAL',
      /^healthCheck\.timeoutSeconds is 30s but healthCheck\.intervalSeconds is 30s\.$/);
    expect(f.rule).toBe('Classic ELB requires timeout < interval (timeout 2-60s, interval 5-300s).');
    expect(f.fix).toBe('set healthCheck.timeoutSeconds below 30s (e.g. 5s) or raise healthCheck.intervalSeconds.');
  });
});
