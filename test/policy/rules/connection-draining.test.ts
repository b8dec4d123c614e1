import { checkConnectionDraining } from '../../../lib/policy/rules/connection-draining';
import { expectOnly } from './expect-finding';

describe('checkConnectionDraining', () => {
  test.each([1, 300, 3600])('accepts %ss', (s) => {
    expect(checkConnectionDraining('connectionDraining', s)).toEqual([]);
  });

  test('rejects 3601s', () => {
    expectOnly(checkConnectionDraining('connectionDraining', 3601), 'SECLB_DRAINING_TIMEOUT_OUT_OF_RANGE',
      /^connectionDraining\.timeoutSeconds is 3601s, which is not a whole number of seconds from 1 to 3600\.$/);
  });
});
