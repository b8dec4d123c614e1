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

describe('Findings.bounded (every finding passes through it)', () => {
  test('short texts are unchanged', () => {
    const f = Findings.error('SECLB_X', 'a.b', "'v'", "a.b is 'v'.", 'rule', 'fix');
    expect(f).toEqual({ code: 'SECLB_X', severity: 'error', path: 'a.b', value: "'v'", message: "a.b is 'v'.", rule: 'rule', fix: 'fix' });
  });

  test('a long quoted part a rule wrote itself becomes an excerpt; the text around it stays', () => {
    const name = 'n'.repeat(100_000);
    const f = Findings.error('SECLB_X', 'listeners[0].policyNames[0]', `'${name}'`, `listeners[0].policyNames[0] is '${name}', which is not a policy.`, 'rule', `add a policy named '${name}'.`);
    const excerpt = `'${'n'.repeat(Findings.QUOTE_LIMIT)}...' (100000 characters)`;
    expect(f.value).toBe(excerpt);
    expect(f.message).toBe(`listeners[0].policyNames[0] is ${excerpt}, which is not a policy.`);
    expect(f.fix).toBe(`add a policy named ${excerpt}.`);
  });

  test('a long unquoted run (a path naming a huge key) becomes an excerpt too', () => {
    const key = 'K'.repeat(50_000);
    const f = Findings.warning('SECLB_X', key, '', `${key} is not a field of the document.`, 'rule', 'fix');
    expect(f.path).toBe(`${'K'.repeat(Findings.QUOTE_LIMIT)}... (50000 characters)`);
    expect(f.message).toBe(`${'K'.repeat(Findings.QUOTE_LIMIT)}... (50000 characters) is not a field of the document.`);
  });

  test('whatever remains longer than TEXT_LIMIT is cut there with its length', () => {
    const many = Array.from({ length: 2_000 }, (_, i) => `word${i}`).join(' ');
    const b = Findings.bounded(many);
    expect(b.length).toBeLessThanOrEqual(Findings.TEXT_LIMIT + 40);
    expect(b).toMatch(new RegExp(`\\.\\.\\. \\(${many.length} characters in all\\)$`));
  });

  test('an excerpt quote() wrote is not excerpted again', () => {
    const q = Findings.quote('y'.repeat(1_000));
    expect(Findings.bounded(`x is ${q} and (${q}).`)).toBe(`x is ${q} and (${q}).`);
  });
});
