import { checkInstancePortSecurity } from '../../../lib/policy/rules/instance-port-security';
import { expectOnly } from './expect-finding';
import { listener } from './listener-fixtures';

describe('checkInstancePortSecurity', () => {
  test('accepts listeners that agree on a secure back end', () => {
    expect(checkInstancePortSecurity('listeners', [listener(443, 'HTTPS', 8443, 'HTTPS'), listener(8443, 'SSL', 8443, 'SSL')])).toEqual([]);
  });

  test('rejects a plain and a secure back end on one instance port', () => {
    const f = expectOnly(checkInstancePortSecurity('listeners', [listener(80, 'HTTP', 8080, 'HTTP'), listener(443, 'HTTPS', 8080, 'HTTPS')]),
      'SECLB_LISTENER_INSTANCE_PORT_SECURITY_MISMATCH',
      /^listeners\[1\]\.instanceProtocol is 'HTTPS' but listeners\[0\] reaches the same instance port 8080 with 'HTTP'\.$/);
    expect(f.fix).toMatch(/HTTP or TCP/);
  });
});
