import { generateKeyPairSync } from 'crypto';
import { checkPolicyAttributes } from '../../../lib/policy/rules/policy-attributes';
import { expectOnly } from './expect-finding';

const { publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
const SPKI = publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
const PEM = publicKey.export({ type: 'spki', format: 'pem' }).toString();
const policy = (policyTypeName: string, attributes: { name: string; value: string }[]) => ({ policyName: 'p', policyTypeName, attributes });

describe('checkPolicyAttributes', () => {
  test.each([
    ['LBCookieStickinessPolicyType', [{ name: 'CookieExpirationPeriod', value: '60' }]],
    ['LBCookieStickinessPolicyType', []],
    ['AppCookieStickinessPolicyType', [{ name: 'CookieName', value: 'JSESSIONID' }]],
    ['ProxyProtocolPolicyType', [{ name: 'ProxyProtocol', value: 'true' }]],
    ['BackendServerAuthenticationPolicyType', [{ name: 'PublicKeyPolicyName', value: 'a' }, { name: 'PublicKeyPolicyName', value: 'b' }]],
    ['PublicKeyPolicyType', [{ name: 'PublicKey', value: SPKI }]],
    ['SSLNegotiationPolicyType', [{ name: 'Reference-Security-Policy', value: 'ELBSecurityPolicy-2016-08' }, { name: 'Protocol-TLSv1', value: 'false' }]],
  ])('accepts %s %j', (type, attributes) => {
    expect(checkPolicyAttributes('policies[0]', policy(type, attributes))).toEqual([]);
  });

  test('rejects an unknown policy type and suggests the nearest', () => {
    expectOnly(checkPolicyAttributes('policies[0]', policy('ProxyProtocolType', [])), 'SECLB_POLICY_TYPE_UNKNOWN',
      /^policies\[0\]\.policyTypeName is 'ProxyProtocolType', which is not a Classic ELB policy type\. Did you mean 'ProxyProtocolPolicyType'\?$/);
  });

  test('rejects an attribute the type does not have and suggests the nearest', () => {
    const f = expectOnly(checkPolicyAttributes('policies[0]', policy('AppCookieStickinessPolicyType', [{ name: 'CookieName', value: 'a' }, { name: 'CookiName', value: 'b' }])),
      'SECLB_POLICY_ATTRIBUTE_NOT_IN_TYPE', /^policies\[0\]\.attributes\[1\]\.name is 'CookiName', which AppCookieStickinessPolicyType does not have\. Did you mean 'CookieName'\?$/);
    expect(f.fix).toBe("use 'CookieName'.");
  });

  test('rejects an unknown SSL negotiation attribute and suggests the ELB name', () => {
    expectOnly(checkPolicyAttributes('policies[0]', policy('SSLNegotiationPolicyType', [{ name: 'Server-Order-Preference', value: 'true' }])),
      'SECLB_POLICY_UNKNOWN_ATTRIBUTE', /Did you mean 'Server-Defined-Cipher-Order'\?/);
  });

  test('rejects a missing required attribute', () => {
    expectOnly(checkPolicyAttributes('policies[0]', policy('BackendServerAuthenticationPolicyType', [])), 'SECLB_POLICY_ATTRIBUTE_MISSING',
      /^policies\[0\]\.attributes has no 'PublicKeyPolicyName'\.$/);
  });

  test('rejects a repeated single-valued attribute', () => {
    expectOnly(checkPolicyAttributes('policies[0]', policy('ProxyProtocolPolicyType', [{ name: 'ProxyProtocol', value: 'true' }, { name: 'ProxyProtocol', value: 'false' }])),
      'SECLB_POLICY_ATTRIBUTE_REPEATED', /^policies\[0\]\.attributes has 2 'ProxyProtocol' entries\.$/);
  });

  test.each([
    ['ProxyProtocolPolicyType', 'ProxyProtocol', 'yes', /'true' or 'false'/],
    ['LBCookieStickinessPolicyType', 'CookieExpirationPeriod', '-1', /a whole number of seconds/],
    ['AppCookieStickinessPolicyType', 'CookieName', 'my cookie', /a cookie name/],
  ])('rejects %s %s = %s', (type, name, value, what) => {
    expectOnly(checkPolicyAttributes('policies[0]', policy(type, [{ name, value }])), 'SECLB_POLICY_ATTRIBUTE_VALUE_INVALID',
      new RegExp(`^policies\\[0\\]\\.attributes\\[0\\]\\.value is '${value}' for '${name}', which is not ${what.source}`));
  });

  test('rejects a PEM public key that is valid but not in the one-line form', () => {
    const f = expectOnly(checkPolicyAttributes('policies[0]', policy('PublicKeyPolicyType', [{ name: 'PublicKey', value: PEM }])),
      'SECLB_PUBLIC_KEY_NOT_NORMALIZED', /is a valid key but not in the form ELB expects \(one-line base64 SPKI\)/);
    expect(f.fix).toContain(SPKI.slice(0, 24));
  });

  test('rejects a public key that is not a key', () => {
    expectOnly(checkPolicyAttributes('policies[0]', policy('PublicKeyPolicyType', [{ name: 'PublicKey', value: 'not a key!' }])),
      'SECLB_PUBLIC_KEY_INVALID', /^policies\[0\]\.attributes\[0\]\.value is neither PEM nor base64\.$/);
  });
});
