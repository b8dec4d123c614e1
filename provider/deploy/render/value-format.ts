import { PolicyAttribute, PolicyTypeName } from '../../../lib/policy';
import { resolveSslPolicyAttributes } from '../../../lib/policy/resolution/shared-resolutions';
import { ChangeAction, JsonValue, PlanChange } from '../plan/plan-change';
import { redactSecrets } from '../plan/redaction';

/**
 * Formats a plan value for people: scalars as they are, lists in brackets, policies as a summary
 * (an SSL negotiation policy as its protocols, cipher count and cipher order rather than 90
 * attributes), listeners as `HTTPS → HTTPS:443`, instances as `id @ address`. Secrets are redacted.
 */
export function formatValue(value: JsonValue | undefined): string {
  if (value === undefined) return '(none)';
  const v = redactSecrets(value);
  if (v === null) return 'null';
  if (typeof v === 'string') return v === '' ? "''" : v;
  if (typeof v !== 'object') return String(v);
  if (Array.isArray(v)) return `[${v.map((x) => formatValue(x)).join(', ')}]`;
  if (typeof v.policyTypeName === 'string' && Array.isArray(v.attributes)) {
    return formatPolicy(v.policyTypeName, v.attributes as unknown as PolicyAttribute[]);
  }
  if (typeof v.protocol === 'string' && typeof v.instancePort === 'number') {
    const cert = v.sslCertificateId === undefined ? '' : `, certificate ${v.sslCertificateId}`;
    const fp = v.certificateFingerprint === undefined ? '' : ` (sha256 ${v.certificateFingerprint})`;
    const policies = Array.isArray(v.policyNames) && v.policyNames.length ? `, policies ${formatValue(v.policyNames)}` : '';
    return `${v.protocol} → ${v.instanceProtocol}:${v.instancePort}${cert}${fp}${policies}`;
  }
  if (typeof v.instanceId === 'string') return v.address === undefined ? v.instanceId : `${v.instanceId} @ ${String(v.address)}`;
  return Object.entries(v).map(([k, x]) => `${k}=${formatValue(x)}`).join(', ');
}

/** A one-line summary of a policy: SSL negotiation policies by meaning, others by their attributes. */
export function formatPolicy(policyTypeName: string, attributes: PolicyAttribute[]): string {
  if (policyTypeName === PolicyTypeName.SSL_NEGOTIATION) {
    const resolved = resolveSslPolicyAttributes(attributes).policy;
    if (resolved) {
      const protocols = resolved.protocols.map((p) => p.replace(/^Protocol-/, '')).join(', ') || 'no protocols';
      const order = resolved.serverDefinedCipherOrder ? 'server cipher order' : 'client cipher order';
      const based = resolved.basedOn ? ` (from ${resolved.basedOn})` : '';
      return `${policyTypeName}: ${protocols}; ${resolved.ciphers.length} ciphers; ${order}${based}`;
    }
  }
  const attrs = attributes.map((a) => `${a.name}=${formatValue(a.value)}`).join(', ');
  return attrs ? `${policyTypeName}: ${attrs}` : policyTypeName;
}

/** The sign of a change: `+` add, `-` remove, `~` modify. */
export function changeSign(change: PlanChange): string {
  return change.action === ChangeAction.ADD ? '+' : change.action === ChangeAction.REMOVE ? '-' : '~';
}

/** `before → after`, `after` alone for an add, `before` alone for a remove. */
export function formatTransition(change: PlanChange): string {
  if (change.action === ChangeAction.ADD) return formatValue(change.after);
  if (change.action === ChangeAction.REMOVE) return formatValue(change.before);
  return `${formatValue(change.before)} → ${formatValue(change.after)}`;
}
