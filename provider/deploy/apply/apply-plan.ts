import { LoadBalancerDocument } from '../../../lib/policy';
import { LocalStack, ServerCertificateMaterial } from '../desired/local-stack';
import { DeploymentState, describeServerCertificate, ServerCertificateSummary } from '../diff/deployment-state';
import { EngineAdminClient } from '../engine-client/engine-admin-client';
import { EngineRequestError } from '../engine-client/engine-request-error';
import { DeployErrors } from '../errors';
import { LocalLoadBalancers } from '../local-resources/local-load-balancers';
import { LocalServerCertificates } from '../local-resources/local-server-certificates';
import { CertificatePlan, DeployPlan, LoadBalancerPlan, PlanAction, PlanSource } from '../plan/deploy-plan';
import { assertPlanFresh } from '../plan/plan-freshness';
import { ApplyErrors } from './errors';

/** One write apply made. */
export interface AppliedChange {
  /** `load-balancer` or `server-certificate`. */
  readonly kind: 'load-balancer' | 'server-certificate';
  /** The name. */
  readonly name: string;
  /** What was done. */
  readonly action: PlanAction;
  /** The load balancer's engine revision after the write (load balancers that remain). */
  readonly revision?: number;
}

/** A step of an apply, for progress output. */
export interface ApplyProgress {
  /** The step's position (1-based) and the number of steps. */
  readonly step: number;
  readonly steps: number;
  /** What is being written, e.g. `update load balancer MyLoadBalancer`. */
  readonly description: string;
}

/** Options of `applyPlan`. */
export interface ApplyOptions {
  /** Certificate material from the synthesized stack the plan was made from (`LocalStack.certificates`). */
  readonly certificates: ServerCertificateMaterial[];
  /**
   * What this stack applied last; updated with every successful write and handed to `onRecord`.
   * @default - nothing applied before
   */
  readonly lastApplied?: DeploymentState;
  /**
   * Load balancers the stack only attaches policies to: written, but never recorded as owned.
   * @default - none
   */
  readonly attached?: string[];
  /**
   * Delete even objects another tool or stack owns (`--force-owner`).
   * @default false
   */
  readonly forceOwner?: boolean;
  /** Called once at the end (after success or failure) with the new last-applied state. */
  readonly onRecord?: (state: DeploymentState) => void;
  /** Called before each write. */
  readonly onProgress?: (progress: ApplyProgress) => void;
}

/** What `applyPlan` did. */
export interface ApplyResult {
  /** Every write, in the order made. */
  readonly changes: AppliedChange[];
}

/**
 * Applies exactly a plan computed by `planDeployment` to the engine, through the local-resources
 * primitives the Terraform plugin uses:
 *
 * 1. refuses the plan when any load balancer it changes moved since (`assertPlanFresh`, revisions);
 * 2. uploads new and replaced server certificates (material checked against the plan's fingerprints);
 * 3. deletes, updates and creates load balancers, each one atomic on the engine and each write
 *    naming the live revision the plan saw (`expectedRevision`), so a concurrent change is refused;
 * 4. deletes certificates the plan removes, once no listener names them.
 *
 * A failed write stops the apply; what was written before it stays (each load balancer is all or
 * nothing) and is recorded through `onRecord`.
 *
 * @throws DeployError SECLB_DEPLOY_STALE_PLAN, SECLB_DEPLOY_APPLY_* (see errors.ts)
 */
export async function applyPlan(client: EngineAdminClient, plan: DeployPlan, options: ApplyOptions): Promise<ApplyResult> {
  if (plan.source !== PlanSource.SECLB) throw ApplyErrors.notApplicable(plan.stack ?? 'file');
  const listed = await client.listLoadBalancers();
  assertPlanFresh(plan, Object.fromEntries(listed.map((l) => [l.name, l.revision])));

  const material = new Map(options.certificates.map((c) => [c.name, c]));
  const uploads = plan.serverCertificates.filter((c) => c.action === PlanAction.CREATE || c.action === PlanAction.UPDATE);
  const removals = plan.serverCertificates.filter((c) => c.action === PlanAction.DELETE);
  for (const c of uploads) checkMaterial(c, material.get(c.name));
  const rank = { [PlanAction.DELETE]: 0, [PlanAction.UPDATE]: 1, [PlanAction.CREATE]: 2, [PlanAction.NO_OP]: 3 };
  const writes = plan.loadBalancers.filter((l) => l.action !== PlanAction.NO_OP).sort((a, b) => rank[a.action] - rank[b.action]);

  const record = new RecordBuilder(options.lastApplied, new Set(options.attached ?? []));
  const changes: AppliedChange[] = [];
  const steps = uploads.length + writes.length + removals.length;
  let step = 0;
  const progress = (description: string) => options.onProgress?.({ step: ++step, steps, description });
  const done = () => changes.map((c) => `${c.action} ${c.kind} ${c.name}`);
  try {
    for (const c of uploads) {
      const m = material.get(c.name)!;
      progress(`${c.action} server certificate ${c.name}`);
      await write(`the upload of server certificate '${c.name}'`, done, () => (c.action === PlanAction.CREATE
        ? LocalServerCertificates.create(client, c.name, upload(m))
        : LocalServerCertificates.put(client, c.name, upload(m))));
      record.certificate(describeServerCertificate(c.name, m.certificateBody));
      changes.push({ kind: 'server-certificate', name: c.name, action: c.action });
    }
    for (const lb of writes) {
      progress(`${lb.action} load balancer ${lb.name}`);
      const revision = await writeLoadBalancer(client, lb, done, options.forceOwner === true);
      record.loadBalancer(lb.name, lb.action === PlanAction.DELETE ? undefined : lb.desired, revision);
      changes.push({ kind: 'load-balancer', name: lb.name, action: lb.action, ...(revision === undefined ? {} : { revision }) });
    }
    for (const c of removals) {
      progress(`delete server certificate ${c.name}`);
      await write(`the deletion of server certificate '${c.name}'`, done, () => LocalServerCertificates.delete(client, c.name, { forceOwner: options.forceOwner === true }));
      record.removeCertificate(c.name);
      changes.push({ kind: 'server-certificate', name: c.name, action: c.action });
    }
  } finally {
    // Unchanged parts of the plan are as desired too: the record then holds everything the stack owns.
    for (const lb of plan.loadBalancers) {
      if (lb.action === PlanAction.NO_OP && lb.desired) record.unchanged(lb.name, lb.desired, typeof lb.liveRevision === 'number' ? lb.liveRevision : undefined);
    }
    options.onRecord?.(record.state());
  }
  return { changes };
}

