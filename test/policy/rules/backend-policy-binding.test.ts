import { Severity } from '../../../lib/policy/findings';
import { checkBackendServerPolicyBindings } from '../../../lib/policy/rules/backend-policy-binding';
import { expectOnly } from './expect-finding';
import { listener } from './listener-fixtures';
import { POLICIES } from './policy-fixtures';

const check = (backends: { instancePort: number; policyNames: string[] }[], ...ls: ReturnType<typeof listener>[]) =>
  checkBackendServerPolicyBindings('backendServers', backends, ls, 'listeners', POLICIES);

describe('checkBackendServerPolicyBindings', () => {
  test('accepts back-end auth behind HTTPS and proxy protocol behind TCP', () => {
    expect(check([{ instancePort: 443, policyNames: ['auth'] }, { instancePort: 25, policyNames: ['proxy'] }],
      listener(443, 'HTTPS', 443, 'HTTPS', [], 'c'), listener(25, 'TCP', 25, 'TCP'))).toEqual([]);
  });

  test('rejects back-end auth where the instance port is reached over HTTP', () => {
    const f = expectOnly(check([{ instancePort: 8080, policyNames: ['auth'] }], listener(80, 'HTTP', 8080, 'HTTP')),
      'SECLB_POLICY_BACKEND_AUTH_ON_PLAIN_BACKEND',
      /^backendServers\[0\]\.policyNames\[0\] is 'auth', a back-end authentication policy, but listeners\[0\] reaches instance port 8080 over 'HTTP'\.$/);
    expect(f.fix).toMatch(/set listeners\[0\]\.instanceProtocol to 'HTTPS'/);
  });

  test('rejects proxy protocol on a port used by an HTTP listener', () => {
    expectOnly(check([{ instancePort: 80, policyNames: ['proxy'] }], listener(80, 'HTTP', 80, 'HTTP')),
      'SECLB_POLICY_PROXY_PROTOCOL_ON_HTTP_LISTENER', /but listeners\[0\] is an 'HTTP' listener on instance port 80/);
  });

  test('warns about proxy protocol behind an SSL -> SSL listener', () => {
    expectOnly(check([{ instancePort: 443, policyNames: ['proxy'] }], listener(443, 'SSL', 443, 'SSL', [], 'c')),
      'SECLB_POLICY_PROXY_PROTOCOL_SSL_TO_SSL', /^backendServers\[0\]\.policyNames\[0\] is 'proxy', a proxy protocol policy, but listeners\[0\] is an SSL -> SSL listener on instance port 443\.$/, Severity.WARNING);
    expect(check([{ instancePort: 443, policyNames: ['proxy'] }], listener(443, 'SSL', 443, 'TCP', [], 'c'))).toEqual([]);
  });

  test('rejects a listener policy on an instance port', () => {
    expectOnly(check([{ instancePort: 443, policyNames: ['tls'] }], listener(443, 'HTTPS', 443, 'HTTPS', [], 'c')),
      'SECLB_POLICY_LISTENER_POLICY_ON_BACKEND', /is 'tls', a SSLNegotiationPolicyType policy, which belongs on a listener/);
  });

  test('rejects a public-key policy attached directly', () => {
    expectOnly(check([{ instancePort: 443, policyNames: ['key'] }], listener(443, 'HTTPS', 443, 'HTTPS', [], 'c')),
      'SECLB_POLICY_PUBLIC_KEY_ATTACHED', /cannot be attached directly/);
  });

  test('rejects two entries for one port and a port out of range', () => {
    expectOnly(check([{ instancePort: 443, policyNames: [] }, { instancePort: 443, policyNames: [] }], listener(443, 'HTTPS', 443, 'HTTPS', [], 'c')),
      'SECLB_BACKEND_DUPLICATE_PORT', /^backendServers\[1\]\.instancePort is 443, which backendServers\[0\] already describes\.$/);
    expectOnly(check([{ instancePort: 0, policyNames: [] }]), 'SECLB_BACKEND_PORT_OUT_OF_RANGE', /^backendServers\[0\]\.instancePort is 0/);
  });

  test('warns about policies on a port no listener uses', () => {
    expectOnly(check([{ instancePort: 9443, policyNames: ['auth'] }], listener(443, 'HTTPS', 443, 'HTTPS', [], 'c')),
      'SECLB_BACKEND_PORT_UNUSED', /^backendServers\[0\]\.instancePort is 9443, but no listener forwards to that instance port\.$/, Severity.WARNING);
  });
});
