import { createHash, X509Certificate } from 'crypto';
import { ListenerDocument, ListenerProtocol, LoadBalancerDocument, PolicyDocument, PolicyTypeName } from '../../../lib/policy';
import { AwsArgument, documentField } from '../../../lib/policy/document/document-fields';
import { ServerCertificateSummary } from '../diff/deployment-state';
import { LoadBalancerOwners } from './load-balancer-owners';
import { plannedValue, priorValue, TerraformResourceChange, UNKNOWN_VALUE } from './terraform-plan-json';
import { fingerprintHex } from '../../../lib/policy/queries/fingerprint-hex';

/** One side (prior or planned) of the Classic ELB resources in a Terraform plan, as documents. */
export interface TerraformSide {
  /**
   * A document per load balancer, assembled from every ELB resource that belongs to it, keyed by
   * its `aws_elb` resource address (so a renamed load balancer is one entry), or by name when the
   * plan has no `aws_elb` for it.
   */
  readonly loadBalancers: Map<string, LoadBalancerDocument>;
  /** Server certificates by the ARN listeners use (or by name when the ARN is unknown). */
  readonly certificatesById: Map<string, ServerCertificateSummary>;
  /** Server certificates by name. */
  readonly certificatesByName: Map<string, ServerCertificateSummary>;
  /** The resource address behind each document key, e.g. `policies[pol-a]` → `aws_load_balancer_policy.ssl`. */
  readonly addresses: Map<string, string>;
}

/** The resource types the preview reads. */
export const ELB_RESOURCE_TYPES = [
  'aws_elb', 'aws_load_balancer_policy', 'aws_load_balancer_listener_policy', 'aws_load_balancer_backend_server_policy',
  'aws_iam_server_certificate', 'aws_elb_attachment', 'aws_lb_ssl_negotiation_policy',
] as const;

interface Draft {
  name: string;
  elb?: Record<string, unknown>;
  policies: PolicyDocument[];
  listenerPolicies: Map<number, string[]>;
  backendPolicies: Map<number, string[]>;
  attachments: string[];
}

/**
 * Assembles one side of a Terraform plan into load balancer documents: `aws_elb` gives listeners,
 * health check, attributes, tags and inline instances; `aws_load_balancer_policy` the policies
 * (their `policy_attribute` sets as attribute lists); the listener and back-end binders the policy
 * names per port; `aws_lb_ssl_negotiation_policy` a policy bound to its `lb_port`; `aws_elb_attachment` instance registrations; `aws_iam_server_certificate` the
 * certificates, described by the SHA-256 fingerprint of `certificate_body` only (`private_key` is
 * never read).
 *
 * An attachment whose instance id is known only after apply stands as `(known after apply)
 * <address>`, so two such attachments stay two.
 *
 * @param changes the plan's resource changes
 * @param side `before` for prior state, `after` for the planned state
 * @param owners which `aws_elb` each resource belongs to
 */
