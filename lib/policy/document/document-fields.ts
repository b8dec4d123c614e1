/**
 * The field table of the load-balancer document: for each field its path, unit, default, range,
 * the construct prop a user writes, its label in plans and its `aws_elb` argument, written once
 * (internal: not exported from the package). Derived from it:
 * - the construct's defaults and which prop fills which field (`lib/constructs`),
 * - the renaming of finding paths back to prop names (`lib/constructs/private/validate-document.ts`),
 * - the range rules (`lib/policy/rules/*`) and the ranges of the document shape (`document-shape.ts`),
 * - the diff's field lists and labels (`provider/deploy/diff/load-balancer-diff.ts`),
 * - both directions of the AWS mapping (`lib/targets/aws/load-balancer.ts`: document -> `aws_elb`;
 *   `provider/deploy/preview/terraform-documents.ts`: `aws_elb` -> document).
 *
 * The prop docs' `@default` and ranges are compared with this table by a test
 * (`test/constructs/prop-docs.test.ts`).
 */

/** A closed range of whole numbers. */
export interface FieldRange {
  /** The smallest value allowed. */
  readonly min: number;
  /** The largest value allowed. */
  readonly max: number;
}

/** How a field appears as an argument of the Terraform AWS provider's `aws_elb`. */
export interface AwsArgument {
  /** The argument, with a dot for a block's argument (`health_check.interval`). */
  readonly name: string;
  /** The provider stores the value in lower case (listener protocols); the document's form is upper case. */
  readonly lowerCase?: boolean;
  /** An empty list or map is left out rather than sent (the provider reads "none" as "remove all"). */
  readonly omitEmpty?: boolean;
}

/** How the diff compares a field. */
export interface DiffEntry {
  /** The label plans show, e.g. `idle timeout (s)`. */
  readonly label: string;
  /** `set`: a list whose order does not matter. */
  readonly compare?: 'value' | 'set';
}

/** One field of the document. */
export interface DocumentField {
  /** Its path in the document; `[]` stands for each element of a list (`listeners[].protocol`). */
  readonly path: string;
  /** The unit of a number. */
  readonly unit?: 'seconds' | 'minutes';
  /** The value the construct writes when the prop is not given (ELB's own default). */
  readonly default?: number | boolean | string;
  /** The whole numbers allowed (a count for lists and maps). */
  readonly range?: FieldRange;
  /** The only values allowed, when they are not a range. */
  readonly allowed?: readonly (number | string)[];
  /**
   * The path of the construct prop a user writes for it (`''` for a list element written as the
   * element itself, e.g. `instances[0]`); absent when the construct fills it another way.
   */
  readonly prop?: string;
  /** The prop says the opposite of the field (`internetFacing` for `internal`). */
  readonly propNegated?: boolean;
  /** How plans compare and label it; absent when its parent is compared whole, or elsewhere. */
  readonly diff?: DiffEntry;
  /** Its `aws_elb` argument; absent when it lives in other AWS resources (policies, attachments). */
  readonly aws?: AwsArgument;
}

/**
 * The fields, in the order plans list them: the name (which plans do not compare), the health
 * check, the load balancer's attributes, then the parts of the access log, tags, listeners,
 * back-end ports and instances.
 */
