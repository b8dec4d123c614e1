import { Severity } from '../../../lib/policy/findings';
import { checkIdleTimeout } from '../../../lib/policy/rules/idle-timeout';
import { expectOnly } from './expect-finding';

describe('checkIdleTimeout', () => {
  test.each([1, 60, 3600])('accepts %ss', (s) => {
    expect(checkIdleTimeout('idleTimeoutSeconds', s)).toEqual([]);
  });

  test('rejects 0s and 4001s', () => {
    expectOnly(checkIdleTimeout('idleTimeoutSeconds', 0), 'SECLB_IDLE_TIMEOUT_OUT_OF_RANGE', /^idleTimeoutSeconds is 0s, which is not a whole number of seconds from 1 to 4000\.$/);
    expectOnly(checkIdleTimeout('idleTimeoutSeconds', 4001), 'SECLB_IDLE_TIMEOUT_OUT_OF_RANGE', /is 4001s/);
  });

  test('warns between 3601s and 4000s (botocore caps at 3600)', () => {
    expectOnly(checkIdleTimeout('idleTimeoutSeconds', 4000), 'SECLB_IDLE_TIMEOUT_ABOVE_SDK_MAXIMUM',
      /^idleTimeoutSeconds is 4000s, above the 3600s maximum/, Severity.WARNING);
  });
});
