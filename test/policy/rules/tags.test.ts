import { checkTags } from '../../../lib/policy/rules/tags';
import { expectOnly } from './expect-finding';

const many = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, 'v']));

describe('checkTags', () => {
  test('accepts 10 tags and an empty value', () => {
    expect(checkTags('tags', { ...many(9), 'team:owner': '' })).toEqual([]);
  });

  test('rejects 11 tags', () => {
    expectOnly(checkTags('tags', many(11)), 'SECLB_TAGS_TOO_MANY', /^tags has 11 tags\.$/);
  });

  test('rejects a 129-character key', () => {
    expectOnly(checkTags('tags', { ['k'.repeat(129)]: 'v' }), 'SECLB_TAG_KEY_INVALID', /which is 129 characters long/);
  });

  test('rejects a value with characters outside the alphabet', () => {
    const f = expectOnly(checkTags('tags', { env: 'a;b' }), 'SECLB_TAG_VALUE_INVALID', /^tags\["env"\] is 'a;b', which contains characters outside the tag alphabet\.$/);
    expect(f.path).toBe('tags["env"]');
  });

  test('rejects a 257-character value', () => {
    expectOnly(checkTags('tags', { env: 'v'.repeat(257) }), 'SECLB_TAG_VALUE_INVALID', /is 257 characters long/);
  });
});
