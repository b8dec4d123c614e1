import { ListenerProtocol } from '../../../lib/policy/document/listener-protocol';
import { PolicyTypes } from '../../../lib/policy/policy-types/policy-type-catalog';
import { PolicyTypeName } from '../../../lib/policy/policy-types/policy-type-name';
import { isHttpProtocol, isSecureProtocol, SECURE_PROTOCOLS } from '../../../lib/policy/queries/secure-protocol';

describe('isSecureProtocol', () => {
  test.each([
    ['HTTPS', true], ['SSL', true], ['https', true], ['Ssl', true],
    ['HTTP', false], ['TCP', false], ['tls', false], ['', false], [undefined, false], [443, false], [null, false],
  ])('%p carries TLS: %p', (protocol, secure) => {
    expect(isSecureProtocol(protocol)).toBe(secure);
  });

  test('every listener protocol is either secure or not, and exactly HTTPS and SSL are', () => {
    expect(Object.values(ListenerProtocol).filter((p) => isSecureProtocol(p)).sort()).toEqual(['HTTPS', 'SSL']);
  });

  test('the policy types bound to TLS listeners and back ends list the secure protocols', () => {
    expect(PolicyTypes.find(PolicyTypeName.SSL_NEGOTIATION)!.appliesToProtocols).toEqual([...SECURE_PROTOCOLS]);
    expect(PolicyTypes.find(PolicyTypeName.BACKEND_SERVER_AUTHENTICATION)!.appliesToProtocols).toEqual([...SECURE_PROTOCOLS]);
  });
});

describe('isHttpProtocol', () => {
  test.each([
    ['HTTP', true], ['https', true], ['TCP', false], ['ssl', false], [undefined, false],
  ])('%p is layer 7: %p', (protocol, http) => {
    expect(isHttpProtocol(protocol)).toBe(http);
  });
});
