import { DeploymentState, normalizeFingerprint, ServerCertificateSummary } from '../diff/deployment-state';
import { EngineAdminClient, LiveLoadBalancer } from '../engine-client/engine-admin-client';
import { LoadBalancerDocument } from '../../../lib/policy';

/** Live state as read from the engine: the deploy core's `DeploymentState` plus the raw documents. */
export interface LiveState {
  /** Documents, certificates by fingerprint and revisions, for `planDeployment`. */
  readonly state: DeploymentState;
  /** The live documents by name (for merging policy attachments). */
  readonly documents: Map<string, LoadBalancerDocument>;
}

/** How many admin reads run at once. */
const CONCURRENCY = 16;

/**
 * Reads every load balancer (with its revision) and every server certificate (by fingerprint,
 * never its key) from the engine.
 */
export async function readLiveState(client: EngineAdminClient): Promise<LiveState> {
  const [list, certificates] = await Promise.all([client.listLoadBalancers(), client.listCertificates()]);
  const found: LiveLoadBalancer[] = [];
  let next = 0;
  const worker = async () => {
    while (next < list.length) {
      const { name } = list[next++];
      const live = await client.getLoadBalancer(name);
      if (live) found.push(live);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, list.length) }, worker));
  found.sort((a, b) => (a.name < b.name ? -1 : 1));
  const serverCertificates: ServerCertificateSummary[] = certificates.map((c) => ({
    name: c.name,
    fingerprint: normalizeFingerprint(c.fingerprintSha256),
    ...(typeof c.subject === 'string' ? { subject: c.subject } : {}),
    ...(typeof c.notAfter === 'string' ? { notAfter: c.notAfter } : {}),
  }));
  return {
    state: {
      loadBalancers: found.map((l) => l.document),
      serverCertificates,
      revisions: Object.fromEntries(found.map((l) => [l.name, l.revision])),
    },
    documents: new Map(found.map((l) => [l.name, l.document])),
  };
}