export const DOCUMENT_FIELDS: readonly DocumentField[] = [
  { path: 'name', prop: 'name', aws: { name: 'name' } },
  { path: 'healthCheck.target', prop: 'healthCheck.target', diff: { label: 'health check target' }, aws: { name: 'health_check.target' } },
  { path: 'healthCheck.intervalSeconds', unit: 'seconds', default: 30, range: { min: 5, max: 300 }, prop: 'healthCheck.interval',
    diff: { label: 'health check intervalSeconds' }, aws: { name: 'health_check.interval' } },
  { path: 'healthCheck.timeoutSeconds', unit: 'seconds', default: 5, range: { min: 2, max: 60 }, prop: 'healthCheck.timeout',
    diff: { label: 'health check timeoutSeconds' }, aws: { name: 'health_check.timeout' } },
  { path: 'healthCheck.healthyThreshold', default: 10, range: { min: 2, max: 10 }, prop: 'healthCheck.healthyThreshold',
    diff: { label: 'health check healthyThreshold' }, aws: { name: 'health_check.healthy_threshold' } },
  { path: 'healthCheck.unhealthyThreshold', default: 2, range: { min: 2, max: 10 }, prop: 'healthCheck.unhealthyThreshold',
    diff: { label: 'health check unhealthyThreshold' }, aws: { name: 'health_check.unhealthy_threshold' } },
  { path: 'internal', default: false, prop: 'internetFacing', propNegated: true, diff: { label: 'internal' }, aws: { name: 'internal' } },
  { path: 'availabilityZones', prop: 'availabilityZones', diff: { label: 'availability zones', compare: 'set' },
    aws: { name: 'availability_zones', omitEmpty: true } },
  { path: 'subnets', prop: 'subnets', diff: { label: 'subnets', compare: 'set' }, aws: { name: 'subnets', omitEmpty: true } },
  { path: 'securityGroups', prop: 'securityGroups', diff: { label: 'security groups', compare: 'set' },
    aws: { name: 'security_groups', omitEmpty: true } },
  { path: 'crossZoneLoadBalancing', default: true, prop: 'crossZone', diff: { label: 'cross-zone load balancing' },
    aws: { name: 'cross_zone_load_balancing' } },
  { path: 'idleTimeoutSeconds', unit: 'seconds', default: 60, range: { min: 1, max: 4000 }, prop: 'idleTimeout',
    diff: { label: 'idle timeout (s)' }, aws: { name: 'idle_timeout' } },
  { path: 'connectionDraining.enabled', default: false, prop: 'connectionDraining', diff: { label: 'connection draining' },
    aws: { name: 'connection_draining' } },
  { path: 'connectionDraining.timeoutSeconds', unit: 'seconds', default: 300, range: { min: 1, max: 3600 }, prop: 'connectionDrainingTimeout',
    diff: { label: 'connection draining timeout (s)' }, aws: { name: 'connection_draining_timeout' } },
  { path: 'desyncMitigationMode', default: 'defensive', allowed: ['monitor', 'defensive', 'strictest'], prop: 'desyncMitigationMode',
    diff: { label: 'desync mitigation mode' },
    aws: { name: 'desync_mitigation_mode' } },
  { path: 'accessLog', prop: 'accessLogs', diff: { label: 'access log' } },
  { path: 'accessLog.enabled', default: true, prop: 'accessLogs.enabled', aws: { name: 'access_logs.enabled' } },
  { path: 'accessLog.s3BucketName', prop: 'accessLogs.bucket', aws: { name: 'access_logs.bucket' } },
  { path: 'accessLog.s3BucketPrefix', prop: 'accessLogs.prefix', aws: { name: 'access_logs.bucket_prefix' } },
  { path: 'accessLog.emitIntervalMinutes', unit: 'minutes', default: 60, allowed: [5, 60], prop: 'accessLogs.interval',
    aws: { name: 'access_logs.interval' } },
  // 10: the ELB API's AddTags limit (rules/tags.ts gives the sources and why not the guide's 50).
  { path: 'tags', range: { min: 0, max: 10 }, prop: 'tags', aws: { name: 'tags', omitEmpty: true } },
  { path: 'listeners', range: { min: 1, max: 100 }, prop: 'listeners', aws: { name: 'listener' } },
  { path: 'listeners[].loadBalancerPort', range: { min: 1, max: 65535 }, prop: 'listeners[].loadBalancerPort', aws: { name: 'listener.lb_port' } },
  { path: 'listeners[].protocol', prop: 'listeners[].protocol', diff: { label: 'protocol' }, aws: { name: 'listener.lb_protocol', lowerCase: true } },
  { path: 'listeners[].instancePort', range: { min: 1, max: 65535 }, prop: 'listeners[].instancePort', diff: { label: 'instance port' },
    aws: { name: 'listener.instance_port' } },
  { path: 'listeners[].instanceProtocol', prop: 'listeners[].instanceProtocol', diff: { label: 'instance protocol' },
    aws: { name: 'listener.instance_protocol', lowerCase: true } },
  { path: 'listeners[].sslCertificateId', prop: 'listeners[].certificate', diff: { label: 'certificate' }, aws: { name: 'listener.ssl_certificate_id' } },
  { path: 'listeners[].policyNames', diff: { label: 'policies' } },
  { path: 'backendServers[].instancePort', range: { min: 1, max: 65535 } },
  { path: 'instances', range: { min: 0, max: 1000 }, prop: 'instances' },
  { path: 'instances[].instanceId', prop: 'instances[]' },
];

/**
 * The fields of a server certificate request as the model's certificate checks name them
 * (`serverCertificate.body`), with the `ServerCertificate` props a user writes.
 */
export const SERVER_CERTIFICATE_FIELDS: readonly DocumentField[] = [
  { path: 'serverCertificate.body', prop: 'certificateBody' },
  { path: 'serverCertificate.chain', prop: 'certificateChain' },
  { path: 'serverCertificate.privateKey', prop: 'privateKey' },
  { path: 'serverCertificate.name', prop: 'name' },
  { path: 'serverCertificate.path', prop: 'path' },
];

/** The field at `path` (`listeners[].protocol` for a listener's); throws for a path not in the table. */
export function documentField(path: string): DocumentField {
  const field = DOCUMENT_FIELDS.find((f) => f.path === path);
  if (!field) throw new Error(`internal: no document field '${path}' in DOCUMENT_FIELDS`);
  return field;
}

/** The range of the field at `path`; throws when the table gives it none. */
export function fieldRange(path: string): FieldRange {
  const range = documentField(path).range;
  if (!range) throw new Error(`internal: document field '${path}' has no range`);
  return range;
}

/** The default of the field at `path`; throws when the table gives it none. */
export function fieldDefault<T extends number | boolean | string>(path: string): T {
  const value = documentField(path).default;
  if (value === undefined) throw new Error(`internal: document field '${path}' has no default`);
  return value as T;
}

/** The fields directly under `parent` (`healthCheck` gives `healthCheck.target`, ...), in table order. */
export function fieldsUnder(parent: string): DocumentField[] {
  return DOCUMENT_FIELDS.filter((f) => f.path.startsWith(`${parent}.`) && !f.path.slice(parent.length + 1).includes('.'));
}

/** The last part of a field's path (`intervalSeconds` for `healthCheck.intervalSeconds`). */
export function fieldKey(field: DocumentField): string {
  return field.path.slice(field.path.lastIndexOf('.') + 1);
}
