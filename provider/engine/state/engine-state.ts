import { LoadBalancerDocument } from '../../../lib/policy/document/load-balancer-document';
import { ObjectOwner, ObjectOwners } from '../../../lib/policy/ownership/object-owner';
import { ServerCertificateRecord } from '../certificates/server-certificate';

/** The state snapshot's format marker. */
export const STATE_FORMAT = 'seclb-engine-state';
/** The state snapshot's format version (unchanged by the journal: the snapshot is still version 1). */
export const STATE_FORMAT_VERSION = 1;

/** One load balancer as persisted. */
export interface PersistedLoadBalancer {
  /** The engine revision at which it was last written. */
  readonly revision: number;
  /** The canonical document, as accepted. */
  readonly document: LoadBalancerDocument;
  /** Who created it (absent in state written before owners were recorded: read as unknown). */
  readonly owner?: ObjectOwner;
}

/** Everything the engine persists: the whole desired state. */
export interface EngineState {
  readonly format: string;
  readonly formatVersion: number;
  /** Monotonic; bumped by every successful write. */
  readonly engineRevision: number;
  readonly loadBalancers: { readonly [name: string]: PersistedLoadBalancer };
  readonly serverCertificates: { readonly [name: string]: ServerCertificateRecord };
}

/** An engine with nothing configured. */
export function emptyState(): EngineState {
  return { format: STATE_FORMAT, formatVersion: STATE_FORMAT_VERSION, engineRevision: 0, loadBalancers: {}, serverCertificates: {} };
}

/** Pure helpers over `EngineState`: canonical form and shape checks. */
export class EngineStates {
  /**
   * The state with exactly its five fields, in a fixed order, and both maps' keys sorted: the
   * form the snapshot is written in, and the form `StateStore.load` returns, whatever order the
   * entries were created or replayed in.
   */
  public static canonical(state: EngineState): EngineState {
    return {
      format: state.format,
      formatVersion: state.formatVersion,
      engineRevision: state.engineRevision,
      loadBalancers: EngineStates.sortedRecord(state.loadBalancers),
      serverCertificates: EngineStates.sortedRecord(state.serverCertificates),
    };
  }

  /** A copy of `r` with its keys in code-unit order (own data properties, so any name is safe). */
  public static sortedRecord<T>(r: { readonly [name: string]: T }): { readonly [name: string]: T } {
    return Object.fromEntries(Object.entries(r).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  }

  /** What is wrong with a parsed state, or undefined when it has the expected shape. */
  public static shapeProblem(v: unknown): string | undefined {
    if (!isMap(v)) return 'the top level is not a JSON object';
    const s = v as Record<string, unknown>;
    if (s.format !== STATE_FORMAT) return `format is ${JSON.stringify(s.format)}, expected "${STATE_FORMAT}"`;
    if (s.formatVersion !== STATE_FORMAT_VERSION) return `formatVersion is ${JSON.stringify(s.formatVersion)}; this engine reads ${STATE_FORMAT_VERSION}`;
    if (!Number.isInteger(s.engineRevision) || (s.engineRevision as number) < 0) return 'engineRevision is not a non-negative integer';
    if (!isMap(s.loadBalancers)) return 'loadBalancers is not an object';
    if (!isMap(s.serverCertificates)) return 'serverCertificates is not an object';
    for (const [name, lb] of Object.entries(s.loadBalancers as Record<string, unknown>)) {
      const problem = EngineStates.loadBalancerProblem(lb);
      if (problem) return `loadBalancers['${name}'] ${problem}`;
      if (((lb as Record<string, unknown>).revision as number) > (s.engineRevision as number)) return `loadBalancers['${name}'].revision is above engineRevision`;
    }
    for (const [name, c] of Object.entries(s.serverCertificates as Record<string, unknown>)) {
      const problem = EngineStates.certificateProblem(c);
      if (problem) return `serverCertificates['${name}'] ${problem}`;
    }
    return undefined;
  }

  /** What is wrong with one persisted load balancer, or undefined. */
  public static loadBalancerProblem(lb: unknown): string | undefined {
    const r = lb as Record<string, unknown>;
    if (!(isMap(lb) && Number.isInteger(r.revision) && isMap(r.document))) return 'lacks an integer revision or a document';
    return EngineStates.ownerProblem(r.owner);
  }

  /** What is wrong with a recorded owner, or undefined (absent is fine: written before owners were recorded). */
  public static ownerProblem(owner: unknown): string | undefined {
    if (owner === undefined) return undefined;
    const o = owner as Record<string, unknown>;
    return isMap(owner) && typeof o.tool === 'string' && (ObjectOwners.TOOLS.includes(o.tool) || o.tool === ObjectOwners.UNKNOWN_TOOL) && typeof o.stack === 'string'
      ? undefined
      : 'has an owner that is not { tool, stack } with a known tool';
  }

  /** What is wrong with one persisted server certificate, or undefined (never quotes the key). */
  public static certificateProblem(c: unknown): string | undefined {
    const r = c as Record<string, unknown>;
    return isMap(c) && typeof r.certificateBody === 'string' && typeof r.privateKey === 'string' && Number.isInteger(r.revision)
      ? EngineStates.ownerProblem(r.owner)
      : 'lacks certificateBody, privateKey or revision';
  }
}

/** A JSON object (not null, not an array). */
export function isMap(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}
