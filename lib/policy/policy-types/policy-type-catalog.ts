import { PolicyTypeName } from './policy-type-name';
import { SECURE_PROTOCOLS } from '../queries/secure-protocol';

/** How many values an attribute takes (`DescribeLoadBalancerPolicyTypes` cardinality). */
export enum AttributeCardinality {
  /** Exactly one value is required. */
  ONE = 'ONE',
  /** Optional, at most one. */
  ZERO_OR_ONE = 'ZERO_OR_ONE',
  /** Required, may repeat. */
  ONE_OR_MORE = 'ONE_OR_MORE',
  /** Optional, may repeat. */
  ZERO_OR_MORE = 'ZERO_OR_MORE',
}

/** Where a policy of a type is attached. */
export enum PolicyAttachment {
  /** On a listener (`SetLoadBalancerPoliciesOfListener`). */
  LISTENER = 'listener',
  /** On an instance (back-end) port (`SetLoadBalancerPoliciesForBackendServer`). */
  BACKEND_PORT = 'backend-port',
  /** Never directly: only referenced by another policy. */
  REFERENCED = 'referenced',
}

/** One attribute of a policy type. */
export interface PolicyAttributeDescriptor {
  /** Attribute name, e.g. `CookieExpirationPeriod`. */
  readonly name: string;
  /** Attribute type as ELB names it (`Boolean`, `Long`, `String`, `PolicyName`). */
  readonly attributeType: string;
  /** How many values it takes. */
  readonly cardinality: AttributeCardinality;
  /** What it means. */
  readonly description: string;
}

/** One policy type with its attributes and where it may be attached. */
export interface PolicyTypeDescriptor {
  /** The type's name. */
  readonly name: PolicyTypeName;
  /** Where a policy of this type is attached. */
  readonly attachment: PolicyAttachment;
  /** Listener or back-end protocols it applies to (`HTTPS`, `SSL`, ...); empty when referenced only. */
  readonly appliesToProtocols: string[];
  /** Its attributes (for SSLNegotiationPolicyType see the SSL negotiation catalog instead). */
  readonly attributes: PolicyAttributeDescriptor[];
  /** What it does. */
  readonly description: string;
}

const TYPES: PolicyTypeDescriptor[] = [
  {
    name: PolicyTypeName.SSL_NEGOTIATION,
    attachment: PolicyAttachment.LISTENER,
    appliesToProtocols: [...SECURE_PROTOCOLS],
    attributes: [],
    description: 'Protocols, ciphers and server order for the client-facing TLS handshake of an HTTPS or SSL listener.',
  },
  {
    name: PolicyTypeName.PUBLIC_KEY,
    attachment: PolicyAttachment.REFERENCED,
    appliesToProtocols: [],
    attributes: [{ name: 'PublicKey', attributeType: 'String', cardinality: AttributeCardinality.ONE, description: 'Base64 of the DER SubjectPublicKeyInfo, without PEM armour or newlines.' }],
    description: 'One public key a back-end server may present; only usable inside a back-end server authentication policy.',
  },
  {
    name: PolicyTypeName.BACKEND_SERVER_AUTHENTICATION,
    attachment: PolicyAttachment.BACKEND_PORT,
    appliesToProtocols: [...SECURE_PROTOCOLS],
    attributes: [{ name: 'PublicKeyPolicyName', attributeType: 'PolicyName', cardinality: AttributeCardinality.ONE_OR_MORE, description: 'Name of a PublicKeyPolicyType policy; the back end passes if its key matches any of them.' }],
    description: 'Authenticates back-end servers reached over HTTPS/SSL by pinning their public keys.',
  },
  {
    name: PolicyTypeName.PROXY_PROTOCOL,
    attachment: PolicyAttachment.BACKEND_PORT,
    appliesToProtocols: ['TCP', 'SSL'],
    attributes: [{ name: 'ProxyProtocol', attributeType: 'Boolean', cardinality: AttributeCardinality.ONE, description: 'When true, a Proxy Protocol v1 header is sent first on each back-end connection.' }],
    description: 'Prepends a Proxy Protocol v1 header to back-end connections of TCP/SSL listeners.',
  },
  {
    name: PolicyTypeName.LB_COOKIE_STICKINESS,
    attachment: PolicyAttachment.LISTENER,
    appliesToProtocols: ['HTTP', 'HTTPS'],
    attributes: [{ name: 'CookieExpirationPeriod', attributeType: 'Long', cardinality: AttributeCardinality.ZERO_OR_ONE, description: 'Lifetime of the AWSELB cookie in seconds; absent or 0 means a browser-session cookie.' }],
    description: 'Duration-based stickiness with the load balancer\'s own AWSELB cookie.',
  },
  {
    name: PolicyTypeName.APP_COOKIE_STICKINESS,
    attachment: PolicyAttachment.LISTENER,
    appliesToProtocols: ['HTTP', 'HTTPS'],
    attributes: [{ name: 'CookieName', attributeType: 'String', cardinality: AttributeCardinality.ONE, description: 'The application cookie whose lifetime the AWSELB cookie follows.' }],
    description: 'Stickiness whose lifetime follows an application cookie.',
  },
];

/** The ELB Classic policy types and their attributes. */
export class PolicyTypes {
  /** Every policy type. */
  public static all(): PolicyTypeDescriptor[] {
    return TYPES.slice();
  }

  /** The type with this name, or undefined. */
  public static find(name: string): PolicyTypeDescriptor | undefined {
    return TYPES.find((t) => t.name === name);
  }

  private constructor() {}
}
