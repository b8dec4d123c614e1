import * as fs from 'fs';
import * as path from 'path';
import { LoadBalancerDocument } from '../../../lib/policy/document/load-balancer-document';
import { ServerCertificateRecord } from '../certificates/server-certificate';
import { EngineErrors } from '../errors';
import { removeStaleTemporaries, writeFileAtomic } from './atomic-file';

/** The state file's format marker. */
export const STATE_FORMAT = 'seclb-engine-state';
/** The state file's format version. */
export const STATE_FORMAT_VERSION = 1;

/** One load balancer as persisted. */
export interface PersistedLoadBalancer {
  /** The engine revision at which it was last written. */
  readonly revision: number;
  /** The canonical document, as accepted. */
  readonly document: LoadBalancerDocument;
}

/** Everything the engine persists: the whole desired state, in one file. */
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

/**
 * The state file `<stateDir>/state.json` (0600). Every write replaces the whole file atomically,
 * so a crash leaves the previous or the next state, never a mix. Loading never "repairs": a file
 * that does not parse or does not have the expected shape is a `SECLB_ENGINE_STATE_CORRUPT` error.
 */
export class StateStore {
  /** The state file's path. */
  public readonly file: string;

  constructor(public readonly stateDir: string) {
    this.file = path.join(stateDir, 'state.json');
  }

  /** Loads the state, or the empty state when no file exists yet. */
  public load(): EngineState {
    removeStaleTemporaries(this.file);
    let text: string;
    try {
      text = fs.readFileSync(this.file, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return emptyState();
      throw EngineErrors.stateCorrupt(this.file, (e as Error).message);
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (e) {
      throw EngineErrors.stateCorrupt(this.file, `not valid JSON (${(e as Error).message})`);
    }
    const problem = StateStore.shapeProblem(parsed);
    if (problem) throw EngineErrors.stateCorrupt(this.file, problem);
    return parsed as EngineState;
  }

  /** Persists the whole state atomically (temp file, fsync, rename, fsync dir). */
  public save(state: EngineState): void {
    writeFileAtomic(this.file, StateStore.serialize(state), 0o600);
  }

  /** The exact bytes written for a state (stable: same state, same bytes). */
  public static serialize(state: EngineState): string {
    return `${JSON.stringify(state, null, 2)}\n`;
  }

  private static shapeProblem(v: unknown): string | undefined {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return 'the top level is not a JSON object';
    const s = v as Record<string, unknown>;
    if (s.format !== STATE_FORMAT) return `format is ${JSON.stringify(s.format)}, expected "${STATE_FORMAT}"`;
    if (s.formatVersion !== STATE_FORMAT_VERSION) return `formatVersion is ${JSON.stringify(s.formatVersion)}; this engine reads ${STATE_FORMAT_VERSION}`;
    if (!Number.isInteger(s.engineRevision) || (s.engineRevision as number) < 0) return 'engineRevision is not a non-negative integer';
    const isMap = (x: unknown) => typeof x === 'object' && x !== null && !Array.isArray(x);
    if (!isMap(s.loadBalancers)) return 'loadBalancers is not an object';
    if (!isMap(s.serverCertificates)) return 'serverCertificates is not an object';
    for (const [name, lb] of Object.entries(s.loadBalancers as Record<string, unknown>)) {
      const r = lb as Record<string, unknown>;
      if (!isMap(lb) || !Number.isInteger(r.revision) || !isMap(r.document)) return `loadBalancers['${name}'] lacks an integer revision or a document`;
      if ((r.revision as number) > (s.engineRevision as number)) return `loadBalancers['${name}'].revision is above engineRevision`;
    }
    for (const [name, c] of Object.entries(s.serverCertificates as Record<string, unknown>)) {
      const r = c as Record<string, unknown>;
      if (!isMap(c) || typeof r.certificateBody !== 'string' || typeof r.privateKey !== 'string' || !Number.isInteger(r.revision)) {
        return `serverCertificates['${name}'] lacks certificateBody, privateKey or revision`;
      }
    }
    return undefined;
  }
}
