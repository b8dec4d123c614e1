import { PolicyTypeName, SecurityClassification } from '../../../lib/policy';
import { formatPolicy } from '../render/value-format';
import { ELB_RESOURCE_TYPES } from './terraform-documents';
import { plannedValue, priorValue, TerraformResourceChange, UNKNOWN_VALUE } from './terraform-plan-json';

const str = (v: unknown) => (v === undefined || v === null ? '' : String(v));
const list = (v: unknown) => (v === UNKNOWN_VALUE ? UNKNOWN_VALUE : Array.isArray(v) && v.length ? v.map(str).join(', ') : 'none');

/**
 * What an ELB-related resource means for security, in one sentence, from its planned value (its
 * prior value when it is destroyed): a load balancer's listeners, an SSL negotiation policy's
 * protocols, ciphers, order and weak attributes (classified by the policy model), what a binder
 * puts on a listener or instance port, which instance an attachment registers, which certificate
 * is served. Undefined for other resource types. Private keys are never read.
 */
export function elbResourceMeaning(rc: TerraformResourceChange): string | undefined {
  if (!(ELB_RESOURCE_TYPES as readonly string[]).includes(rc.type)) return undefined;
  const planned = plannedValue(rc);
  const v = planned ?? priorValue(rc) ?? {};
  const gone = planned === undefined;
  const lb = str(v.load_balancer_name ?? v.load_balancer ?? v.elb);
  switch (rc.type) {
    case 'aws_elb': {
      const listeners = Array.isArray(v.listener) ? v.listener as Record<string, unknown>[] : [];
      const shown = listeners.map((l) => `${str(l.lb_protocol).toUpperCase()} ${str(l.lb_port)} → ${str(l.instance_protocol).toUpperCase()} ${str(l.instance_port)}`);
      return `load balancer ${str(v.name)}${v.internal === true ? ' (internal)' : ''}: ${shown.join(', ') || 'no listeners'}`
        + `${gone ? '; its DNS name stops resolving' : ''}`;
    }
    case 'aws_load_balancer_policy':
    case 'aws_lb_ssl_negotiation_policy': {
      const type = rc.type === 'aws_lb_ssl_negotiation_policy' ? PolicyTypeName.SSL_NEGOTIATION : str(v.policy_type_name);
      const raw = (Array.isArray(v.policy_attribute) ? v.policy_attribute : Array.isArray(v.attribute) ? v.attribute : []) as Record<string, unknown>[];
      const attributes = raw.map((a) => ({ name: str(a.name), value: str(a.value) }));
      const name = str(v.policy_name ?? v.name);
      if (type === PolicyTypeName.SSL_NEGOTIATION) {
        const weak = SecurityClassification.weakAttributes(attributes.filter((a) => a.value === 'true').map((a) => a.name));
        const warn = weak.length ? `; ⚠️ weak: ${weak.map((w) => w.attribute).join(', ')}` : '';
        return `TLS policy ${name} of ${lb}: ${formatPolicy(type, attributes).replace(`${type}: `, '')}${warn}`;
      }
      if (type === PolicyTypeName.PUBLIC_KEY) return `public key ${name} of ${lb}, pinned by back-end authentication`;
      if (type === PolicyTypeName.BACKEND_SERVER_AUTHENTICATION) return `back-end authentication policy ${name} of ${lb}: back-end certificates must match pinned keys`;
      return `${type} ${name} of ${lb}`;
    }
    case 'aws_load_balancer_listener_policy':
      return `policies on ${lb} listener ${str(v.load_balancer_port)}: ${list(v.policy_names)}${gone ? ' (removed: the listener falls back to ELB\'s default TLS policy)' : ''}`;
    case 'aws_load_balancer_backend_server_policy':
      return `back-end authentication on ${lb} instance port ${str(v.instance_port)}: ${list(v.policy_names)}${gone ? ' (removed: back-end certificates are no longer checked)' : ''}`;
    case 'aws_elb_attachment':
      return `${gone ? 'deregisters' : 'registers'} instance ${str(v.instance)} ${gone ? 'from' : 'with'} ${lb}`;
    case 'aws_iam_server_certificate':
      return `server certificate ${str(v.name)}${gone ? ' (deleted: listeners that use it fail)' : ''}; compared by fingerprint, the private key is never read`;
    default:
      return undefined;
  }
}
