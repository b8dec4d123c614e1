import { fingerprintHex } from '../../../lib/policy/queries/fingerprint-hex';
import { DeploymentState, ServerCertificateSummary } from '../diff/deployment-state';
import { EngineAdminClient, LiveLoadBalancer } from '../engine-client/engine-admin-client';
import { LoadBalancerDocument } from '../../../lib/policy';
import { ObjectOwner } from '../../../lib/policy/ownership/object-owner';

/** Live state as read from the engine: the deploy core's `DeploymentState` plus the raw documents. */
export interface LiveState {
  /** Documents, certificates by fingerprint and revisions, for `planDeployment`. */
  readonly state: DeploymentState;
  /** The live documents by name (for merging policy attachments). */
  readonly documents: Map<string, LoadBalancerDocument>;
  /** Who created each live object on the engine (tool `unknown` when not on record). */
  readonly owners: LiveOwners;
}

/** The recorded owner of every live object, by name. */
export interface LiveOwners {
  readonly loadBalancers: ReadonlyMap<string, ObjectOwner>;
  readonly serverCertificates: ReadonlyMap<string, ObjectOwner>;
}

/** How many admin reads run at once. */
const CONCURRENCY = 16;

/**
 * Reads every load balancer (with its revision) and every server certificate (by fingerprint,
 * never its key) from the engine.
 *
 * `known` (what this tool applied last, with the revisions it wrote) saves reads: the engine bumps
 * a load balancer's revision on every write, so a load balancer still at a known revision still
 * holds the known document, and only the others are fetched. A thousand unchanged load balancers
 * then cost one list request instead of a thousand reads.
 */
export async function readLiveState(client: EngineAdminClient, known?: DeploymentState): Promise<LiveState> {
  const [list, certificates] = await Promise.all([client.listLoadBalancers(), client.listCertificates()]);
  const found: LiveLoadBalancer[] = [];
  const knownDocuments = new Map((known?.loadBalancers ?? []).map((d) => [d.name, d]));
  const toRead = list.filter(({ name, revision, owner }) => {
    const document = knownDocuments.get(name);
    if (document && known?.revisions?.[name] === revision) {
      found.push({ name, revision, document, owner });
      return false;
    }
    return true;
  });
  let next = 0;
  const worker = async () => {
    while (next < toRead.length) {
      const { name } = toRead[next++];
      const live = await client.getLoadBalancer(name);
      if (live) found.push(live);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, toRead.length) }, worker));
  found.sort((a, b) => (a.name < b.name ? -1 : 1));
  const serverCertificates: ServerCertificateSummary[] = certificates.map((c) => ({
    name: c.name,
    fingerprint: fingerprintHex(c.fingerprintSha256),
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
    owners: {
      loadBalancers: new Map(list.map((l) => [l.name, l.owner])),
      serverCertificates: new Map(certificates.map((c) => [c.name, c.owner])),
    },
  };
}
