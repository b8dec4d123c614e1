import {
  CHANGE_LABELS, replacePaths, ResourceChangeKind, resourceChangeKind, terraformCounts, TerraformResourceChange, unknownPaths,
} from '../../../../provider/deploy';

// Every action list Terraform's JSON plan format documents; the real plans are in aws-preview-moto.test.ts.
const rc = (actions: string[]): TerraformResourceChange => ({ address: 'x.y', type: 'x', change: { actions, before: null, after: null } });

test.each([
  [['create'], ResourceChangeKind.CREATE, 'add'],
  [['update'], ResourceChangeKind.UPDATE, 'update'],
  [['create', 'delete'], ResourceChangeKind.REPLACE_CREATE_BEFORE_DESTROY, 'replace'],
  [['delete', 'create'], ResourceChangeKind.REPLACE_DESTROY_BEFORE_CREATE, 'replace'],
  [['delete'], ResourceChangeKind.DELETE, 'destroy'],
  [['read'], ResourceChangeKind.READ, 'read'],
  [['forget'], ResourceChangeKind.FORGET, 'forget'],
  [['no-op'], ResourceChangeKind.NO_OP, 'no changes'],
  [['some-future-action'], ResourceChangeKind.UPDATE, 'update'],
])('%j is %s, labelled %s', (actions, kind, label) => {
  expect(resourceChangeKind(rc(actions))).toBe(kind);
  expect(CHANGE_LABELS[kind]).toBe(label);
});

test('Terraform counts a replacement as one add and one destroy; reads, forgets and no-ops not at all', () => {
  const kinds = [['create'], ['update'], ['create', 'delete'], ['delete', 'create'], ['delete'], ['read'], ['forget'], ['no-op']].map((a) => resourceChangeKind(rc(a)));
  expect(terraformCounts(kinds)).toEqual({ add: 3, change: 1, destroy: 3 });
});

test('unknown and replace paths are written as attribute paths', () => {
  expect(unknownPaths({ arn: true, id: false, listener: [{ ssl_certificate_id: true }, {}], tags: {} })).toEqual(['arn', 'listener[0].ssl_certificate_id']);
  expect(unknownPaths(true)).toEqual(['(the whole value)']);
  expect(replacePaths([['name'], ['listener', 0, 'lb_port']])).toEqual(['name', 'listener[0].lb_port']);
  expect(replacePaths(undefined)).toEqual([]);
});
