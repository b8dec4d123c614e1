/**
 * The GitHub Actions example (examples/.github/workflows/seclb-plan.yml), parsed as YAML: both jobs
 * comment on every run (no condition on the plan's exit code), find their earlier comment by the
 * marker their own renderer writes, the local job serves on unprivileged ports, the AWS job refuses
 * to plan without a remote backend, and deletions get a banner.
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import { AWS_PREVIEW_MARKER, MARKDOWN_MARKER } from '../../provider/deploy';

// js-yaml 3 comes with jest (through @istanbuljs/load-nyc-config); a YAML reader for this test only.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const yaml = require('js-yaml') as { safeLoad(text: string): any };

const text = readFileSync(join(__dirname, '../../examples/.github/workflows/seclb-plan.yml'), 'utf8');
const workflow = yaml.safeLoad(text);
const steps = (job: string): any[] => workflow.jobs[job].steps;
const step = (job: string, name: RegExp) => {
  const found = steps(job).find((s) => name.test(s.name ?? ''));
  if (!found) throw new Error(`job ${job} has no step named ${name}`);
  return found;
};

test('runs on pull requests with the one permission a comment needs', () => {
  expect(Object.keys(workflow.on)).toEqual(['pull_request']);
  expect(workflow.permissions).toEqual({ contents: 'read', 'pull-requests': 'write' });
  expect(workflow.env.CHECKPOINT_DISABLE).toBe('1');
});

test.each([['local-plan', 'plan.md'], ['aws-preview', 'preview.md']])('%s creates or updates its comment on every run, found by its marker', (job, file) => {
  const comment = step(job, /comment/);
  expect(comment.if).toBeUndefined();
  expect(comment.uses).toMatch(/^actions\/github-script@/);
  const script: string = comment.with.script;
  expect(script).toContain(`readFileSync('${file}'`);
  expect(script).toContain("body.split('\\n')[0]");
  expect(script).toMatch(/updateComment\(.*comment_id: mine\.id/);
  expect(script).toMatch(/else await github\.rest\.issues\.createComment/);
  // No step decides on the plan's exit code any more: "no changes" is posted too.
  expect(steps(job).every((s) => !/exit-code/.test(`${s.if ?? ''}${s.run ?? ''}`))).toBe(true);
});

test('each comment marker is the first line its renderer writes', () => {
  expect(text).toContain(AWS_PREVIEW_MARKER);
  expect(text).toContain(MARKDOWN_MARKER);
  expect(AWS_PREVIEW_MARKER).not.toBe(MARKDOWN_MARKER);
});

test('the local job serves on unprivileged ports through listenerPorts', () => {
  const context = JSON.parse(workflow.jobs['local-plan'].env.CDKTF_CONTEXT_JSON);
  const ports: Record<string, number> = context['seclb:local'].listenerPorts;
  expect(Object.keys(ports).sort()).toEqual(['443', '80']);
  for (const p of Object.values(ports)) expect(p).toBeGreaterThanOrEqual(1024);
});

test('the local job puts a banner on deletions; the AWS preview renders its own', () => {
  expect(step('local-plan', /^Plan the pull request/).run).toMatch(/action === "delete"[\s\S]*\[!WARNING\]/);
  expect(step('aws-preview', /^Render the preview/).run).toMatch(/seclb preview --terraform-plan tfplan\.json .*--format markdown > preview\.md/);
});

test('the AWS job refuses to plan against empty local state: a backend block is required first', () => {
  const names = steps('aws-preview').map((s) => s.name ?? s.uses ?? s.run);
  const check = names.findIndex((n: string) => /remote state is configured/.test(n));
  const plan = names.findIndex((n: string) => /^Plan against the remote state/.test(n));
  expect(check).toBeGreaterThan(-1);
  expect(check).toBeLessThan(plan);
  expect(step('aws-preview', /remote state is configured/).run).toMatch(/tf\.terraform\.backend[\s\S]*process\.exit\(1\)/);
  expect(step('aws-preview', /^Plan against the remote state/).run).toMatch(/terraform plan .*-out=plan\.tfplan\n.*terraform show -json plan\.tfplan/);
});

test('both jobs run on Node 22', () => {
  for (const job of ['local-plan', 'aws-preview']) expect(steps(job).find((s) => /setup-node/.test(s.uses ?? '')).with['node-version']).toBe(22);
});
