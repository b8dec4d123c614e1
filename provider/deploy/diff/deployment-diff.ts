import { LoadBalancerDocument, LoadBalancerDocuments } from '../../../lib/policy';
import { DeployErrors } from '../errors';
import {
  CertificatePlan, DeployPlan, LoadBalancerPlan, PLAN_FORMAT_VERSION, PLAN_KIND, PlanAction, PlanSource,
} from '../plan/deploy-plan';
import { ChangeOrigin, ChangeSubject } from '../plan/plan-change';
import { summarizePlan } from '../plan/plan-summary';
import { redactPlanSecrets } from '../plan/redaction';
import { ChangeList } from './change-list';
import { DeploymentState, ServerCertificateSummary } from './deployment-state';
import { markDrift } from './drift';
import { CertificateLookup, diffLoadBalancer } from './load-balancer-diff';
import { reviewNewLoadBalancer, reviewSecurity } from './security-review';
import { fingerprintHex, isHexFingerprint } from '../../../lib/policy/queries/fingerprint-hex';
import { sameDocument } from '../../../lib/policy/queries/same-document';

/** Options of `planDeployment`. */
export interface PlanOptions {
  /**
   * What this tool applied last. A live value that differs from it is reported as drift (changed
   * outside the tool), distinct from the user's own change.
   * @default - no drift detection: every change counts as the user's
   */
  readonly lastApplied?: DeploymentState;
  /**
   * The stack the plan is for, recorded in the plan.
   * @default - none
   */
  readonly stack?: string;
  /**
   * The plan's timestamp.
   * @default - now
   */
  readonly createdAt?: Date;
}

/**
 * Computes the plan that takes live state to desired state: per load balancer create, update,
 * delete or no-op with every change (listeners, policies and their attributes, back-end ports,
 * health check, attributes, tags, certificates by fingerprint, instances), the security review of
 * each SSL negotiation policy change, drift against the last-applied state, and per server
 * certificate its action by fingerprint. Documents are normalized (`LoadBalancerDocuments.normalize`)
 * before they are compared, so order and case that carry no meaning never show as changes.
 *
 * Ownership: without `lastApplied`, `live` is taken to hold only what this stack manages, and a live
 * load balancer or certificate it does not declare is deleted. With `lastApplied`, one is deleted
 * only if this stack applied it before; others in the engine are left alone.
 *
 * @throws DeployError SECLB_DEPLOY_DUPLICATE_LOAD_BALANCER, SECLB_DEPLOY_DUPLICATE_CERTIFICATE, SECLB_DEPLOY_BAD_FINGERPRINT
 */
export function planDeployment(desired: DeploymentState, live: DeploymentState, options: PlanOptions = {}): DeployPlan {
  // Live documents read from the last-applied record are the record's own objects: each one is
  // normalized (and written out for comparison) once, not once per side.
  const normalized = new Map<LoadBalancerDocument, LoadBalancerDocument>();
  const want = indexDocuments('desired', desired, normalized);
  const have = indexDocuments('live', live, normalized);
  const applied = options.lastApplied ? indexDocuments('last-applied', options.lastApplied, normalized) : undefined;
  const certs: CertificateLookup = {
    before: indexCertificates('live', live), after: indexCertificates('desired', desired),
  };
  const appliedCerts = options.lastApplied ? indexCertificates('last-applied', options.lastApplied) : undefined;
  // Ownership (docs/local-target.md): with a last-applied record, a live load balancer this stack
  // neither declares nor applied before belongs to someone else and is left out of the plan.
  const owned = (name: string) => !applied || want.has(name) || applied.has(name);
  const names = [...new Set([...want.keys(), ...have.keys()])].filter(owned).sort();
  const loadBalancers = names.map((name) => planLoadBalancer(name, want.get(name), have.get(name), applied, certs,
    appliedCerts, live.revisions?.[name]));
  const serverCertificates = planCertificates(certs, appliedCerts)
    .filter((c) => !appliedCerts || certs.after.has(c.name) || appliedCerts.has(c.name));
  // Only the rest of the plan is written out to look for secrets; the documents are scanned in
  // place (the same scan and the same result as redactSecrets over the whole plan).
  return redactPlanSecrets({
    kind: PLAN_KIND,
    formatVersion: PLAN_FORMAT_VERSION,
    source: PlanSource.SECLB,
    createdAt: (options.createdAt ?? new Date()).toISOString(),
    ...(options.stack === undefined ? {} : { stack: options.stack }),
    loadBalancers,
    serverCertificates,
    summary: summarizePlan(loadBalancers, serverCertificates),
  });
}

