/**
 * The Terraform schema of our own `seclb` provider: its configuration and the resource types the
 * local target synthesizes. One definition serves both sides: the local target writes these
 * resources into `cdk.tf.json`, and the provider plugin serves exactly this schema to Terraform
 * (GetProviderSchema), so the two cannot drift apart. Descriptions are written for users: the
 * plugin passes them to Terraform as Markdown.
 *
 * Internal to the package (not exported from lib/index.ts).
 */

import { DOCUMENT_SHAPE, Shape } from '../policy/document/document-shape';
import { ATTACHMENT_SHAPE } from '../policy/document/policy-attachment-shape';

/** The Terraform provider's local name and registry source. */
export const SECLB_PROVIDER = {
  name: 'seclb',
  source: 'registry.terraform.io/cdktf-secure-elb/seclb',
  /** Short form written into `required_providers`. */
  shortSource: 'cdktf-secure-elb/seclb',
} as const;

/**
 * An attribute type of the seclb schema: a primitive (a subset of Terraform's type system), or
 * `structured`: a document of the policy model as nested attributes derived from its shape
 * (see seclb-structure.ts).
 */
export type SeclbAttributeType = 'string' | 'number' | 'bool' | 'structured';

/** One attribute of a seclb resource or of the provider block. */
export interface SeclbAttribute {
  readonly name: string;
  readonly type: SeclbAttributeType;
  readonly description: string;
  /** Set by the user. Exactly one of required/optional/computed-only applies. */
  readonly required?: boolean;
  readonly optional?: boolean;
  /** Filled in by the provider (alone: read-only; with optional: defaulted by the provider). */
  readonly computed?: boolean;
  /** Masked in plans and logs (private keys). */
  readonly sensitive?: boolean;
  /** A change replaces the resource (ELB objects that cannot be updated in place). */
  readonly requiresReplace?: boolean;
  /** The document shape of a `structured` attribute (the nested attributes are derived from it). */
  readonly shape?: Shape;
}

/** One seclb resource type. */
export interface SeclbResourceType {
  readonly typeName: string;
  readonly description: string;
  /** Schema version; bump with an upgrader in the plugin. */
  readonly version: number;
  /** What `terraform import <address> <id>` takes. */
  readonly importId: string;
  readonly attributes: SeclbAttribute[];
}

/** The `provider "seclb"` block. */
export const SECLB_PROVIDER_CONFIG: SeclbAttribute[] = [
  {
    name: 'state_directory',
    type: 'string',
    optional: true,
    description: 'The local engine\'s state directory (holds `admin-token`, `engine.json` with the admin address, the state file and logs). Default: `.seclb` in the current directory.',
  },
  {
    name: 'admin_address',
    type: 'string',
    optional: true,
    description: 'The engine\'s admin API base URL, e.g. `http://127.0.0.1:8490`. Loopback only. Default: read from `engine.json` in the state directory.',
  },
];

/** `seclb_server_certificate`: a server certificate held by the engine (the local IAM server certificate). */
export const SECLB_SERVER_CERTIFICATE: SeclbResourceType = {
  typeName: 'seclb_server_certificate',
  description: 'A server certificate the local engine serves on HTTPS/SSL listeners. Listeners name it in `sslCertificateId`. Like IAM server certificates it cannot be changed in place: any change replaces it.',
  version: 0,
  importId: 'the certificate name',
  attributes: [
    { name: 'id', type: 'string', computed: true, description: 'The certificate name.' },
    { name: 'name', type: 'string', required: true, requiresReplace: true, description: 'The certificate name listeners refer to.' },
    { name: 'certificate_body', type: 'string', required: true, requiresReplace: true, description: 'The leaf certificate, PEM.' },
    { name: 'certificate_chain', type: 'string', optional: true, requiresReplace: true, description: 'Intermediate certificates, PEM, the issuer of the leaf first and the root (if any) last.' },
    { name: 'private_key', type: 'string', required: true, sensitive: true, requiresReplace: true, description: 'The private key, PEM, unencrypted. Never returned by the engine, never logged.' },
    { name: 'fingerprint', type: 'string', computed: true, description: 'SHA-256 fingerprint of the leaf certificate (hex).' },
  ],
};

/** `seclb_load_balancer`: one load balancer as the canonical document of the policy model. */
export const SECLB_LOAD_BALANCER: SeclbResourceType = {
  typeName: 'seclb_load_balancer',
  description: 'One Classic load balancer on the local engine, described by the canonical load-balancer document of the policy model (schema version 1) as nested attributes: listeners, resolved policies, back-end policies, health check, instances with their loopback addresses, and attributes.',
  version: 1,
  importId: 'the load balancer name',
  attributes: [
    { name: 'id', type: 'string', computed: true, description: 'The load balancer name.' },
    { name: 'name', type: 'string', required: true, requiresReplace: true, description: 'The load balancer name (1-32 letters, digits and hyphens).' },
    { name: 'document', type: 'structured', shape: DOCUMENT_SHAPE, required: true, description: 'The canonical load-balancer document, field by field (snake_case names of the document\'s fields, e.g. `health_check.timeout_seconds`). Schema version 0 held it as one JSON string; stored state is upgraded.' },
    { name: 'revision', type: 'number', computed: true, description: 'The engine revision of the live document after the last apply.' },
    { name: 'dns_name', type: 'string', computed: true, description: 'The address clients connect to (a loopback address).' },
  ],
};

/** `seclb_policy_attachment`: policies a stack adds to a load balancer it does not own. */
export const SECLB_POLICY_ATTACHMENT: SeclbResourceType = {
  typeName: 'seclb_policy_attachment',
  description: 'Policies (SSL negotiation, back-end authentication, stickiness, proxy protocol) and the listener and back-end port policy lists a stack owns on a load balancer created elsewhere (`SecureClassicLoadBalancer.fromLoadBalancerName`).',
  version: 1,
  importId: 'the load balancer name',
  attributes: [
    { name: 'id', type: 'string', computed: true, description: 'The load balancer name.' },
    { name: 'load_balancer_name', type: 'string', required: true, requiresReplace: true, description: 'The existing load balancer.' },
    { name: 'attachment', type: 'structured', shape: ATTACHMENT_SHAPE, required: true, description: 'The policies and port bindings (a PolicyAttachmentDocument), field by field. Schema version 0 held it as one JSON string; stored state is upgraded.' },
    { name: 'revision', type: 'number', computed: true, description: 'The engine revision after the last apply.' },
  ],
};

/** Every seclb resource type. */
export const SECLB_RESOURCE_TYPES: SeclbResourceType[] = [SECLB_SERVER_CERTIFICATE, SECLB_LOAD_BALANCER, SECLB_POLICY_ATTACHMENT];
