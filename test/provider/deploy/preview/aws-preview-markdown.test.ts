import { previewAwsPlan, renderAwsPreviewMarkdown } from '../../../../provider/deploy';

// The comment limit on a plan too big for one comment (the real plans are in aws-preview-moto.test.ts).
test('a plan with 400 resource changes stays within the comment budget and says what it left out', () => {
  const resource_changes = Array.from({ length: 400 }, (_, i) => ({
    address: `aws_instance.app[${i}]`, mode: 'managed', type: 'aws_instance',
    change: { actions: ['create'], before: null, after: { ami: 'ami-1e749f67' }, after_unknown: { id: true, arn: true } },
  }));
  const md = renderAwsPreviewMarkdown(previewAwsPlan({ format_version: '1.2', resource_changes }), 8000);
  expect(md.length).toBeLessThanOrEqual(8000);
  expect(md).toContain('**Plan: 400 to add, 0 to change, 0 to destroy.**');
  expect(md).toMatch(/_\d+ more resource\(s\) left out to fit a pull-request comment; see `--format text`\._/);
  expect(md.trimEnd().endsWith('</details>')).toBe(true);
});
