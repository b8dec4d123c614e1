import { EngineErrors } from '../errors';
import { EngineState, EngineStates } from './engine-state';
import { JournalChange, JournalEntry } from './state-journal';

/** What `StateDiff.between` found. */
export type StateDifference =
  | { readonly kind: 'unchanged' }
  | { readonly kind: 'change'; readonly change: JournalChange }
  /** Not expressible as a journal change (another format): the caller rewrites the snapshot. */
  | { readonly kind: 'incomparable' };

/** The step from one state to the next as a journal change, and back again (replay). */
export class StateDiff {
  /**
   * The entries of `next` that are not the very same objects as in `prev` (stored whole), and the
   * names `prev` has and `next` lacks (removed). Cost: one identity check per entry, plus the size
   * of the changed entries once written.
   *
   * Entries are compared by identity, not by content: `EngineState` is immutable (every field is
   * `readonly`), and the engine builds its next state by spreading the previous one, so an entry it
   * did not touch is the same object. A state built some other way simply yields a larger change
   * (every entry that is a different object is stored again), which is still correct.
   */
  public static between(prev: EngineState, next: EngineState): StateDifference {
    if (prev.format !== next.format || prev.formatVersion !== next.formatVersion) return { kind: 'incomparable' };
    const loadBalancers = StateDiff.changedEntries(prev.loadBalancers, next.loadBalancers);
    const serverCertificates = StateDiff.changedEntries(prev.serverCertificates, next.serverCertificates);
    if (prev.engineRevision === next.engineRevision && !Object.keys(loadBalancers).length && !Object.keys(serverCertificates).length) {
      return { kind: 'unchanged' };
    }
    return { kind: 'change', change: { engineRevision: next.engineRevision, loadBalancers, serverCertificates } };
  }

  /**
   * `base` with `entries` applied in order, in canonical form (keys sorted). A change that removes
   * an entry which is not there at that point is `SECLB_ENGINE_STATE_CORRUPT` naming `file` and the line:
   * `save` only ever records removals of entries that exist.
   */
  public static replay(file: string, base: EngineState, entries: readonly JournalEntry[]): EngineState {
    const loadBalancers = new Map(Object.entries(base.loadBalancers));
    const serverCertificates = new Map(Object.entries(base.serverCertificates));
    let engineRevision = base.engineRevision;
    for (const { line, change } of entries) {
      StateDiff.applyTo(loadBalancers, change.loadBalancers, (name) => EngineErrors.stateCorrupt(file, `line ${line}: removes load balancer '${name}', which does not exist at that point`));
      StateDiff.applyTo(serverCertificates, change.serverCertificates, (name) => EngineErrors.stateCorrupt(file, `line ${line}: removes server certificate '${name}', which does not exist at that point`));
      engineRevision = change.engineRevision;
    }
    return EngineStates.canonical({
      format: base.format,
      formatVersion: base.formatVersion,
      engineRevision,
      loadBalancers: Object.fromEntries(loadBalancers),
      serverCertificates: Object.fromEntries(serverCertificates),
    });
  }

  private static changedEntries<T>(prev: { readonly [name: string]: T }, next: { readonly [name: string]: T }): { [name: string]: T | null } {
    if (prev === next) return {};
    const changed: Array<[string, T | null]> = [];
    for (const name of Object.keys(next)) {
      if (!Object.prototype.hasOwnProperty.call(prev, name) || prev[name] !== next[name]) changed.push([name, next[name]]);
    }
    for (const name of Object.keys(prev)) {
      if (!Object.prototype.hasOwnProperty.call(next, name)) changed.push([name, null]);
    }
    return Object.fromEntries(changed);
  }

  private static applyTo<T>(map: Map<string, T>, entries: { readonly [name: string]: T | null }, missing: (name: string) => Error): void {
    for (const [name, value] of Object.entries(entries)) {
      if (value !== null) map.set(name, value);
      else if (!map.delete(name)) throw missing(name);
    }
  }
}
