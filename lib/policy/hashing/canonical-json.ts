/*
 * The one canonical-JSON writer: object keys sorted by UTF-16 code units ('10' before '9'),
 * members holding `undefined` dropped, array order kept, every object written by its own keys
 * (`Object.keys`, no `toJSON`). Two values with the same data, keys in any order, give the same
 * text, so comparing texts compares values and hashing a text hashes the value. `ContentHash`
 * (compact), document serialization and the deploy core's attachment texts (two-space
 * indentation, final newline) all write through here.
 *
 * JSON.stringify writes most values: `sortedView` hands it objects whose keys are in order.
 * JavaScript always lists an object's array-index keys ('0', '9', '10') first, in numeric order,
 * so an object holding one cannot carry code-unit order; such a value is written by `build`,
 * which lays the text out exactly as JSON.stringify does.
 */

const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Thrown by `sortedView` when JSON.stringify cannot keep the order (an array-index key). */
const INDEX_KEY = Symbol('array-index key');

/** True for keys JavaScript lists first in numeric order: canonical integers 0 to 2^32 - 2. */
function isIndexKey(key: string): boolean {
  const c = key.charCodeAt(0);
  if (!(c >= 48 && c <= 57)) return false;
  const n = Number(key);
  return n < 4294967295 && String(n) === key;
}

function checkKeys(keys: string[]): void {
  for (const key of keys) if (isIndexKey(key)) throw INDEX_KEY;
}

/** A deep copy of `value` with every plain object's keys sorted and `undefined` members dropped. */
function sortedCopy(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedCopy);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  const keys = Object.keys(value as object);
  checkKeys(keys);
  for (const key of keys.sort(byCodeUnits)) {
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
  checkKeys(keys);
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
 * Writes `value` as JSON.stringify(value, null, indent) would write its sorted copy, keys in
 * code-unit order: objects by `Object.keys`, members that JSON cannot write dropped, array items
 * that JSON cannot write as `null`.
 */
function build(value: unknown, indent: string, outer: string): string | undefined {
  if (value === null) return 'null';
  if (typeof value !== 'object') return JSON.stringify(value);
  const inner = outer + indent;
  const open = indent ? `\n${inner}` : '';
  const close = indent ? `\n${outer}` : '';
  const separator = indent ? `,\n${inner}` : ',';
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    const items: string[] = [];
    for (let i = 0; i < value.length; i++) items.push(build(value[i], indent, inner) ?? 'null');
    return `[${open}${items.join(separator)}${close}]`;
  }
  const members: string[] = [];
  for (const key of Object.keys(value).sort(byCodeUnits)) {
    const text = build((value as Record<string, unknown>)[key], indent, inner);
    if (text !== undefined) members.push(`${JSON.stringify(key)}:${indent ? ' ' : ''}${text}`);
  }
  return members.length ? `{${open}${members.join(separator)}${close}}` : '{}';
}

function write(value: unknown, indent: string): string | undefined {
  try {
    return JSON.stringify(sortedView(value), null, indent || undefined);
  } catch (e) {
    if (e !== INDEX_KEY) throw e;
    return build(value, indent, '');
  }
}

/**
 * Canonical JSON, compact (no whitespace), as content hashes use it. `undefined` (or nothing
 * JSON can write) at the top gives `null`.
 */
export function canonicalJson(value: unknown): string {
  return write(value ?? null, '') ?? 'null';
}

/**
 * Canonical JSON text for files and comparisons: two-space indentation and a final newline.
 */
export function canonicalJsonText(value: unknown): string {
  return `${write(value, '  ')}\n`;
}