export function terraformSide(changes: TerraformResourceChange[], side: 'before' | 'after', owners: LoadBalancerOwners): TerraformSide {
  const drafts = new Map<string, Draft>();
  const addresses = new Map<string, string>();
  const certificatesById = new Map<string, ServerCertificateSummary>();
  const certificatesByName = new Map<string, ServerCertificateSummary>();
  const draft = (key: string) => {
    let d = drafts.get(key);
    if (!d) drafts.set(key, d = { name: key, policies: [], listenerPolicies: new Map(), backendPolicies: new Map(), attachments: [] });
    return d;
  };
  // The provider mirrors attachments into aws_elb's computed `instances`; where a load balancer has
  // attachment resources (on either side) they alone say which instances are registered.
  const attached = new Set<string>();
  for (const rc of changes.filter((c) => c.type === 'aws_elb_attachment' && c.mode !== 'data')) {
    const b = priorValue(rc);
    const a = plannedValue(rc);
    if (b) attached.add(owners.keyOf(rc, str(b.elb), 'before'));
    if (a) attached.add(owners.keyOf(rc, str(a.elb), 'after'));
  }
  for (const rc of changes) {
    if (rc.mode === 'data') continue;
    const v = side === 'before' ? priorValue(rc) : plannedValue(rc);
    if (!v) continue;
    if (rc.type === 'aws_iam_server_certificate') {
      const cert = describeBody(str(v.name), v.certificate_body);
      certificatesByName.set(cert.name, cert);
      certificatesById.set(typeof v.arn === 'string' && v.arn !== UNKNOWN_VALUE ? v.arn : cert.name, cert);
      addresses.set(`certificates[${cert.name}]`, rc.address);
      continue;
    }
    const lb = owners.keyOf(rc, str(v.load_balancer_name ?? v.load_balancer ?? v.elb ?? v.name), side);
    switch (rc.type) {
      case 'aws_elb':
        draft(lb).elb = v;
        draft(lb).name = str(v.name);
        addresses.set(`${lb}`, rc.address);
        break;
      case 'aws_load_balancer_policy': {
        const name = str(v.policy_name);
        const attrs = Array.isArray(v.policy_attribute) ? v.policy_attribute as Record<string, unknown>[] : [];
        draft(lb).policies.push({ policyName: name, policyTypeName: str(v.policy_type_name),
          attributes: attrs.map((a) => ({ name: str(a.name), value: str(a.value) })) });
        addresses.set(`${lb}/policies[${name}]`, rc.address);
        break;
      }
      case 'aws_lb_ssl_negotiation_policy': {
        // The older one-resource form: the policy and its binding to lb_port (it replaces the port's list).
        const name = str(v.name);
        const attrs = Array.isArray(v.attribute) ? v.attribute as Record<string, unknown>[] : [];
        draft(lb).policies.push({ policyName: name, policyTypeName: PolicyTypeName.SSL_NEGOTIATION,
          attributes: attrs.map((a) => ({ name: str(a.name), value: str(a.value) })) });
        draft(lb).listenerPolicies.set(Number(v.lb_port), [name]);
        addresses.set(`${lb}/policies[${name}]`, rc.address);
        addresses.set(`${lb}/listeners[${Number(v.lb_port)}].policyNames`, rc.address);
        break;
      }
      case 'aws_load_balancer_listener_policy':
        draft(lb).listenerPolicies.set(Number(v.load_balancer_port), strings(v.policy_names));
        addresses.set(`${lb}/listeners[${Number(v.load_balancer_port)}].policyNames`, rc.address);
        break;
      case 'aws_load_balancer_backend_server_policy':
        draft(lb).backendPolicies.set(Number(v.instance_port), strings(v.policy_names));
        addresses.set(`${lb}/backendServers[${Number(v.instance_port)}]`, rc.address);
        break;
      case 'aws_elb_attachment': {
        const instance = v.instance === UNKNOWN_VALUE ? `${UNKNOWN_VALUE} <${rc.address}>` : str(v.instance);
        draft(lb).attachments.push(instance);
        addresses.set(`${lb}/instances[${instance}]`, rc.address);
        break;
      }
      default:
        break;
    }
  }
  const loadBalancers = new Map([...drafts].map(([key, d]) => [key, toDocument(d, attached.has(key))]));
  return { loadBalancers, certificatesById, certificatesByName, addresses };
}