function upload(m: ServerCertificateMaterial) {
  return { certificateBody: m.certificateBody, privateKey: m.privateKey, ...(m.certificateChain ? { certificateChain: m.certificateChain } : {}) };
}

function checkMaterial(c: CertificatePlan, m: ServerCertificateMaterial | undefined): void {
  if (!m) throw ApplyErrors.materialMissing(c.name);
  const planned = c.changes.map((ch) => ch.after).find((v): v is string => typeof v === 'string');
  const found = describeServerCertificate(c.name, m.certificateBody).fingerprint;
  if (planned !== undefined && planned !== found) throw ApplyErrors.materialChanged(c.name, planned, found);
}

async function writeLoadBalancer(client: EngineAdminClient, lb: LoadBalancerPlan, done: () => string[], forceOwner: boolean): Promise<number | undefined> {
  const what = `the ${lb.action} of load balancer '${lb.name}'`;
  try {
    if (lb.action === PlanAction.DELETE) {
      await LocalLoadBalancers.delete(client, lb.name, typeof lb.liveRevision === 'number' ? lb.liveRevision : undefined, { forceOwner });
      return undefined;
    }
    const desired = lb.desired as LoadBalancerDocument;
    const r = lb.action === PlanAction.CREATE
      ? await LocalLoadBalancers.create(client, desired)
      : await LocalLoadBalancers.update(client, desired, lb.liveRevision as number);
    return r.revision;
  } catch (e) {
    if (e instanceof EngineRequestError && e.isStale && e.code === 'SECLB_ENGINE_STALE_REVISION') {
      throw DeployErrors.stalePlan(lb.name, JSON.stringify(lb.liveRevision), 'a newer revision (changed during the apply)');
    }
    throw refused(what, e, done());
  }
}

async function write<T>(what: string, done: () => string[], run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    throw refused(what, e, done());
  }
}

/** Wraps an engine refusal; the engine's error stays available as `cause` (its code, `port`, findings). */
function refused(what: string, e: unknown, done: string[]): Error {
  if (!(e instanceof EngineRequestError)) return e as Error;
  const error = ApplyErrors.writeRefused(what, e.message, done);
  (error as Error & { cause?: unknown }).cause = e;
  return error;
}

/** The last-applied state, updated write by write, with the revision of each load balancer written. */
class RecordBuilder {
  private readonly loadBalancers = new Map<string, LoadBalancerDocument>();
  private readonly certificates = new Map<string, ServerCertificateSummary>();
  private readonly revisions = new Map<string, number | string>();

  constructor(previous: DeploymentState | undefined, private readonly attached: Set<string>) {
    for (const d of previous?.loadBalancers ?? []) this.loadBalancers.set(d.name, d);
    for (const c of previous?.serverCertificates ?? []) this.certificates.set(c.name, c);
    for (const [name, revision] of Object.entries(previous?.revisions ?? {})) this.revisions.set(name, revision);
  }

  /** A write: the document now live (undefined after a delete) and its new revision. */
  public loadBalancer(name: string, document: LoadBalancerDocument | undefined, revision: number | undefined): void {
    if (this.attached.has(name)) return;
    if (document) this.loadBalancers.set(name, document);
    else this.loadBalancers.delete(name);
    if (document && revision !== undefined) this.revisions.set(name, revision);
    else this.revisions.delete(name);
  }

  /** A load balancer the plan left alone: live equals desired at `revision`. */
  public unchanged(name: string, document: LoadBalancerDocument, revision: number | undefined): void {
    if (this.attached.has(name)) return;
    this.loadBalancers.set(name, document);
    if (revision !== undefined) this.revisions.set(name, revision);
  }

  public certificate(summary: ServerCertificateSummary): void {
    this.certificates.set(summary.name, summary);
  }

  public removeCertificate(name: string): void {
    this.certificates.delete(name);
  }

  public state(): DeploymentState {
    const byName = <T>(m: Map<string, T>) => [...m.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, v]) => v);
    const names = new Set(this.loadBalancers.keys());
    return {
      loadBalancers: byName(this.loadBalancers),
      serverCertificates: byName(this.certificates),
      revisions: Object.fromEntries([...this.revisions.entries()].filter(([n]) => names.has(n)).sort(([a], [b]) => (a < b ? -1 : 1))),
    };
  }
}

/** Re-export for front ends that read a stack and apply it. */
export type { LocalStack };
