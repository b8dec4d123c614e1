import { ListenerDocument, LoadBalancerDocument, PolicyDocument } from '../../../lib/policy';
import { DOCUMENT_FIELDS, fieldKey } from '../../../lib/policy/document/document-fields';
import { ChangeSubject, PlanChange } from '../plan/plan-change';
import { ChangeList } from './change-list';
import { ServerCertificateSummary } from './deployment-state';

/** Server certificates by name, on the live side and the desired side. */
export interface CertificateLookup {
  /** Live certificates by name. */
  readonly before: ReadonlyMap<string, ServerCertificateSummary>;
  /** Desired certificates by name. */
  readonly after: ReadonlyMap<string, ServerCertificateSummary>;
}

const NO_CERTIFICATES: CertificateLookup = { before: new Map(), after: new Map() };

/** The fields plans compare, from the field table: the health check's, each listener's, and the load balancer's attributes. */
const COMPARED = DOCUMENT_FIELDS.filter((f) => f.diff);
const HEALTH_CHECK_FIELDS = COMPARED.filter((f) => f.path.startsWith('healthCheck.'));
const LISTENER_FIELDS = COMPARED.filter((f) => f.path.startsWith('listeners[].'));
const ATTRIBUTE_FIELDS = COMPARED.filter((f) => !HEALTH_CHECK_FIELDS.includes(f) && !LISTENER_FIELDS.includes(f));

/**
 * Compares two documents of one load balancer, part by part: listeners by port, policies by name
 * (and their attributes), back-end port bindings, the health check, load balancer attributes, tags,
 * certificates (by fingerprint) and instance registrations.
 *
 * @param before the live document, or undefined when the load balancer is absent (every part is added)
 * @param after the desired document, or undefined when it is to be deleted (every part is removed)
 * @param certificates certificate fingerprints by name, to compare what listeners serve
 */
export function diffLoadBalancer(before: LoadBalancerDocument | undefined, after: LoadBalancerDocument | undefined,
  certificates: CertificateLookup = NO_CERTIFICATES): PlanChange[] {
  const list = new ChangeList();
  diffListeners(list, before?.listeners ?? [], after?.listeners ?? [], certificates);
  diffPolicies(list, before?.policies ?? [], after?.policies ?? []);
  list.keyed(before?.backendServers ?? [], after?.backendServers ?? [], (b) => b.instancePort,
    (a) => list.value(`backendServers[${a.instancePort}].policyNames`, ChangeSubject.BACKEND_SERVER, `instance port ${a.instancePort} policies`, undefined, a.policyNames),
    (b) => list.value(`backendServers[${b.instancePort}].policyNames`, ChangeSubject.BACKEND_SERVER, `instance port ${b.instancePort} policies`, b.policyNames, undefined),
    (b, a) => list.value(`backendServers[${a.instancePort}].policyNames`, ChangeSubject.BACKEND_SERVER, `instance port ${a.instancePort} policies`, b.policyNames, a.policyNames));
  for (const f of HEALTH_CHECK_FIELDS) {
    list.value(f.path, ChangeSubject.HEALTH_CHECK, f.diff!.label, valueAt(before, f.path), valueAt(after, f.path));
  }
  diffAttributes(list, before, after);
  const tagKeys = [...new Set([...Object.keys(before?.tags ?? {}), ...Object.keys(after?.tags ?? {})])].sort();
  for (const k of tagKeys) list.value(`tags[${k}]`, ChangeSubject.TAG, `tag ${k}`, before?.tags?.[k], after?.tags?.[k]);
  list.keyed(before?.instances ?? [], after?.instances ?? [], (i) => i.instanceId,
    (a) => list.value(`instances[${a.instanceId}]`, ChangeSubject.INSTANCE, `instance ${a.instanceId}`, undefined, a),
    (b) => list.value(`instances[${b.instanceId}]`, ChangeSubject.INSTANCE, `instance ${b.instanceId}`, b, undefined),
    (b, a) => list.value(`instances[${a.instanceId}].address`, ChangeSubject.INSTANCE, `instance ${a.instanceId} address`, b.address, a.address));
  return list.changes;
}

