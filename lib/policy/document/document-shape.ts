import { SDK_MAX_IDLE_TIMEOUT_SECONDS } from '../rules/idle-timeout';
import { documentField, FieldRange, fieldRange } from './document-fields';

/**
 * The shape of a v1 load-balancer document, written once: the structural check of
 * `LoadBalancerDocuments.parse` and the published JSON Schema are both derived from this table,
 * so they cannot drift apart (internal: not exported from the package).
 *
 * Shapes carry types for the structural check; ranges, enums and patterns are documentation for
 * the schema only, because the semantic rules (with their own codes and fixes) enforce them. The
 * numeric ranges come from the field table (`document-fields.ts`), as the rules' do.
 */
export type Shape =
  | { readonly kind: 'string'; readonly description: string; readonly enum?: string[]; readonly pattern?: string; readonly maxLength?: number }
  | { readonly kind: 'integer'; readonly description: string; readonly minimum?: number; readonly maximum?: number; readonly enum?: number[] }
  | { readonly kind: 'boolean'; readonly description: string }
  | { readonly kind: 'array'; readonly description: string; readonly items: Shape; readonly maxItems?: number }
  | { readonly kind: 'map'; readonly description: string; readonly values: Shape; readonly maxProperties?: number }
  | { readonly kind: 'object'; readonly description: string; readonly fields: { [name: string]: Field } };

/** A field of an object shape. */
export interface Field {
  readonly shape: Shape;
  readonly optional?: boolean;
}

const PROTOCOLS = ['HTTP', 'HTTPS', 'TCP', 'SSL'];
/** An integer field whose range comes from the field table; `describe` words the range into its description. */
const ranged = (path: string, describe: (r: FieldRange) => string): Shape => {
  const r = fieldRange(path);
  return { kind: 'integer', description: describe(r), minimum: r.min, maximum: r.max };
};
const names = (description: string): Shape => ({ kind: 'array', description, items: { kind: 'string', description: 'A policy name.', pattern: '^[A-Za-z0-9-]+$' } });
const EMIT_INTERVALS = (documentField('accessLog.emitIntervalMinutes').allowed ?? []).map(Number);
const DESYNC_MODES = (documentField('desyncMitigationMode').allowed ?? []).map(String);
const LISTENERS = fieldRange('listeners');
const INSTANCES = fieldRange('instances');
const TAGS = fieldRange('tags');
const req = (shape: Shape): Field => ({ shape });
const opt = (shape: Shape): Field => ({ shape, optional: true });

const LISTENER: Shape = {
  kind: 'object',
  description: 'One listener: a front-end port and protocol forwarding to an instance port and protocol.',
  fields: {
    loadBalancerPort: req(ranged('listeners[].loadBalancerPort', (r) => `The port clients connect to, ${r.min}-${r.max}; one listener per port.`)),
    protocol: req({ kind: 'string', description: 'The front-end protocol (parse accepts any case; the canonical form is upper case).', enum: PROTOCOLS }),
    instancePort: req(ranged('listeners[].instancePort', (r) => `The port on each instance, ${r.min}-${r.max}.`)),
    instanceProtocol: req({ kind: 'string', description: 'The back-end protocol: HTTP/HTTPS pairs with HTTP/HTTPS, TCP/SSL with TCP/SSL.', enum: PROTOCOLS }),
    sslCertificateId: opt({ kind: 'string', description: 'The server certificate of an HTTPS/SSL front end (IAM/ACM ARN, or a certificate name the local engine holds). Absent on HTTP/TCP front ends.' }),
    policyNames: req(names('Policies attached to this listener (SSL negotiation, stickiness), in order.')),
  },
};

const POLICY: Shape = {
  kind: 'object',
  description: 'A policy of the load balancer, in the shape of DescribeLoadBalancerPolicies.',
  fields: {
    policyName: req({ kind: 'string', description: 'Unique within the load balancer; letters, digits and hyphens.', pattern: '^[A-Za-z0-9-]+$' }),
    policyTypeName: req({ kind: 'string', description: 'One of the six policy types.', enum: ['SSLNegotiationPolicyType', 'PublicKeyPolicyType', 'BackendServerAuthenticationPolicyType', 'ProxyProtocolPolicyType', 'LBCookieStickinessPolicyType', 'AppCookieStickinessPolicyType'] }),
    attributes: req({
      kind: 'array',
      description: 'Name/value pairs; SSL negotiation policies carry the complete canonical set.',
      items: {
        kind: 'object',
        description: 'One policy attribute.',
        fields: {
          name: req({ kind: 'string', description: 'Attribute name, e.g. Protocol-TLSv1.2.' }),
          value: req({ kind: 'string', description: 'Attribute value as text; booleans are true/false in lower case.' }),
        },
      },
    }),
  },
};

