import { checkListenerPorts } from '../../../lib/policy/rules/listener-ports';
import { expectOnly } from './expect-finding';

describe('checkListenerPorts', () => {
  test('accepts 1 and 65535', () => {
    expect(checkListenerPorts('listeners[0]', 1, 65535)).toEqual([]);
  });

  test('rejects a load balancer port of 0', () => {
    const f = expectOnly(checkListenerPorts('listeners[0]', 0, 80), 'SECLB_LISTENER_PORT_OUT_OF_RANGE',
      /^listeners\[0\]\.loadBalancerPort is 0, which is not a port from 1 to 65535\.$/);
    expect(f.path).toBe('listeners[0].loadBalancerPort');
  });

  test('rejects an instance port of 65536', () => {
    expectOnly(checkListenerPorts('listeners[1]', 443, 65536), 'SECLB_LISTENER_PORT_OUT_OF_RANGE', /^listeners\[1\]\.instancePort is 65536/);
  });

  test('rejects a fractional port', () => {
    expectOnly(checkListenerPorts('listeners[1]', 80.5, 80), 'SECLB_LISTENER_PORT_OUT_OF_RANGE', /loadBalancerPort is 80\.5/);
  });
});
