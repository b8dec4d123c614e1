import { ListenerProtocol } from '../../../lib/policy/document/listener-protocol';
import { ListenerDocument } from '../../../lib/policy/document/load-balancer-document';
import { SecurityPolicy } from '../../../lib/policy/predefined/security-policy';
import { CipherPolicies } from '../../../lib/policy/resolution/cipher-policies';
import { SecurityAdvice } from '../../../lib/policy/security/security-advice';

const STRICT = CipherPolicies.fromPredefined(SecurityPolicy.ELB_SECURITY_POLICY_TLS_1_2_2017_01);
const advise = (spec: object) => SecurityAdvice.forCipherPolicy(CipherPolicies.resolve({ basedOn: SecurityPolicy.ELB_SECURITY_POLICY_TLS_1_2_2017_01, ...spec }).policy!, "policy 'Tls'", 'cipherPolicy');
const listener = (protocol: ListenerProtocol, instanceProtocol: ListenerProtocol, instancePort = 443): ListenerDocument =>
  ({ loadBalancerPort: 443, protocol, instancePort, instanceProtocol, policyNames: [] });

describe('SecurityAdvice.forCipherPolicy', () => {
  test('a strict TLS 1.2 policy draws no warning', () => {
    expect(SecurityAdvice.forCipherPolicy(STRICT, 'p', 'p')).toEqual([]);
  });

  test.each([
    ['SECLB_WARN_SSLV3_ENABLED', { enable: ['Protocol-SSLv3', 'AES128-SHA'] }, /enables 'Protocol-SSLv3': SSL 3\.0 is broken \(POODLE/],
    ['SECLB_WARN_TLS10_ENABLED', { enable: ['Protocol-TLSv1', 'AES128-SHA'] }, /enables 'Protocol-TLSv1': TLS 1\.0 is deprecated by RFC 8996/],
    ['SECLB_WARN_TLS11_ENABLED', { enable: ['Protocol-TLSv1.1'] }, /enables 'Protocol-TLSv1\.1': TLS 1\.1 is deprecated/],
    ['SECLB_WARN_3DES', { enable: ['DES-CBC3-SHA'] }, /enables 3DES: 'DES-CBC3-SHA' \(64-bit block cipher, Sweet32\)/],
    ['SECLB_WARN_WEAK_CIPHER', { enable: ['RC4-SHA'] }, /enables weak ciphers: 'RC4-SHA' \(RC4\)/],
    ['SECLB_WARN_CLIENT_CIPHER_ORDER', { serverDefinedCipherOrder: false }, /'Server-Defined-Cipher-Order' false/],
  ])('%s', (code, spec, message) => {
    const findings = advise(spec);
    expect(findings.map((f) => f.code)).toEqual([code]);
    expect(findings[0].severity).toBe('warning');
    expect(findings[0].message).toMatch(/^policy 'Tls' /);
    expect(findings[0].message).toMatch(message);
    expect(findings[0].fix).not.toBe('');
  });
});

describe('SecurityAdvice.forListeners', () => {
  test('SECLB_WARN_NO_BACKEND_AUTH: an HTTPS back end whose port has no back-end authentication', () => {
    const findings = SecurityAdvice.forListeners([listener(ListenerProtocol.HTTPS, ListenerProtocol.HTTPS)], [], ['listeners[0]']);
    expect(findings.map((f) => f.code)).toEqual(['SECLB_WARN_NO_BACKEND_AUTH']);
    expect(findings[0].message).toMatch(/listeners\[0\]\.instanceProtocol is 'HTTPS' but instance port 443 has no back-end authentication/);
    expect(SecurityAdvice.forListeners([listener(ListenerProtocol.HTTPS, ListenerProtocol.HTTPS)], [443], ['listeners[0]'])).toEqual([]);
  });

  test('SECLB_WARN_HTTP_WITHOUT_HTTPS: HTTP listeners only', () => {
    const http = listener(ListenerProtocol.HTTP, ListenerProtocol.HTTP, 8080);
    const findings = SecurityAdvice.forListeners([http, { ...http, loadBalancerPort: 81 }], [], ['listeners[0]', 'listeners[1]']);
    expect(findings.map((f) => f.code)).toEqual(['SECLB_WARN_HTTP_WITHOUT_HTTPS']);
    expect(findings[0].message).toMatch(/^listeners\[0\], listeners\[1\] are HTTP listeners and the load balancer has no HTTPS listener/);
    expect(SecurityAdvice.forListeners([http, listener(ListenerProtocol.HTTPS, ListenerProtocol.HTTP, 8080)], [], ['a', 'b'])).toEqual([]);
  });
});

describe('SecurityAdvice.forListeners reads protocols in any spelling', () => {
  test("'https' and 'http' warn as 'HTTPS' and 'HTTP' do", () => {
    const lower = SecurityAdvice.forListeners([listener('https' as ListenerProtocol, 'https' as ListenerProtocol)], [], ['listeners[0]']);
    const upper = SecurityAdvice.forListeners([listener(ListenerProtocol.HTTPS, ListenerProtocol.HTTPS)], [], ['listeners[0]']);
    expect(lower).toEqual(upper);
    expect(lower.map((f) => f.code)).toEqual(['SECLB_WARN_NO_BACKEND_AUTH']);
    const http = SecurityAdvice.forListeners([listener('http' as ListenerProtocol, 'Http' as ListenerProtocol, 80)], [], ['listeners[0]']);
    expect(http.map((f) => f.code)).toEqual(['SECLB_WARN_HTTP_WITHOUT_HTTPS']);
  });
});

describe('SecurityAdvice.forHealthCheck', () => {
  const listeners = [listener(ListenerProtocol.HTTP, ListenerProtocol.HTTP, 8080), listener(ListenerProtocol.HTTPS, ListenerProtocol.HTTPS, 443)];

  test('a check on an instance port a listener forwards to draws no warning', () => {
    expect(SecurityAdvice.forHealthCheck('HTTP:8080/ping', listeners, 'healthCheck.target')).toEqual([]);
    expect(SecurityAdvice.forHealthCheck('TCP:443', listeners, 'healthCheck.target')).toEqual([]);
  });

  test('SECLB_WARN_HEALTH_CHECK_PORT_UNSERVED: a check on a port no listener forwards to', () => {
    const findings = SecurityAdvice.forHealthCheck('HTTP:9000/ping', listeners, 'healthCheck.target');
    expect(findings.map((f) => [f.code, f.severity])).toEqual([['SECLB_WARN_HEALTH_CHECK_PORT_UNSERVED', 'warning']]);
    expect(findings[0].message).toBe("healthCheck.target is 'HTTP:9000/ping', but no listener forwards to instance port 9000 (the listeners' instance ports: 443, 8080): the check does not test the ports that serve traffic.");
    expect(findings[0].rule).toMatch(/^ELB health-checks the port it is given, any port;/);
    expect(findings[0].fix).toBe("check a port the listeners forward to, e.g. 'HTTP:8080/ping', or acknowledge the warning if 9000 is a dedicated health port.");
  });

  test('a target the target rule rejects is left to it', () => {
    expect(SecurityAdvice.forHealthCheck('HTTP:9000', listeners, 'healthCheck.target')).toEqual([]);
  });
});
