import { checkLoadBalancerName } from '../../../lib/policy/rules/load-balancer-name';
import { expectOnly } from './expect-finding';

describe('checkLoadBalancerName', () => {
  test.each(['my-loadbalancer', 'a', 'A1', 'x'.repeat(32)])('accepts %s', (name) => {
    expect(checkLoadBalancerName('name', name)).toEqual([]);
  });

  test('rejects a leading hyphen', () => {
    const f = expectOnly(checkLoadBalancerName('name', '-web'), 'SECLB_LB_NAME_INVALID', /^name is '-web', which begins or ends with a hyphen\.$/);
    expect(f.fix).toBe("use a name such as 'web'.");
  });

  test('rejects 33 characters', () => {
    expectOnly(checkLoadBalancerName('name', 'x'.repeat(33)), 'SECLB_LB_NAME_INVALID', /which is 33 characters long/);
  });

  test('rejects underscores and suggests hyphens', () => {
    const f = expectOnly(checkLoadBalancerName('name', 'my_lb'), 'SECLB_LB_NAME_INVALID', /other than letters, digits and hyphens/);
    expect(f.fix).toBe("use a name such as 'my-lb'.");
  });

  test('rejects an empty name', () => {
    expectOnly(checkLoadBalancerName('name', ''), 'SECLB_LB_NAME_INVALID', /^name is '', which is empty\.$/);
  });
});
