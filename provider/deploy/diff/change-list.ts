import { ContentHash } from '../../../lib/policy';
import { ChangeAction, ChangeOrigin, ChangeSubject, JsonValue, PlanChange } from '../plan/plan-change';

/**
 * Collects the changes of one comparison. Every helper compares a live value with a desired one
 * and records nothing when they are equal. Changes start with origin CONFIGURATION; drift is
 * marked afterwards (see `markDrift`).
 */
export class ChangeList {
  /** The changes collected so far, in the order they were found. */
  public readonly changes: PlanChange[] = [];

  /**
   * Compares one value (scalar, list or object; `undefined` means absent).
   * @returns true when a change was recorded
   */
  public value(key: string, subject: ChangeSubject, label: string, before: unknown, after: unknown): boolean {
    if (before === undefined && after === undefined) return false;
    if (before !== undefined && after !== undefined && sameValue(before, after)) return false;
    const action = before === undefined ? ChangeAction.ADD : after === undefined ? ChangeAction.REMOVE : ChangeAction.MODIFY;
    this.changes.push({
      key, subject, action, label,
      ...(before === undefined ? {} : { before: toJson(before) }),
      ...(after === undefined ? {} : { after: toJson(after) }),
      origin: ChangeOrigin.CONFIGURATION,
    });
    return true;
  }

  /** Compares two lists as sets (order does not matter); records one MODIFY with both sorted lists. */
  public set(key: string, subject: ChangeSubject, label: string, before: string[] | undefined, after: string[] | undefined): boolean {
    return this.value(key, subject, label, before && [...before].sort(), after && [...after].sort());
  }

  /**
   * Compares two keyed collections: items only before are removed, items only after are added,
   * and `both` is called for items on both sides.
   */
  public keyed<T>(before: T[], after: T[], keyOf: (item: T) => string | number,
    added: (item: T) => void, removed: (item: T) => void, both: (before: T, after: T) => void): void {
    const old = new Map(before.map((i) => [keyOf(i), i]));
    const now = new Map(after.map((i) => [keyOf(i), i]));
    const keys = [...new Set([...old.keys(), ...now.keys()])].sort(compareKeys);
    for (const k of keys) {
      const b = old.get(k);
      const a = now.get(k);
      if (b !== undefined && a !== undefined) both(b, a);
      else if (a !== undefined) added(a);
      else if (b !== undefined) removed(b);
    }
  }
}

/** Structural equality by canonical JSON (object key order does not matter, array order does). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  return ContentHash.canonicalJson(a) === ContentHash.canonicalJson(b);
}

/** A deep, JSON-safe copy (undefined members dropped). */
export function toJson(value: unknown): JsonValue {
  return JSON.parse(JSON.stringify(value)) as JsonValue;
}

function compareKeys(a: string | number, b: string | number): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
}
