import { canonicalHealthCheckTarget, canonicalProtocol } from './canonical-spelling';
import { LoadBalancerDocument } from './load-balancer-document';
import { canonicalJsonText } from '../hashing/canonical-json';

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

/** Canonical text: the normalized document, keys sorted, two-space indentation, final newline. */
export function serializeDocument(doc: LoadBalancerDocument): string {
  return canonicalJsonText(normalizeDocument(doc));
}
