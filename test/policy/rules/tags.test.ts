import { readFileSync } from 'fs';
import { join } from 'path';
import { checkTags, MAX_TAGS } from '../../../lib/policy/rules/tags';
import { expectOnly } from './expect-finding';

const many = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, 'v']));

describe('checkTags', () => {
  test('accepts 10 tags and an empty value', () => {
    expect(checkTags('tags', { ...many(9), 'team:owner': '' })).toEqual([]);
  });

  test('rejects 11 tags, citing the ELB API reference it follows', () => {
    const f = expectOnly(checkTags('tags', many(11)), 'SECLB_TAGS_TOO_MANY', /^tags has 11 tags\.$/);
    expect(f.rule).toBe('A Classic ELB carries at most 10 tags (ELB API reference, AddTags; TooManyTags beyond).');
    expect(f.fix).toBe('remove 1 tag.');
  });

  test('one limit: the rule, the construct prop doc and docs/errors.md say the same number', () => {
    const root = join(__dirname, '..', '..', '..');
    const rule = readFileSync(join(root, 'lib', 'policy', 'rules', 'tags.ts'), 'utf8');
    expect(MAX_TAGS).toBe(10);
    expect(rule).toContain('https://docs.aws.amazon.com/elasticloadbalancing/2012-06-01/APIReference/API_AddTags.html');
    const props = readFileSync(join(root, 'lib', 'constructs', 'secure-classic-load-balancer-props.ts'), 'utf8');
    expect(props).toMatch(/Tags for the load balancer: at most 10,/);
    const errors = readFileSync(join(root, 'docs', 'errors.md'), 'utf8');
    expect(errors).toContain('| `SECLB_TAGS_TOO_MANY` | error | More than 10 tags. |');
    expect(errors).toContain('https://docs.aws.amazon.com/elasticloadbalancing/2012-06-01/APIReference/API_AddTags.html');
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
