/*
 * The one canonical-JSON writer: object keys sorted (by UTF-16 code units), members holding
 * `undefined` dropped, array order kept. Two values with the same data, keys in any order, give
 * the same text, so comparing texts compares values and hashing a text hashes the value.
 * `ContentHash` (compact), document serialization and the deploy core's attachment texts
 * (two-space indentation, final newline) all write through here.
 */

const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** A deep copy of `value` with every plain object's keys sorted and `undefined` members dropped. */
function sortedCopy(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedCopy);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value as object).sort(byCodeUnits)) {
    const v = (value as Record<string, unknown>)[key];
    if (v !== undefined) out[key] = sortedCopy(v);
  }
  return out;
}

/**
 * `sortedCopy` without the copies it does not need: a plain object whose keys are already in order
 * and hold no `undefined`, or a plain array, whose members need no change either, is returned as
 * it is (JSON.stringify writes it exactly as it would write its sorted copy). A normalized document
 * is mostly such parts (its policy attributes are `{ name, value }`), so writing one copies only
 * the few objects whose keys are out of order. Anything else (a class instance, a `Date`, a boxed
 * string: JSON.stringify treats those differently from their copy) goes through `sortedCopy`, so
 * the text is always that of `sortedCopy(value)`.
 */
function sortedView(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  const proto = Object.getPrototypeOf(value);
  if (Array.isArray(value)) {
    if (proto !== Array.prototype) return sortedCopy(value);
    let copy: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const v = value[i]; // a hole reads as undefined, which JSON.stringify writes as null either way
      const w = sortedView(v);
      if (w !== v && copy === undefined) copy = value.slice(0, i);
      if (copy !== undefined) copy.push(w);
    }
    return copy ?? value;
  }
  if (proto !== Object.prototype && proto !== null) return sortedCopy(value);
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  let ordered = true;
  for (let i = 0; i < keys.length; i++) {
    if (record[keys[i]] === undefined || (i > 0 && !(keys[i - 1] < keys[i]))) {
      ordered = false;
      break;
    }
  }
  if (!ordered) {
    const out: Record<string, unknown> = {};
    for (const key of keys.slice().sort(byCodeUnits)) {
      const v = record[key];
      if (v !== undefined) out[key] = sortedView(v);
    }
    return out;
  }
  let copy: Record<string, unknown> | undefined;
  for (let i = 0; i < keys.length; i++) {
    const v = record[keys[i]];
    const w = sortedView(v);
    if (w !== v && copy === undefined) {
      copy = {};
      for (let j = 0; j < i; j++) copy[keys[j]] = record[keys[j]];
    }
    if (copy !== undefined) copy[keys[i]] = w;
  }
  return copy ?? value;
}

/**
 * Canonical JSON, compact (no whitespace), as content hashes use it. `undefined` (or nothing
 * JSON can write) at the top gives `null`.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortedView(value ?? null)) ?? 'null';
}

/**
 * Canonical JSON text for files and comparisons: two-space indentation and a final newline.
 */
export function canonicalJsonText(value: unknown): string {
  return `${JSON.stringify(sortedView(value), null, 2)}\n`;
}
