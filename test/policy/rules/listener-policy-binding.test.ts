import { checkListenerPolicyBindings } from '../../../lib/policy/rules/listener-policy-binding';
import { expectOnly } from './expect-finding';
import { listener } from './listener-fixtures';
import { POLICIES } from './policy-fixtures';

const check = (...ls: ReturnType<typeof listener>[]) => checkListenerPolicyBindings('listeners', ls, POLICIES);

describe('checkListenerPolicyBindings', () => {
  test('accepts one SSL policy and one stickiness policy on HTTPS, and a predefined policy name on SSL', () => {
    expect(check(listener(443, 'HTTPS', 80, 'HTTP', ['tls', 'sticky'], 'c'), listener(8443, 'SSL', 80, 'TCP', ['ELBSecurityPolicy-2016-08'], 'c'))).toEqual([]);
  });

  test('rejects an SSL negotiation policy on an HTTP listener', () => {
    const f = expectOnly(check(listener(80, 'HTTP', 80, 'HTTP', ['tls'])), 'SECLB_POLICY_SSL_NEGOTIATION_ON_PLAIN_LISTENER',
      /^listeners\[0\]\.policyNames\[0\] is 'tls', an SSL negotiation policy, but listeners\[0\]\.protocol is 'HTTP'\.$/);
    expect(f.fix).toMatch(/change listeners\[0\]\.protocol to 'HTTPS'/);
  });

  test('rejects two SSL negotiation policies on one listener', () => {
    expectOnly(check(listener(443, 'HTTPS', 80, 'HTTP', ['tls', 'tls2'], 'c')), 'SECLB_POLICY_MULTIPLE_SSL_NEGOTIATION',
      /^listeners\[0\]\.policyNames\[1\] is 'tls2', a second SSL negotiation policy after listeners\[0\]\.policyNames\[0\] 'tls'\.$/);
  });

  test('rejects stickiness on a TCP listener', () => {
    expectOnly(check(listener(25, 'TCP', 25, 'TCP', ['sticky'])), 'SECLB_POLICY_STICKINESS_ON_TCP_LISTENER',
      /^listeners\[0\]\.policyNames\[0\] is 'sticky', a stickiness policy, but listeners\[0\]\.protocol is 'TCP'\.$/);
  });

  test('rejects two stickiness policies on one listener', () => {
    expectOnly(check(listener(80, 'HTTP', 80, 'HTTP', ['sticky', 'app-sticky'])), 'SECLB_POLICY_MULTIPLE_STICKINESS', /a second stickiness policy/);
  });

  test('rejects a back-end policy on a listener', () => {
    const f = expectOnly(check(listener(443, 'SSL', 443, 'SSL', ['proxy'], 'c')), 'SECLB_POLICY_BACKEND_POLICY_ON_LISTENER',
      /^listeners\[0\]\.policyNames\[0\] is 'proxy', a ProxyProtocolPolicyType policy, which belongs on an instance port, not on a listener\.$/);
    expect(f.fix).toMatch(/instance port 443/);
  });

  test('rejects a public-key policy attached directly', () => {
    expectOnly(check(listener(443, 'HTTPS', 443, 'HTTPS', ['key'], 'c')), 'SECLB_POLICY_PUBLIC_KEY_ATTACHED', /a PublicKeyPolicyType policy, which cannot be attached directly/);
  });
});
