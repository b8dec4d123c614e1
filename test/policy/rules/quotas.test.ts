import { checkQuotas } from '../../../lib/policy/rules/quotas';
import { expectOnly } from './expect-finding';

describe('checkQuotas', () => {
  test('accepts 100 listeners and 1000 instances', () => {
    expect(checkQuotas('listeners', 100, 'instances', 1000)).toEqual([]);
  });

  test('rejects no listener', () => {
    expectOnly(checkQuotas('listeners', 0, 'instances', 0), 'SECLB_LISTENERS_EMPTY', /^listeners is empty\.$/);
  });

  test('rejects 101 listeners', () => {
    expectOnly(checkQuotas('listeners', 101, 'instances', 0), 'SECLB_TOO_MANY_LISTENERS', /^listeners has 101 listeners\.$/);
  });

  test('rejects 1001 instances', () => {
    expectOnly(checkQuotas('listeners', 1, 'instances', 1001), 'SECLB_TOO_MANY_INSTANCES', /^instances has 1001 instances\.$/);
  });
});
