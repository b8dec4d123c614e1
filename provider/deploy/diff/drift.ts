import { ChangeOrigin, PlanChange } from '../plan/plan-change';

/**
 * Marks the changes that revert drift. `drift` are the differences between what this tool applied
 * last and what is live now (computed with the same diff); a planned change whose key is one of them,
 * or lies inside or around one of them, touches something changed outside the tool. Such a change
 * gets origin DRIFT and, where known, the last-applied value.
 *
 * @param planned the live → desired changes
 * @param drift the last-applied → live changes
 */
export function markDrift(planned: PlanChange[], drift: PlanChange[]): PlanChange[] {
  if (drift.length === 0) return planned;
  const byKey = new Map(drift.map((d) => [d.key, d]));
  return planned.map((change) => {
    const exact = byKey.get(change.key);
    if (exact) {
      return { ...change, origin: ChangeOrigin.DRIFT, ...(exact.before === undefined ? {} : { lastApplied: exact.before }) };
    }
    const related = drift.some((d) => nested(d.key, change.key) || nested(change.key, d.key));
    return related ? { ...change, origin: ChangeOrigin.DRIFT } : change;
  });
}

/** True when `inner` names a part of `outer` (`listeners[443].protocol` inside `listeners[443]`). */
function nested(outer: string, inner: string): boolean {
  return inner.length > outer.length && inner.startsWith(outer) && (inner[outer.length] === '.' || inner[outer.length] === '[');
}