function toDocument(d: Draft, attachmentsOnly: boolean): LoadBalancerDocument {
  const elb = d.elb ?? {};
  const declared = arg(elb, 'listeners');
  const listeners: ListenerDocument[] = (Array.isArray(declared) ? declared as Record<string, unknown>[] : [])
    .map((l) => ({
      loadBalancerPort: Number(arg(l, 'listeners[].loadBalancerPort')),
      protocol: fromAwsCase('listeners[].protocol', str(arg(l, 'listeners[].protocol'))) as ListenerProtocol,
      instancePort: Number(arg(l, 'listeners[].instancePort')),
      instanceProtocol: fromAwsCase('listeners[].instanceProtocol', str(arg(l, 'listeners[].instanceProtocol'))) as ListenerProtocol,
      ...(arg(l, 'listeners[].sslCertificateId') ? { sslCertificateId: str(arg(l, 'listeners[].sslCertificateId')) } : {}),
      policyNames: d.listenerPolicies.get(Number(arg(l, 'listeners[].loadBalancerPort'))) ?? [],
    }))
    .sort((a, b) => a.loadBalancerPort - b.loadBalancerPort);
  const hc = blockOf(elb, 'healthCheck.target');
  const logs = blockOf(elb, 'accessLog.enabled');
  const inline = !attachmentsOnly && Array.isArray(elb.instances) ? strings(elb.instances) : [];
  const instances = [...new Set([...inline, ...d.attachments])].sort().map((instanceId) => ({ instanceId }));
  const tags = arg(elb, 'tags');
  return {
    schemaVersion: 1,
    name: d.name,
    availabilityZones: strings(arg(elb, 'availabilityZones')),
    subnets: strings(arg(elb, 'subnets')),
    securityGroups: strings(arg(elb, 'securityGroups')),
    internal: arg(elb, 'internal') as boolean,
    crossZoneLoadBalancing: arg(elb, 'crossZoneLoadBalancing') as boolean,
    idleTimeoutSeconds: arg(elb, 'idleTimeoutSeconds') as number,
    connectionDraining: { enabled: arg(elb, 'connectionDraining.enabled') as boolean, timeoutSeconds: arg(elb, 'connectionDraining.timeoutSeconds') as number },
    ...(logs ? { accessLog: { enabled: arg(logs, 'accessLog.enabled') as boolean, s3BucketName: str(arg(logs, 'accessLog.s3BucketName')),
      s3BucketPrefix: arg(logs, 'accessLog.s3BucketPrefix') as string, emitIntervalMinutes: arg(logs, 'accessLog.emitIntervalMinutes') as number } } : {}),
    desyncMitigationMode: arg(elb, 'desyncMitigationMode') as string,
    listeners,
    policies: [...d.policies].sort((a, b) => (a.policyName < b.policyName ? -1 : 1)),
    backendServers: [...d.backendPolicies].sort(([a], [b]) => a - b).map(([instancePort, policyNames]) => ({ instancePort, policyNames })),
    healthCheck: hc
      ? { target: str(arg(hc, 'healthCheck.target')), intervalSeconds: arg(hc, 'healthCheck.intervalSeconds') as number, timeoutSeconds: arg(hc, 'healthCheck.timeoutSeconds') as number,
        healthyThreshold: arg(hc, 'healthCheck.healthyThreshold') as number, unhealthyThreshold: arg(hc, 'healthCheck.unhealthyThreshold') as number }
      : (undefined as never),
    instances,
    tags: (tags && typeof tags === 'object' ? tags : {}) as { [key: string]: string },
  };
}

/**
 * The value of the `aws_elb` argument the field table (`DOCUMENT_FIELDS`) maps the document field
 * at `path` to, read from `source`: the resource's values, or the block or listener the argument
 * sits in (`health_check.interval` is read as `interval` of the `health_check` block).
 */
function arg(source: Record<string, unknown>, path: string): unknown {
  const name = awsArgument(path).name;
  return source[name.slice(name.indexOf('.') + 1)];
}

/** The block (`health_check`, `access_logs`) the field table puts the argument of `path` in, if the plan has it. */
function blockOf(elb: Record<string, unknown>, path: string): Record<string, unknown> | undefined {
  const name = awsArgument(path).name;
  return first(elb[name.slice(0, name.indexOf('.'))]);
}

/** The document's (upper-case) spelling of a value the provider stores in lower case. */
function fromAwsCase(path: string, value: string): string {
  return awsArgument(path).lowerCase ? value.toUpperCase() : value;
}

function awsArgument(path: string): AwsArgument {
  const aws = documentField(path).aws;
  if (!aws) throw new Error(`internal: document field '${path}' has no aws_elb argument`);
  return aws;
}

/** Fingerprints a certificate body: SHA-256 of the DER when it parses as X.509, else of the trimmed text. */
function describeBody(name: string, body: unknown): ServerCertificateSummary {
  if (typeof body !== 'string' || body === UNKNOWN_VALUE) return { name, fingerprint: UNKNOWN_VALUE };
  try {
    const cert = new X509Certificate(body);
    return { name, fingerprint: fingerprintHex(cert.fingerprint256), subject: cert.subject.replace(/\n/g, ', ') };
  } catch {
    return { name, fingerprint: createHash('sha256').update(body.trim()).digest('hex') };
  }
}

function first(value: unknown): Record<string, unknown> | undefined {
  return Array.isArray(value) && value.length ? value[0] as Record<string, unknown> : undefined;
}

function str(value: unknown): string {
  return value === undefined || value === null ? '' : String(value);
}

function strings(value: unknown): string[] {
  if (value === UNKNOWN_VALUE) return [UNKNOWN_VALUE];
  return Array.isArray(value) ? value.map((v) => str(v)).sort() : [];
}
