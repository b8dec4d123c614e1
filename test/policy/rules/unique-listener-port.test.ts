import { checkUniqueListenerPorts } from '../../../lib/policy/rules/unique-listener-port';
import { expectOnly } from './expect-finding';
import { listener } from './listener-fixtures';

describe('checkUniqueListenerPorts', () => {
  test('accepts one listener per port', () => {
    expect(checkUniqueListenerPorts('listeners', [listener(80, 'HTTP', 80, 'HTTP'), listener(443, 'HTTPS', 80, 'HTTP')])).toEqual([]);
  });

  test('rejects two listeners on port 80', () => {
    expectOnly(checkUniqueListenerPorts('listeners', [listener(80, 'HTTP', 80, 'HTTP'), listener(80, 'TCP', 81, 'TCP')]),
      'SECLB_LISTENER_DUPLICATE_PORT', /^listeners\[1\]\.loadBalancerPort is 80, which listeners\[0\] already listens on\.$/);
  });
});
