/**
 * `seclb preview --terraform-plan` on a real Terraform plan of the synthesized AWS walk-through:
 * `terraform init` (hashicorp/aws 5.100.0 from the machine's filesystem mirror), `plan -out`,
 * `show -json`, all offline with fake credentials (test/targets/aws/terraform-fixture.ts), then
 * the compiled CLI as a real process.
 */
import { readFileSync, rmSync, writeFileSync } from 'fs';
import { join } from 'path';
import { Testing } from 'cdktf';
import { seclb } from '../../examples/demo/cli-runner';
import { WALKTHROUGH_CIPHER_POLICY, WalkthroughStack } from '../../examples/walkthrough/walkthrough-stack';
import { certificates } from '../constructs/helpers';
import { findProviderMirror, OFFLINE_PROVIDER, requireTerraform, TerraformDir } from '../targets/aws/terraform-fixture';
import { requireBuild } from './helpers/built';

let tf: TerraformDir;
let planJsonFile: string;

beforeAll(() => {
  requireBuild();
  requireTerraform();
  tf = new TerraformDir(findProviderMirror());
  const stack = new WalkthroughStack(Testing.app(), 'walkthrough', { certificates: certificates(), provider: OFFLINE_PROVIDER, cipherPolicy: WALKTHROUGH_CIPHER_POLICY });
  tf.write('cdk.tf.json', Testing.synth(stack));
  for (const args of [['init', '-input=false', '-no-color'], ['plan', '-input=false', '-no-color', '-refresh=false', '-out=plan.tfplan']]) {
    const r = tf.run(...args);
    if (r.status !== 0) throw new Error(`terraform ${args[0]} failed:\n${r.stderr}${r.stdout}`);
  }
  const shown = tf.run('show', '-json', 'plan.tfplan');
  if (shown.status !== 0) throw new Error(`terraform show failed:\n${shown.stderr}`);
  planJsonFile = join(tf.dir, 'tfplan.json');
  writeFileSync(planJsonFile, shown.stdout);
}, 120_000);

afterAll(() => {
  if (tf) rmSync(tf.dir, { recursive: true, force: true });
});

test('renders the Markdown preview of the real plan: exit 0, and 2 only with --detailed-exitcode; no key material', async () => {
  const r = await seclb(['preview', '--terraform-plan', planJsonFile, '--stack', 'walkthrough'], { cwd: tf.dir });
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  expect(r.stdout).toMatch(/^<!-- seclb-aws-preview -->\n### Terraform plan security preview: `walkthrough`/);
  expect(r.stdout).toMatch(/\*\*Plan: \d+ to add, 0 to change, 0 to destroy\.\*\*/);
  expect(r.stdout).toMatch(/MyLoadBalancer/);
  expect(r.stdout).toMatch(/<details>/);
  expect(r.stdout).not.toContain(certificates().keyPem.split('\n')[1]);
  const detailed = await seclb(['preview', '--terraform-plan', planJsonFile, '--detailed-exitcode'], { cwd: tf.dir });
  expect(detailed.code).toBe(2);
});

test('--json gives the preview model: every resource Terraform plans, the load balancer created and judged on what it enables', async () => {
  const r = await seclb(['--json', 'preview', '--terraform-plan', planJsonFile], { cwd: tf.dir });
  expect(r.code).toBe(0);
  const preview = JSON.parse(r.stdout);
  const planned = JSON.parse(readFileSync(planJsonFile, 'utf8')).resource_changes.filter((rc: any) => rc.mode === 'managed');
  expect(preview).toMatchObject({ kind: 'seclb-aws-preview', counts: { terraform: { add: planned.length, change: 0, destroy: 0 }, weakening: 0 } });
  expect(preview.resources.map((x: any) => x.address)).toEqual(planned.map((rc: any) => rc.address));
  expect(preview.loadBalancers.map((l: any) => [l.nameAfter, l.label])).toEqual([['MyLoadBalancer', 'add']]);
  // The walk-through's policy enables TLS 1.0 (WALKTHROUGH_CIPHER_POLICY): a new load balancer is judged on that.
  expect(preview.loadBalancers[0].posture.map((f: any) => f.rule)).toContain('SECLB_WARN_TLS10_ENABLED');
});

test('a file that is not plan JSON fails with the deploy core\'s code and exit 1', async () => {
  const bad = join(tf.dir, 'not-a-plan.json');
  writeFileSync(bad, '{"hello":1}');
  const r = await seclb(['preview', '--terraform-plan', bad], { cwd: tf.dir });
  expect(r.code).toBe(1);
  expect(r.stderr).toMatch(/^SECLB_DEPLOY_TERRAFORM_PLAN_FORMAT/);
});
