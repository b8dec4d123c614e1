import { checkListenerProtocol } from '../../../lib/policy/rules/listener-protocol';
import { expectOnly } from './expect-finding';

describe('checkListenerProtocol', () => {
  test.each(['HTTP', 'https', 'Tcp', 'SSL'])('accepts %s', (p) => {
    expect(checkListenerProtocol('listeners[0].protocol', p)).toEqual([]);
  });

  test('rejects UDP', () => {
    expectOnly(checkListenerProtocol('listeners[0].protocol', 'UDP'), 'SECLB_LISTENER_PROTOCOL_UNSUPPORTED',
      /^listeners\[0\]\.protocol is 'UDP', which Classic ELB does not support\./);
  });

  test('suggests SSL for TLS', () => {
    const f = expectOnly(checkListenerProtocol('listeners[0].protocol', 'TLS'), 'SECLB_LISTENER_PROTOCOL_UNSUPPORTED', /Did you mean 'SSL'\?/);
    expect(f.fix).toBe("use 'SSL'.");
  });
});