function planLoadBalancer(name: string, desired: LoadBalancerDocument | undefined, live: LoadBalancerDocument | undefined,
  applied: Map<string, LoadBalancerDocument> | undefined, certs: CertificateLookup,
  appliedCerts: Map<string, ServerCertificateSummary> | undefined, revision: number | string | undefined): LoadBalancerPlan {
  const last = applied?.get(name);
  // Fast path: equal canonical documents (the common case in a large stack) need no part-by-part diff.
  const unchanged = live !== undefined && desired !== undefined && sameDocument(live, desired) && sameListenerCertificates(live, certs);
  let changes = unchanged ? [] : diffLoadBalancer(live, desired, certs);
  if (applied && changes.length) {
    const driftFree = last !== undefined && live !== undefined && sameDocument(live, last)
      && sameListenerCertificates(live, { before: appliedCerts ?? new Map(), after: certs.before });
    if (!driftFree) changes = markDrift(changes, diffLoadBalancer(last, live, { before: appliedCerts ?? new Map(), after: certs.before }));
  }
  const action = !live ? PlanAction.CREATE : !desired ? PlanAction.DELETE : changes.length ? PlanAction.UPDATE : PlanAction.NO_OP;
  // A whole load balancer deleted outside the tool, or created outside it, is drift too.
  const wholeDrift = applied !== undefined && ((action === PlanAction.CREATE && last !== undefined)
    || (action === PlanAction.DELETE && last === undefined));
  if (wholeDrift) changes = changes.map((c) => ({ ...c, origin: ChangeOrigin.DRIFT }));
  // A new load balancer is judged on what it enables; an existing one on what changes.
  const security = live && desired && changes.length ? reviewSecurity(live, desired, last)
    : !live && desired ? reviewNewLoadBalancer(desired) : [];
  return {
    name,
    action,
    liveRevision: live ? revision ?? null : null,
    ...(desired ? { desired } : {}),
    changes,
    security,
    drifted: changes.some((c) => c.origin === ChangeOrigin.DRIFT),
  };
}

function planCertificates(certs: CertificateLookup, applied: Map<string, ServerCertificateSummary> | undefined): CertificatePlan[] {
  const names = [...new Set([...certs.before.keys(), ...certs.after.keys()])].sort();
  return names.map((name) => {
    const list = new ChangeList();
    const b = certs.before.get(name);
    const a = certs.after.get(name);
    list.value(`serverCertificates[${name}].fingerprint`, ChangeSubject.CERTIFICATE, `certificate ${name}`, b?.fingerprint, a?.fingerprint);
    let changes = list.changes;
    if (applied) {
      const drift = new ChangeList();
      drift.value(`serverCertificates[${name}].fingerprint`, ChangeSubject.CERTIFICATE, `certificate ${name}`, applied.get(name)?.fingerprint, b?.fingerprint);
      changes = markDrift(changes, drift.changes);
    }
    const action = !b ? PlanAction.CREATE : !a ? PlanAction.DELETE : changes.length ? PlanAction.UPDATE : PlanAction.NO_OP;
    return { name, action, changes, drifted: changes.some((c) => c.origin === ChangeOrigin.DRIFT) };
  });
}

/** True when every certificate a listener names has the same fingerprint on both sides. */
function sameListenerCertificates(doc: LoadBalancerDocument, certs: CertificateLookup): boolean {
  return doc.listeners.every((l) => l.sslCertificateId === undefined
    || certs.before.get(l.sslCertificateId)?.fingerprint === certs.after.get(l.sslCertificateId)?.fingerprint);
}

function indexDocuments(set: string, state: DeploymentState, normalized: Map<LoadBalancerDocument, LoadBalancerDocument>): Map<string, LoadBalancerDocument> {
  const map = new Map<string, LoadBalancerDocument>();
  for (const doc of state.loadBalancers) {
    if (map.has(doc.name)) throw DeployErrors.duplicateLoadBalancer(set, doc.name);
    let normal = normalized.get(doc);
    if (normal === undefined) normalized.set(doc, normal = LoadBalancerDocuments.normalize(doc));
    map.set(doc.name, normal);
  }
  return map;
}

function indexCertificates(set: string, state: DeploymentState): Map<string, ServerCertificateSummary> {
  const map = new Map<string, ServerCertificateSummary>();
  for (const cert of state.serverCertificates ?? []) {
    if (map.has(cert.name)) throw DeployErrors.duplicateCertificate(set, cert.name);
    const fingerprint = fingerprintHex(cert.fingerprint);
    if (!isHexFingerprint(fingerprint)) throw DeployErrors.badFingerprint(set, cert.name, cert.fingerprint);
    map.set(cert.name, { ...cert, fingerprint });
  }
  return map;
}
