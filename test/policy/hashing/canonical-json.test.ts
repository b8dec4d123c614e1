import { canonicalJson, canonicalJsonText } from '../../../lib/policy/hashing/canonical-json';
import { ContentHash } from '../../../lib/policy/hashing/content-hash';

/** The writer as first written in the model: a recursive string builder, keys sorted, undefined members dropped. */
function reference(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map((v) => reference(v)).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${reference(v)}`).join(',')}}`;
}

const values: unknown[] = [
  null, undefined, 0, -1.5, 'text', 'quote " and \\ and \u2028', true, [], {}, [1, [2, [3]]], [undefined, null],
  { b: 1, a: 2 }, { a: 1, b: 2 }, { z: { y: { x: [{ d: 1, c: undefined, b: null }] } } }, { 'é': 1, 'e': 2, 'Z': 3, '10': 4, '9': 5 },
  Object.assign(Object.create(null), { b: 1, a: 1 }), { when: new Date(0) },
];

describe('canonicalJson', () => {
  test.each(values.map((v) => [JSON.stringify(v) ?? String(v), v]))('%s: the same text as the recursive writer', (_, value) => {
    expect(canonicalJson(value)).toBe(reference(value));
  });

  test('key order never matters, array order does', () => {
    expect(canonicalJson({ a: 1, b: [1, 2] })).toBe(canonicalJson({ b: [1, 2], a: 1 }));
    expect(canonicalJson({ a: [1, 2] })).not.toBe(canonicalJson({ a: [2, 1] }));
  });

  test('content hashes are SHA-256 of the compact text', () => {
    const { createHash } = require('crypto') as typeof import('crypto');
    const v = { b: [1, { d: 2, c: 3 }], a: 'x' };
    expect(ContentHash.canonicalJson(v)).toBe(canonicalJson(v));
    expect(ContentHash.of(v)).toBe(createHash('sha256').update('{"a":"x","b":[1,{"c":3,"d":2}]}').digest('hex'));
  });

  test('the value written is never changed', () => {
    const v = { b: { d: 1, c: 2 }, a: [{ y: 1, x: 2 }] };
    const before = JSON.stringify(v);
    canonicalJson(v);
    canonicalJsonText(v);
    expect(JSON.stringify(v)).toBe(before);
  });
});

describe('canonicalJsonText', () => {
  test('two-space indentation, sorted keys, a final newline: the compact text re-indented', () => {
    // JSON.parse lists array-index keys first, so only values without them re-indent this way.
    const indexKeys = (v: unknown): boolean => v !== null && typeof v === 'object'
      && (Object.keys(v).some((k) => /^\d+$/.test(k)) || Object.values(v).some(indexKeys));
    for (const v of values.filter((x) => x !== undefined && !indexKeys(x))) {
      const text = canonicalJsonText(v);
      expect(text.endsWith('\n')).toBe(true);
      expect(text).toBe(`${JSON.stringify(JSON.parse(canonicalJson(v)), null, 2)}\n`);
    }
    expect(canonicalJsonText({ b: 1, a: { d: 2, c: 3 } })).toBe('{\n  "a": {\n    "c": 3,\n    "d": 2\n  },\n  "b": 1\n}\n');
  });
});

describe('array-index keys (which JavaScript always lists first, in numeric order)', () => {
  const value = { b: { 10: 'ten', 9: 'nine', x: [{ 2: true, 11: false }] }, a: 1 };

  test('sort by code units in both forms, like every other key', () => {
    expect(canonicalJson(value)).toBe('{"a":1,"b":{"10":"ten","9":"nine","x":[{"11":false,"2":true}]}}');
    expect(canonicalJsonText(value)).toBe(
      '{\n  "a": 1,\n  "b": {\n    "10": "ten",\n    "9": "nine",\n    "x": [\n      {\n        "11": false,\n        "2": true\n      }\n    ]\n  }\n}\n');
  });

  test('the text reads back as the same data, and empty parts and undefined are written as JSON writes them', () => {
    expect(JSON.parse(canonicalJsonText(value))).toEqual(value);
    const odd = { 1: [], 0: {}, u: undefined, l: [undefined, 1] };
    expect(canonicalJson(odd)).toBe('{"0":{},"1":[],"l":[null,1]}');
    expect(canonicalJsonText(odd)).toBe('{\n  "0": {},\n  "1": [],\n  "l": [\n    null,\n    1\n  ]\n}\n');
  });

  test('keys that only look like indexes ("01", "-1", "4294967295") sort as text either way', () => {
    expect(canonicalJson({ '4294967295': 1, '01': 2, '-1': 3, '2': 4 })).toBe('{"-1":3,"01":2,"2":4,"4294967295":1}');
  });
});
