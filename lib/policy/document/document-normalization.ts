import { canonicalHealthCheckTarget, canonicalProtocol } from './canonical-spelling';
import { LoadBalancerDocument } from './load-balancer-document';

const byNumber = <T>(key: (t: T) => number) => (a: T, b: T) => key(a) - key(b);
const byText = <T>(key: (t: T) => string) => (a: T, b: T) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);
const sortedText = (list: string[]) => [...list].sort(byText((s: string) => s));

/**
 * The canonical form of a document: listeners by load balancer port, policies by name, back-end
 * servers by port, instances by id, tags by key, zones/subnets/security groups sorted, protocols
 * in canonical upper case (listeners and the health-check target's protocol; `canonical-spelling.ts`), optional fields dropped when absent. Policy attribute lists and policy name lists
 * keep their order (it is meaningful). Pure: returns a new document.
 */
export function normalizeDocument(doc: LoadBalancerDocument): LoadBalancerDocument {
  const tags: { [key: string]: string } = {};
  for (const key of sortedText(Object.keys(doc.tags ?? {}))) tags[key] = doc.tags[key];
  return {
    schemaVersion: doc.schemaVersion,
    name: doc.name,
    availabilityZones: sortedText(doc.availabilityZones),
    subnets: sortedText(doc.subnets),
    securityGroups: sortedText(doc.securityGroups),
    internal: doc.internal,
    crossZoneLoadBalancing: doc.crossZoneLoadBalancing,
    idleTimeoutSeconds: doc.idleTimeoutSeconds,
    connectionDraining: { enabled: doc.connectionDraining.enabled, timeoutSeconds: doc.connectionDraining.timeoutSeconds },
    ...(doc.accessLog ? {
      accessLog: {
        enabled: doc.accessLog.enabled,
        s3BucketName: doc.accessLog.s3BucketName,
        ...(doc.accessLog.s3BucketPrefix !== undefined ? { s3BucketPrefix: doc.accessLog.s3BucketPrefix } : {}),
        emitIntervalMinutes: doc.accessLog.emitIntervalMinutes,
      },
    } : {}),
    desyncMitigationMode: doc.desyncMitigationMode,
    listeners: doc.listeners.map((l) => ({
      loadBalancerPort: l.loadBalancerPort,
      protocol: canonicalProtocol(l.protocol),
      instancePort: l.instancePort,
      instanceProtocol: canonicalProtocol(l.instanceProtocol),
      ...(l.sslCertificateId !== undefined ? { sslCertificateId: l.sslCertificateId } : {}),
      policyNames: [...l.policyNames],
    })).sort(byNumber((l) => l.loadBalancerPort)),
    policies: doc.policies.map((p) => ({
      policyName: p.policyName,
      policyTypeName: p.policyTypeName,
      attributes: p.attributes.map((a) => ({ name: a.name, value: a.value })),
    })).sort(byText((p) => p.policyName)),
    backendServers: doc.backendServers.map((b) => ({ instancePort: b.instancePort, policyNames: [...b.policyNames] }))
      .sort(byNumber((b) => b.instancePort)),
    healthCheck: {
      target: canonicalHealthCheckTarget(doc.healthCheck.target),
      intervalSeconds: doc.healthCheck.intervalSeconds,
      timeoutSeconds: doc.healthCheck.timeoutSeconds,
      healthyThreshold: doc.healthCheck.healthyThreshold,
      unhealthyThreshold: doc.healthCheck.unhealthyThreshold,
    },
    instances: doc.instances.map((i) => ({ instanceId: i.instanceId, ...(i.address !== undefined ? { address: i.address } : {}) }))
      .sort(byText((i) => i.instanceId)),
    tags,
  };
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const key of sortedText(Object.keys(value as object))) {
    const v = (value as Record<string, unknown>)[key];
    if (v !== undefined) out[key] = sortKeys(v);
  }
  return out;
}

/**
 * `sortKeys` without the copies it does not need: a plain object whose keys are already in order
 * and hold no `undefined`, or a plain array, whose members need no change either, is returned as
 * it is (JSON.stringify writes it exactly as it would write its sorted copy). A normalized document
 * is mostly such parts (its policy attributes are `{ name, value }`), so serializing one copies
 * the few objects whose keys are out of order instead of every object. Anything else (a class
 * instance, a `Date`, a boxed string: JSON.stringify treats those differently from their copy)
 * goes through `sortKeys`, so the text is always that of `sortKeys(value)`.
 */
function sortKeysReusing(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  const proto = Object.getPrototypeOf(value);
  if (Array.isArray(value)) {
    if (proto !== Array.prototype) return sortKeys(value);
    let copy: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const v = value[i]; // a hole reads as undefined, which JSON.stringify writes as null either way
      const w = sortKeysReusing(v);
      if (w !== v && copy === undefined) copy = value.slice(0, i);
      if (copy !== undefined) copy.push(w);
    }
    return copy ?? value;
  }
  if (proto !== Object.prototype && proto !== null) return sortKeys(value);
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  let ordered = true;
  for (let i = 0; i < keys.length; i++) {
    if (record[keys[i]] === undefined || (i > 0 && !(keys[i - 1] < keys[i]))) {
      ordered = false;
      break;
    }
  }
  if (!ordered) {
    const out: Record<string, unknown> = {};
    for (const key of sortedText(keys)) {
      const v = record[key];
      if (v !== undefined) out[key] = sortKeysReusing(v);
    }
    return out;
  }
  let copy: Record<string, unknown> | undefined;
  for (let i = 0; i < keys.length; i++) {
    const v = record[keys[i]];
    const w = sortKeysReusing(v);
    if (w !== v && copy === undefined) {
      copy = {};
      for (let j = 0; j < i; j++) copy[keys[j]] = record[keys[j]];
    }
    if (copy !== undefined) copy[keys[i]] = w;
  }
  return copy ?? value;
}

/** Canonical text: the normalized document, keys sorted, two-space indentation, final newline. */
export function serializeDocument(doc: LoadBalancerDocument): string {
  return `${JSON.stringify(sortKeysReusing(normalizeDocument(doc)), null, 2)}\n`;
}
