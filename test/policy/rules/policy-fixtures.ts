import { PolicyDocument } from '../../../lib/policy/document/load-balancer-document';

/** Small policies for the binding and reference rule tests. */
export const POLICIES: PolicyDocument[] = [
  { policyName: 'tls', policyTypeName: 'SSLNegotiationPolicyType', attributes: [{ name: 'Reference-Security-Policy', value: 'ELBSecurityPolicy-TLS-1-2-2017-01' }] },
  { policyName: 'tls2', policyTypeName: 'SSLNegotiationPolicyType', attributes: [{ name: 'Reference-Security-Policy', value: 'ELBSecurityPolicy-2016-08' }] },
  { policyName: 'sticky', policyTypeName: 'LBCookieStickinessPolicyType', attributes: [{ name: 'CookieExpirationPeriod', value: '60' }] },
  { policyName: 'app-sticky', policyTypeName: 'AppCookieStickinessPolicyType', attributes: [{ name: 'CookieName', value: 'JSESSIONID' }] },
  { policyName: 'key', policyTypeName: 'PublicKeyPolicyType', attributes: [{ name: 'PublicKey', value: 'MIIB' }] },
  { policyName: 'auth', policyTypeName: 'BackendServerAuthenticationPolicyType', attributes: [{ name: 'PublicKeyPolicyName', value: 'key' }] },
  { policyName: 'proxy', policyTypeName: 'ProxyProtocolPolicyType', attributes: [{ name: 'ProxyProtocol', value: 'true' }] },
];
