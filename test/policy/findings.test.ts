import { Findings } from '../../lib/policy/findings';

describe('Findings.quote', () => {
  test('short values are quoted whole: strings in single quotes, the rest as JSON', () => {
    expect(Findings.quote('30')).toBe("'30'");
    expect(Findings.quote(30)).toBe('30');
    expect(Findings.quote({ a: [1, 'x', null, true] })).toBe('{"a":[1,"x",null,true]}');
    expect(Findings.quote(undefined)).toBe('undefined');
    expect(Findings.quote('x'.repeat(Findings.QUOTE_LIMIT))).toBe(`'${'x'.repeat(Findings.QUOTE_LIMIT)}'`);
  });

  test('a long string becomes an excerpt of QUOTE_LIMIT characters with an ellipsis and its length', () => {
    const q = Findings.quote('y'.repeat(4_000_000));
    expect(q).toBe(`'${'y'.repeat(Findings.QUOTE_LIMIT)}...' (4000000 characters)`);
  });

  test('long arrays and objects become an excerpt of their JSON and their size', () => {
    const list = Findings.quote(Array.from({ length: 90_000 }, (_, i) => i));
    expect(list.length).toBeLessThanOrEqual(Findings.QUOTE_LIMIT + 40);
    expect(list).toMatch(/^\[0,1,2,3,.*\.\.\. \(an array of 90000 items\)$/);
    const obj = Findings.quote({ name: 'z'.repeat(1_000_000), other: 1 });
    expect(obj).toMatch(/^\{"name":"zzz+\.\.\. \(an object with 2 keys\)$/);
    expect(obj.length).toBeLessThanOrEqual(Findings.QUOTE_LIMIT + 40);
  });

  test('any nesting depth is safe (no full serialization) and the excerpt stays short', () => {
    let deep: unknown = [];
    for (let i = 0; i < 100_000; i++) deep = [deep];
    const q = Findings.quote(deep);
    expect(q.startsWith('[[[[')).toBe(true);
    expect(q.length).toBeLessThanOrEqual(Findings.QUOTE_LIMIT + 40);
  });

  test('the cut never splits a surrogate pair', () => {
    const q = Findings.quote(`${'a'.repeat(Findings.QUOTE_LIMIT - 1)}😀${'b'.repeat(10)}`);
    expect(q).toBe(`'${'a'.repeat(Findings.QUOTE_LIMIT - 1)}...' (${Findings.QUOTE_LIMIT + 11} characters)`);
  });
});
