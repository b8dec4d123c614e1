/** The six ELB Classic policy types (`DescribeLoadBalancerPolicyTypes`). */
export enum PolicyTypeName {
  /** Protocols, ciphers and server order of an HTTPS/SSL listener's client-facing handshake. */
  SSL_NEGOTIATION = 'SSLNegotiationPolicyType',
  /** One public key a back-end server may present; only referenced by a back-end authentication policy. */
  PUBLIC_KEY = 'PublicKeyPolicyType',
  /** Authenticates HTTPS/SSL back ends against a list of public-key policies (per instance port). */
  BACKEND_SERVER_AUTHENTICATION = 'BackendServerAuthenticationPolicyType',
  /** Prepends a Proxy Protocol v1 header to back-end connections (per instance port; TCP/SSL listeners). */
  PROXY_PROTOCOL = 'ProxyProtocolPolicyType',
  /** Duration-based stickiness with an ELB-generated cookie (HTTP/HTTPS listeners). */
  LB_COOKIE_STICKINESS = 'LBCookieStickinessPolicyType',
  /** Stickiness that follows an application cookie (HTTP/HTTPS listeners). */
  APP_COOKIE_STICKINESS = 'AppCookieStickinessPolicyType',
}
