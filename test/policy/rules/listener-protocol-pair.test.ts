import { checkProtocolPair } from '../../../lib/policy/rules/listener-protocol-pair';
import { expectOnly } from './expect-finding';

describe('checkProtocolPair', () => {
  test.each([['HTTP', 'HTTPS'], ['HTTPS', 'HTTP'], ['TCP', 'SSL'], ['ssl', 'tcp']])('accepts %s -> %s', (front, back) => {
    expect(checkProtocolPair('listeners[0]', front, back)).toEqual([]);
  });

  test('rejects HTTPS -> TCP', () => {
    const f = expectOnly(checkProtocolPair('listeners[1]', 'HTTPS', 'TCP'), 'SECLB_LISTENER_PROTOCOL_PAIR_INVALID',
      /^listeners\[1\]\.instanceProtocol is 'TCP' but listeners\[1\]\.protocol is 'HTTPS'\.$/);
    expect(f.fix).toMatch(/'HTTP' or 'HTTPS' \(e\.g\. 'HTTPS'\)/);
  });

  test('leaves unknown protocols to the protocol rule', () => {
    expect(checkProtocolPair('listeners[0]', 'UDP', 'HTTP')).toEqual([]);
  });
});