function diffListeners(list: ChangeList, before: ListenerDocument[], after: ListenerDocument[], certs: CertificateLookup): void {
  const fingerprint = (side: ReadonlyMap<string, ServerCertificateSummary>, l: ListenerDocument) =>
    (l.sslCertificateId === undefined ? undefined : side.get(l.sslCertificateId)?.fingerprint);
  const summary = (l: ListenerDocument, fp: string | undefined) => ({
    protocol: l.protocol, instancePort: l.instancePort, instanceProtocol: l.instanceProtocol,
    ...(l.sslCertificateId === undefined ? {} : { sslCertificateId: l.sslCertificateId }),
    ...(fp === undefined ? {} : { certificateFingerprint: fp }),
    policyNames: l.policyNames,
  });
  list.keyed(before, after, (l) => l.loadBalancerPort,
    (a) => list.value(`listeners[${a.loadBalancerPort}]`, ChangeSubject.LISTENER, `listener ${a.loadBalancerPort}`, undefined, summary(a, fingerprint(certs.after, a))),
    (b) => list.value(`listeners[${b.loadBalancerPort}]`, ChangeSubject.LISTENER, `listener ${b.loadBalancerPort}`, summary(b, fingerprint(certs.before, b)), undefined),
    (b, a) => {
      const at = `listeners[${a.loadBalancerPort}]`;
      const label = `listener ${a.loadBalancerPort}`;
      for (const f of LISTENER_FIELDS) {
        const key = fieldKey(f);
        list.value(`${at}.${key}`, ChangeSubject.LISTENER, `${label} ${f.diff!.label}`, valueAt(b, key), valueAt(a, key));
        // What the certificate serves, right after which certificate it is.
        if (key === 'sslCertificateId') {
          list.value(`${at}.certificateFingerprint`, ChangeSubject.CERTIFICATE, `${label} ${f.diff!.label} fingerprint`,
            fingerprint(certs.before, b), fingerprint(certs.after, a));
        }
      }
    });
}

function diffPolicies(list: ChangeList, before: PolicyDocument[], after: PolicyDocument[]): void {
  const whole = (p: PolicyDocument) => ({ policyTypeName: p.policyTypeName, attributes: p.attributes });
  list.keyed(before, after, (p) => p.policyName,
    (a) => list.value(`policies[${a.policyName}]`, ChangeSubject.POLICY, `policy ${a.policyName}`, undefined, whole(a)),
    (b) => list.value(`policies[${b.policyName}]`, ChangeSubject.POLICY, `policy ${b.policyName}`, whole(b), undefined),
    (b, a) => {
      const at = `policies[${a.policyName}]`;
      if (list.value(`${at}.policyTypeName`, ChangeSubject.POLICY, `policy ${a.policyName} type`, b.policyTypeName, a.policyTypeName)) {
        list.value(`${at}.attributes`, ChangeSubject.POLICY, `policy ${a.policyName} attributes`, b.attributes, a.attributes);
        return;
      }
      const old = groupAttributes(b);
      const now = groupAttributes(a);
      const names = [...new Set([...old.keys(), ...now.keys()])];
      for (const name of names) {
        list.value(`${at}.attributes[${name}]`, ChangeSubject.POLICY_ATTRIBUTE, `policy ${a.policyName} ${name}`, old.get(name), now.get(name));
      }
    });
}

/** Attribute values by name; a name that repeats (PublicKeyPolicyName) maps to its sorted values. */
function groupAttributes(p: PolicyDocument): Map<string, string | string[]> {
  const values = new Map<string, string[]>();
  for (const a of p.attributes) values.set(a.name, [...(values.get(a.name) ?? []), a.value]);
  return new Map([...values].map(([k, v]) => [k, v.length === 1 ? v[0] : [...v].sort()]));
}

/** The load balancer's attributes and placement, in the field table's order and with its labels. */
function diffAttributes(list: ChangeList, before: LoadBalancerDocument | undefined, after: LoadBalancerDocument | undefined): void {
  for (const f of ATTRIBUTE_FIELDS) {
    if (f.diff!.compare === 'set') {
      list.set(f.path, ChangeSubject.ATTRIBUTE, f.diff!.label, valueAt(before, f.path) as string[] | undefined, valueAt(after, f.path) as string[] | undefined);
    } else {
      list.value(f.path, ChangeSubject.ATTRIBUTE, f.diff!.label, valueAt(before, f.path), valueAt(after, f.path));
    }
  }
}

/** The value at a dotted path, undefined where any part is absent. */
function valueAt(source: object | undefined, path: string): unknown {
  return path.split('.').reduce<unknown>((v, k) => (v === undefined || v === null ? undefined : (v as Record<string, unknown>)[k]), source);
}