/** The v1 document. */
export const DOCUMENT_SHAPE: Shape = {
  kind: 'object',
  description: 'The canonical description of one Classic load balancer: what the local target synthesizes, the deploy core diffs and the engine accepts. Every default is explicit.',
  fields: {
    schemaVersion: req({ kind: 'integer', description: 'The document format version: 1.', enum: [1] }),
    name: req({ kind: 'string', description: 'The load balancer name: 1-32 letters, digits and hyphens, no hyphen at either end.', pattern: '^[A-Za-z0-9](?:[A-Za-z0-9-]{0,30}[A-Za-z0-9])?$' }),
    availabilityZones: req({ kind: 'array', description: 'Availability zones.', items: { kind: 'string', description: 'A zone name.' } }),
    subnets: req({ kind: 'array', description: 'VPC subnets.', items: { kind: 'string', description: 'A subnet id.' } }),
    securityGroups: req({ kind: 'array', description: 'VPC security groups.', items: { kind: 'string', description: 'A security group id.' } }),
    internal: req({ kind: 'boolean', description: 'Whether the load balancer is internal (no public address).' }),
    crossZoneLoadBalancing: req({ kind: 'boolean', description: 'Whether traffic is spread across all zones.' }),
    idleTimeoutSeconds: req(ranged('idleTimeoutSeconds', (r) => `Idle timeout for client and back-end connections, ${r.min}-${r.max} s (above ${SDK_MAX_IDLE_TIMEOUT_SECONDS} draws a warning: botocore caps at ${SDK_MAX_IDLE_TIMEOUT_SECONDS}).`)),
    connectionDraining: req({
      kind: 'object',
      description: 'Connection draining on deregistration.',
      fields: {
        enabled: req({ kind: 'boolean', description: 'Whether in-flight requests may finish when an instance is deregistered.' }),
        timeoutSeconds: req(ranged('connectionDraining.timeoutSeconds', (r) => `The longest wait, ${r.min}-${r.max} s.`)),
      },
    }),
    accessLog: opt({
      kind: 'object',
      description: 'Access logging; absent means disabled.',
      fields: {
        enabled: req({ kind: 'boolean', description: 'Whether access logs are written.' }),
        s3BucketName: req({ kind: 'string', description: 'The S3 bucket (AWS); the local engine writes to its state directory.' }),
        s3BucketPrefix: opt({ kind: 'string', description: 'The key prefix; must not contain AWSLogs.' }),
        emitIntervalMinutes: req({ kind: 'integer', description: `Minutes per log file: ${EMIT_INTERVALS.join(' or ')}.`, enum: EMIT_INTERVALS }),
      },
    }),
    desyncMitigationMode: req({ kind: 'string', description: 'HTTP desync mitigation mode.', enum: DESYNC_MODES }),
    listeners: req({ kind: 'array', description: `Listeners (${LISTENERS.min}-${LISTENERS.max}), canonically sorted by load balancer port.`, items: LISTENER, maxItems: LISTENERS.max }),
    policies: req({ kind: 'array', description: 'Every policy of the load balancer, canonically sorted by name.', items: POLICY }),
    backendServers: req({
      kind: 'array',
      description: 'Policies per instance port, canonically sorted by port.',
      items: {
        kind: 'object',
        description: 'Policies attached to one instance (back-end) port.',
        fields: {
          instancePort: req(ranged('backendServers[].instancePort', () => 'The instance port.')),
          policyNames: req(names('Back-end authentication and proxy protocol policies on that port.')),
        },
      },
    }),
    healthCheck: req({
      kind: 'object',
      description: 'The health check every registered instance gets.',
      fields: {
        target: req({ kind: 'string', description: 'HTTP:port/path, HTTPS:port/path, TCP:port or SSL:port.', pattern: '^((HTTPS?):[0-9]+/.*|(TCP|SSL):[0-9]+)$', maxLength: 1024 }),
        intervalSeconds: req(ranged('healthCheck.intervalSeconds', (r) => `Seconds between checks, ${r.min}-${r.max}.`)),
        timeoutSeconds: req(ranged('healthCheck.timeoutSeconds', (r) => `Seconds to wait for an answer, ${r.min}-${r.max} and below intervalSeconds.`)),
        healthyThreshold: req(ranged('healthCheck.healthyThreshold', (r) => `Consecutive successes before InService, ${r.min}-${r.max}.`)),
        unhealthyThreshold: req(ranged('healthCheck.unhealthyThreshold', (r) => `Consecutive failures before OutOfService, ${r.min}-${r.max}.`)),
      },
    }),
    instances: req({
      kind: 'array',
      description: `Registered instances (at most ${INSTANCES.max}), canonically sorted by id.`,
      maxItems: INSTANCES.max,
      items: {
        kind: 'object',
        description: 'One registered instance.',
        fields: {
          instanceId: req({ kind: 'string', description: 'The instance id, e.g. i-4f8cf126.' }),
          address: opt({ kind: 'string', description: 'Where the local engine reaches the instance (e.g. 127.0.0.11); unused on AWS.' }),
        },
      },
    }),
    tags: req({ kind: 'map', description: `Tags (at most ${TAGS.max}): key 1-128 characters, value 0-256.`, values: { kind: 'string', description: 'The tag value.', maxLength: 256 }, maxProperties: TAGS.max }),
  },
};
