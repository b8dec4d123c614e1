import { Testing } from 'cdktf';
import { readFileSync } from 'fs';
import { join } from 'path';
import { WalkthroughStack, WALKTHROUGH_CIPHER_POLICY } from '../../../examples/walkthrough/walkthrough-stack';
import { CipherPolicyProps } from '../../../lib';
import { certificates } from '../../constructs/helpers';
import { generateWalkthroughCertificates, WalkthroughCertificates } from '../../../examples/walkthrough/certificates';
import { priorState } from './prior-state';
import { findProviderMirror, OFFLINE_PROVIDER, requireTerraform, TerraformDir } from './terraform-fixture';

/*
 * The real Terraform CLI and the real AWS provider 5.100.0 (from the machine's filesystem mirror)
 * on the synthesized walk-through: init once, then validate, plan, and a plan against a state that
 * holds the previous version of the stack. Fails (never skips) when Terraform or the mirror is
 * missing.
 */

jest.setTimeout(180_000);

const certs = certificates();
function synthWalkthrough(cipherPolicy?: CipherPolicyProps, certificates: WalkthroughCertificates = certs): string {
  const stack = new WalkthroughStack(Testing.app(), 'walkthrough', { certificates, provider: OFFLINE_PROVIDER, cipherPolicy });
  return Testing.synth(stack);
}

let tf: TerraformDir;
let terraformVersion: string;

beforeAll(() => {
  terraformVersion = requireTerraform().replace(/^Terraform v/, '');
  tf = new TerraformDir(findProviderMirror());
  tf.write('main.tf.json', synthWalkthrough());
  const init = tf.run('init', '-input=false', '-no-color');
  if (init.status !== 0) throw new Error(`terraform init failed:\n${init.stdout}\n${init.stderr}`);
});

function expectClean(result: { status: number; stdout: string; stderr: string }): void {
  const output = `${result.stdout}\n${result.stderr}`;
  expect({ status: result.status, output }).toEqual({ status: 0, output: expect.not.stringMatching(/Error|Warning/) });
}

test('terraform validate accepts the synthesized walk-through with no error and no warning', () => {
  const result = tf.run('validate', '-json', '-no-color');
  expect(result.status).toBe(0);
  const report = JSON.parse(result.stdout);
  expect({ valid: report.valid, errors: report.error_count, warnings: report.warning_count, diagnostics: report.diagnostics })
    .toEqual({ valid: true, errors: 0, warnings: 0, diagnostics: [] });
});

test('terraform plan -refresh=false creates the nine resources with no error and no warning', () => {
  const result = tf.run('plan', '-refresh=false', '-input=false', '-no-color', '-out=fresh.plan');
  expectClean(result);
  expect(result.stdout).toMatch(/Plan: 9 to add, 0 to change, 0 to destroy\./);
});

describe('a cipher policy change planned against the previous version of the stack', () => {
  let changes: any[];
  const ssl = (c: any) => c.type === 'aws_load_balancer_policy' && c.address.includes('MySSLNegotiationPolicy');

  beforeAll(() => {
    const previous = JSON.parse(synthWalkthrough());
    tf.write('terraform.tfstate', priorState(previous, terraformVersion));
    // The change: stop offering TLS 1.0 (the rest of the stack is identical, same certificates).
    tf.write('main.tf.json', synthWalkthrough({ ...WALKTHROUGH_CIPHER_POLICY, enable: ['DHE-RSA-AES256-SHA'], disable: ['Protocol-SSLv3', 'Protocol-TLSv1'] }));
    const plan = tf.run('plan', '-refresh=false', '-input=false', '-no-color', '-out=change.plan');
    expectClean(plan);
    const show = tf.run('show', '-json', 'change.plan');
    expect(show.status).toBe(0);
    changes = JSON.parse(show.stdout).resource_changes;
    expect(readFileSync(join(tf.dir, 'terraform.tfstate'), 'utf8')).toContain('"version": 4');
  });

  test('the new SSL policy is created before the old one is destroyed (create_before_destroy replace)', () => {
    const change = changes.find(ssl)!;
    expect(change.change.actions).toEqual(['create', 'delete']);
    expect(change.change.before.policy_name).toMatch(/^MySSLNegotiationPolicy-[0-9a-f]{8}$/);
    expect(change.change.after.policy_name).toMatch(/^MySSLNegotiationPolicy-[0-9a-f]{8}$/);
    expect(change.change.after.policy_name).not.toBe(change.change.before.policy_name);
    expect(change.change.after.policy_attribute).toContainEqual({ name: 'Protocol-TLSv1', value: 'false' });
  });

  test('the listener policy is updated in place to the new policy name', () => {
    const newName = changes.find(ssl)!.change.after.policy_name;
    const listener = changes.find((c) => c.type === 'aws_load_balancer_listener_policy')!;
    expect(listener.change.actions).toEqual(['update']);
    expect(listener.change.after.policy_names).toEqual([newName]);
  });

  test('no policy is ever updated in place, and nothing else changes', () => {
    for (const c of changes.filter((x) => x.type === 'aws_load_balancer_policy')) {
      expect([['no-op'], ['create', 'delete']]).toContainEqual(c.change.actions);
    }
    const others = changes.filter((c) => !ssl(c) && c.type !== 'aws_load_balancer_listener_policy');
    expect(others.map((c) => [c.address, c.change.actions])).toEqual(others.map((c) => [c.address, ['no-op']]));
  });
});

describe('a certificate rotation planned against the previous version of the stack', () => {
  let changes: any[];
  const of = (type: string) => changes.filter((c) => c.type === type);

  beforeAll(() => {
    tf.write('terraform.tfstate', priorState(JSON.parse(synthWalkthrough()), terraformVersion));
    // A new listener certificate (same back-end key, same cipher policy).
    const rotated = { ...generateWalkthroughCertificates(), backendCertPem: certs.backendCertPem };
    tf.write('main.tf.json', synthWalkthrough(undefined, rotated));
    const plan = tf.run('plan', '-refresh=false', '-input=false', '-no-color', '-out=rotate.plan');
    expectClean(plan);
    changes = JSON.parse(tf.run('show', '-json', 'rotate.plan').stdout).resource_changes;
  });

  test('the new certificate is created before the old one is destroyed', () => {
    expect(of('aws_iam_server_certificate').map((c) => c.change.actions)).toEqual([['create', 'delete']]);
  });

  test('the load balancer is updated in place and the listener policy is re-sent (triggers)', () => {
    expect(of('aws_elb').map((c) => c.change.actions)).toEqual([['update']]);
    const listener = of('aws_load_balancer_listener_policy')[0];
    expect(listener.change.actions).toEqual(['update']);
    // The certificate ARN is known only after apply, so the triggers map is (partly) unknown: an update.
    expect([true, { certificate: true }]).toContainEqual(listener.change.after_unknown.triggers);
    expect(listener.change.before.triggers.certificate).toMatch(/^arn:aws:iam::/);
  });

  test('no policy changes', () => {
    expect(of('aws_load_balancer_policy').map((c) => c.change.actions)).toEqual([['no-op'], ['no-op'], ['no-op']]);
  });
});
