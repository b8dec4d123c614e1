/**
 * The whole AWS preview of real plans: the real Terraform CLI and AWS provider 5.100.0 (local
 * mirror) apply a small Classic ELB stack to moto_server, then plan each change against that state
 * (`plan -out` + `show -json`); the deploy core's `previewAwsPlan` and its renderers must count,
 * classify, banner and judge every resource change truthfully. One moto server, scenarios in
 * sequence; fails (never skips) when Terraform, the mirror or moto is missing.
 */
import { CipherPolicies, SecurityEffect, SecurityPolicy, SecurityWarningIds } from '../../../../lib/policy';
import {
  AWS_PREVIEW_MARKER, AwsPreview, PlanFormat, previewAwsPlan, previewTerraformPlan, renderAwsPreview, ResourceChangeKind,
} from '../../../../provider/deploy';
import { certificates } from '../../../constructs/helpers';
import { MotoServer } from '../../../targets/aws/moto-server';
import { findProviderMirror, OFFLINE_PROVIDER, requireTerraform, TerraformDir } from '../../../targets/aws/terraform-fixture';

jest.setTimeout(300_000);

const certs = certificates();

/** A cipher policy's full ELB attribute list, as Terraform's `policy_attribute` blocks. */
const attributesOf = (policy: SecurityPolicy, extra: Record<string, string> = {}) => {
  const map = new Map(CipherPolicies.fromPredefined(policy).attributes.map((a) => [a.name, a.value]));
  for (const [k, v] of Object.entries(extra)) map.set(k, v);
  return [...map].map(([name, value]) => ({ name, value }));
};

interface Variant {
  /** The load balancer's name. */
  name?: string;
  idleTimeout?: number;
  /** Instances (and attachments). */
  instances?: number;
  /** The SSL policy's name and attributes. */
  policy?: { name: string; attributes: { name: string; value: string }[] };
}

const LEGACY = { name: 'tls-legacy', attributes: attributesOf(SecurityPolicy.ELB_SECURITY_POLICY_2016_08) };
// Drops TLS 1.0 (strengthens) and switches on SSL 3.0 (weakens), under a new name: a replacement.
const CHANGED = { name: 'tls-changed', attributes: attributesOf(SecurityPolicy.ELB_SECURITY_POLICY_2016_08, { 'Protocol-TLSv1': 'false', 'Protocol-SSLv3': 'true' }) };

function config(moto: MotoServer, v: Variant = {}): string {
  const snake = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).map(([k, x]) => [k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`), x]));
  const url = moto.endpoint;
  const policy = v.policy ?? LEGACY;
  return JSON.stringify({
    terraform: { required_providers: { aws: { source: 'hashicorp/aws', version: '5.100.0' } } },
    provider: { aws: [{ ...snake(OFFLINE_PROVIDER as Record<string, unknown>), endpoints: [{ acm: url, ec2: url, elb: url, iam: url, sts: url }] }] },
    resource: {
      aws_iam_server_certificate: { cert: { name: 'preview-cert', certificate_body: certs.certPem, private_key: certs.keyPem } },
      aws_instance: { app: { count: v.instances ?? 2, ami: 'ami-1e749f67', instance_type: 't3.micro' } },
      aws_elb: {
        web: {
          name: v.name ?? 'preview-web',
          availability_zones: ['us-east-1a'],
          idle_timeout: v.idleTimeout ?? 60,
          cross_zone_load_balancing: true,
          connection_draining: true,
          connection_draining_timeout: 300,
          // The AWS provider 5.100.0 crashes reading back a load balancer from moto without a health check.
          health_check: [{ target: 'HTTP:8080/', interval: 30, timeout: 5, healthy_threshold: 2, unhealthy_threshold: 2 }],
          listener: [
            { lb_port: 443, lb_protocol: 'https', instance_port: 8443, instance_protocol: 'https', ssl_certificate_id: '${aws_iam_server_certificate.cert.arn}' },
            { lb_port: 80, lb_protocol: 'http', instance_port: 8080, instance_protocol: 'http' },
          ],
        },
      },
      aws_load_balancer_policy: {
        tls: {
          load_balancer_name: '${aws_elb.web.name}', policy_name: policy.name, policy_type_name: 'SSLNegotiationPolicyType',
          policy_attribute: policy.attributes, lifecycle: { create_before_destroy: true },
        },
      },
      aws_load_balancer_listener_policy: {
        https: { load_balancer_name: '${aws_elb.web.name}', load_balancer_port: 443, policy_names: ['${aws_load_balancer_policy.tls.policy_name}'] },
      },
      aws_elb_attachment: { app: { count: v.instances ?? 2, elb: '${aws_elb.web.name}', instance: '${aws_instance.app[count.index].id}' } },
    },
  }, null, 1);
}

let moto: MotoServer | undefined;
let tf: TerraformDir;

function terraform(...args: string[]): string {
  const r = tf.run(...args);
  if (r.status !== 0) throw new Error(`terraform ${args[0]} exited ${r.status}:\n${r.stdout}\n${r.stderr}\n${moto?.output() ?? ''}`);
  return r.stdout;
}

/** Writes the variant, plans it against moto's state and returns the preview of `terraform show -json`. */
function preview(v: Variant, name: string, refresh = false): { preview: AwsPreview; raw: any; stdout: string } {
  tf.write('main.tf.json', config(moto!, v));
  // After the first apply the state is moto's; scenarios plan against it without refreshing
  // (each refresh costs ~30 s on a loaded machine).
  const stdout = terraform('plan', '-input=false', '-no-color', `-refresh=${refresh}`, '-out=plan.tfplan');
  const json = terraform('show', '-json', 'plan.tfplan');
  tf.write(`${name}.json`, json);
  return { preview: previewAwsPlan(json, { stack: 'preview' }), raw: JSON.parse(json), stdout };
}

/** Terraform's own "Plan: N to add, N to change, N to destroy." line, as numbers. */
function terraformLine(stdout: string): { add: number; change: number; destroy: number } {
  const m = /Plan: (\d+) to add, (\d+) to change, (\d+) to destroy\./.exec(stdout);
  if (!m) throw new Error(`no Plan: line in\n${stdout}`);
  return { add: Number(m[1]), change: Number(m[2]), destroy: Number(m[3]) };
}

const kinds = (p: AwsPreview) => Object.fromEntries(p.resources.map((r) => [r.address, r.kind]));

beforeAll(async () => {
  requireTerraform();
  const mirror = findProviderMirror();
  moto = await MotoServer.start();
  tf = new TerraformDir(mirror);
  tf.write('main.tf.json', config(moto));
  terraform('init', '-input=false', '-no-color');
});

afterAll(async () => { await moto?.stop(); });

describe('previews of real plans against moto, in sequence', () => {
  test('create: every resource counted (ELB and not), two attachments with unknown instance ids stay two, the new load balancer judged on what it enables', () => {
    const { preview: p, stdout } = preview({}, 'create', true);
    expect(p.counts.terraform).toEqual(terraformLine(stdout));
    expect(p.counts.terraform).toEqual({ add: 8, change: 0, destroy: 0 });
    expect(p.counts.byKind).toMatchObject({ create: 8, update: 0, delete: 0 });
    expect(p.resources.filter((r) => !r.elbRelated).map((r) => r.address)).toEqual(['aws_instance.app[0]', 'aws_instance.app[1]']);
    const attachments = p.resources.filter((r) => r.type === 'aws_elb_attachment');
    expect(attachments.map((r) => [r.address, r.label, r.knownAfterApply.includes('instance')])).toEqual([
      ['aws_elb_attachment.app[0]', 'add', true], ['aws_elb_attachment.app[1]', 'add', true],
    ]);
    const [lb] = p.loadBalancers;
    expect(p.loadBalancers).toHaveLength(1);
    expect(lb).toMatchObject({ key: 'aws_elb.web', nameAfter: 'preview-web', kind: ResourceChangeKind.CREATE, label: 'add' });
    expect(lb.changes.filter((c) => c.key.startsWith('instances[')).length).toBe(2);
    const rules = lb.posture.map((f) => `${f.scope} ${f.rule}`);
    expect(rules).toEqual(expect.arrayContaining([
      `listener 443 ${SecurityWarningIds.TLS10_ENABLED}`, `listener 443 ${SecurityWarningIds.TLS11_ENABLED}`,
      `listener 443 ${SecurityWarningIds.NO_BACKEND_AUTH}`,
    ]));
    expect(p.counts.postureFindings).toBe(lb.posture.length);
    expect(p.banners).toEqual([]);
    const policy = p.resources.find((r) => r.address === 'aws_load_balancer_policy.tls')!;
    expect(policy.meaning).toMatch(/^TLS policy tls-legacy of preview-web: .*TLSv1\b.*⚠️ weak: .*Protocol-TLSv1/);
    const md = renderAwsPreview(p, PlanFormat.MARKDOWN);
    expect(md.startsWith(`${AWS_PREVIEW_MARKER}\n### Terraform plan security preview: \`preview\``)).toBe(true);
    expect(md).toContain('**Plan: 8 to add, 0 to change, 0 to destroy.**');
    expect(md).toMatch(/⚠️ \d+ finding\(s\) on new load balancers/);
    expect(md).toMatch(new RegExp(`\\| \`preview-web\` \\| listener 443 \\| \`${SecurityWarningIds.TLS10_ENABLED}\` \\|`));
    expect(md).toContain('| `+` add | `aws_elb_attachment.app[1]` |');
    expect(md).not.toContain(certs.keyPem.split('\n')[1]);
    terraform('apply', '-input=false', '-no-color', '-auto-approve', 'plan.tfplan');
  });

  test('no changes: the same configuration plans nothing and says so', () => {
    const { preview: p, stdout } = preview({}, 'no-changes');
    expect(stdout).toMatch(/No changes\./);
    expect(p.counts.hasChanges).toBe(false);
    expect(new Set(p.resources.map((r) => r.label))).toEqual(new Set(['no changes']));
    expect(p.loadBalancers.map((l) => l.kind)).toEqual([ResourceChangeKind.NO_OP]);
    expect(renderAwsPreview(p, PlanFormat.MARKDOWN)).toContain('**No changes.**');
    expect(renderAwsPreview(p, PlanFormat.TEXT)).toMatch(/^No changes\.$/m);
  });

  test('update in place: one attribute of the load balancer, no banner, no security finding', () => {
    const { preview: p, stdout } = preview({ idleTimeout: 120 }, 'update');
    expect(p.counts.terraform).toEqual(terraformLine(stdout));
    expect(p.counts.terraform).toEqual({ add: 0, change: 1, destroy: 0 });
    expect(kinds(p)['aws_elb.web']).toBe(ResourceChangeKind.UPDATE);
    const [lb] = p.loadBalancers;
    expect(lb).toMatchObject({ kind: ResourceChangeKind.UPDATE, label: 'update', nameBefore: 'preview-web', nameAfter: 'preview-web', posture: [], security: [] });
    expect(lb.changes.map((c) => [c.key, c.before, c.after])).toEqual([['idleTimeoutSeconds', 60, 120]]);
    expect(p.banners).toEqual([]);
  });

  test('cipher replacement: the policy replaced create-before-destroy, the binder updated, each attribute judged', () => {
    const { preview: p, stdout, raw } = preview({ policy: CHANGED }, 'cipher');
    expect(p.counts.terraform).toEqual(terraformLine(stdout));
    expect(p.counts.terraform).toEqual({ add: 1, change: 1, destroy: 1 });
    expect(kinds(p)).toMatchObject({
      'aws_load_balancer_policy.tls': ResourceChangeKind.REPLACE_CREATE_BEFORE_DESTROY,
      'aws_load_balancer_listener_policy.https': ResourceChangeKind.UPDATE,
      'aws_elb.web': ResourceChangeKind.NO_OP,
    });
    const policy = p.resources.find((r) => r.address === 'aws_load_balancer_policy.tls')!;
    expect(policy).toMatchObject({ label: 'replace', replacePaths: expect.arrayContaining(['policy_name']) });
    expect(p.resources.find((r) => r.address === 'aws_load_balancer_policy.tls')!.replacePaths)
      .toEqual(raw.resource_changes.find((rc: any) => rc.address === 'aws_load_balancer_policy.tls').change.replace_paths.map((x: string[]) => x.join('.')));
    const [lb] = p.loadBalancers;
    expect(lb.kind).toBe(ResourceChangeKind.UPDATE);
    expect(lb.security.map((i) => [i.scope, i.attribute, i.before, i.after, i.effect, i.beforePolicy, i.afterPolicy])).toEqual([
      ['listener 443', 'Protocol-SSLv3', 'false', 'true', SecurityEffect.WEAKENS, 'tls-legacy', 'tls-changed'],
      ['listener 443', 'Protocol-TLSv1', 'true', 'false', SecurityEffect.STRENGTHENS, 'tls-legacy', 'tls-changed'],
    ]);
    expect(p.counts).toMatchObject({ weakening: 1, strengthening: 1, postureFindings: 0 });
    expect(p.banners.map((b) => [b.kind, b.addresses])).toEqual([['delete', ['aws_load_balancer_policy.tls']]]);
    const md = renderAwsPreview(p, PlanFormat.MARKDOWN);
    expect(md).toContain('#### Security: ⚠️ 1 weakening, 0 finding(s) on new load balancers, 1 strengthening');
    expect(md).toMatch(/\| ⚠️ weakens \| `preview-web` \| listener 443<br>`tls-legacy` → `tls-changed` \| `Protocol-SSLv3` \| `false` \| `true` \|/);
    expect(md).toContain('| `+/-` replace | `aws_load_balancer_policy.tls` |');
  });

  test('load-balancer rename: a replacement with its banner, one load balancer old → new, everything that hangs off it replaced', () => {
    const { preview: p, stdout, raw } = preview({ name: 'preview-www' }, 'rename');
    expect(p.counts.terraform).toEqual(terraformLine(stdout));
    expect(p.counts.terraform.destroy).toBeGreaterThanOrEqual(1);
    // The policy's create_before_destroy spreads to the load balancer it depends on: Terraform plans ["create","delete"].
    expect(raw.resource_changes.find((rc: any) => rc.address === 'aws_elb.web').change.actions).toEqual(['create', 'delete']);
    expect(kinds(p)['aws_elb.web']).toBe(ResourceChangeKind.REPLACE_CREATE_BEFORE_DESTROY);
    expect(p.loadBalancers).toHaveLength(1);
    const [lb] = p.loadBalancers;
    expect(lb).toMatchObject({ key: 'aws_elb.web', nameBefore: 'preview-web', nameAfter: 'preview-www', kind: ResourceChangeKind.REPLACE_CREATE_BEFORE_DESTROY, label: 'replace' });
    // A new load balancer is judged on its own posture, even though the policy stays the same.
    expect(lb.posture.map((f) => f.rule)).toEqual(expect.arrayContaining([SecurityWarningIds.TLS10_ENABLED, SecurityWarningIds.TLS11_ENABLED]));
    const replaced = p.banners.find((b) => b.kind === 'load-balancer-replaced')!;
    expect(replaced.addresses).toEqual(['aws_elb.web']);
    expect(replaced.text).toMatch(/preview-web → preview-www.*DNS name changes.*Forced by: name/);
    const destroyed = p.banners.find((b) => b.kind === 'delete')!;
    expect(destroyed.addresses).toEqual(expect.arrayContaining(['aws_elb.web', 'aws_elb_attachment.app[0]', 'aws_elb_attachment.app[1]']));
    const md = renderAwsPreview(p, PlanFormat.MARKDOWN);
    expect(md.indexOf('> [!CAUTION]')).toBeGreaterThan(0);
    expect(md.indexOf('> [!CAUTION]')).toBeLessThan(md.indexOf('#### Security'));
    expect(md).not.toContain('preview-web → preview-web');
    expect(md).not.toMatch(/updated in place/);
    expect(renderAwsPreview(p, PlanFormat.TEXT)).toMatch(/^!! LOAD BALANCER REPLACED: Load balancer preview-web → preview-www/m);
    // The ELB-only plan view says the same: one load balancer, replaced from the old name to the new.
    const legacy = previewTerraformPlan(raw);
    expect(legacy.loadBalancers.map((l) => l.name)).toEqual(['preview-www']);
    expect(legacy.loadBalancers[0].changes[0]).toMatchObject({ key: 'loadBalancer', before: 'preview-web', after: 'preview-www', resource: 'aws_elb.web' });
  });

  test('deletion: one instance and its attachment destroyed, counted, bannered, the registration removal shown', () => {
    const { preview: p, stdout } = preview({ instances: 1 }, 'delete');
    expect(p.counts.terraform).toEqual(terraformLine(stdout));
    expect(p.counts.terraform).toEqual({ add: 0, change: 0, destroy: 2 });
    expect(p.counts.byKind.delete).toBe(2);
    expect(kinds(p)).toMatchObject({ 'aws_instance.app[1]': ResourceChangeKind.DELETE, 'aws_elb_attachment.app[1]': ResourceChangeKind.DELETE });
    expect(p.banners.map((b) => [b.kind, [...b.addresses].sort()])).toEqual([['delete', ['aws_elb_attachment.app[1]', 'aws_instance.app[1]']]]);
    const [lb] = p.loadBalancers;
    expect(lb.kind).toBe(ResourceChangeKind.UPDATE);
    expect(lb.changes.map((c) => [c.subject, c.action])).toEqual([['instance', 'remove']]);
    const gone = p.resources.find((r) => r.address === 'aws_elb_attachment.app[1]')!;
    expect(gone).toMatchObject({ label: 'destroy', meaning: expect.stringMatching(/^deregisters instance i-\w+ from preview-web$/) });
    const md = renderAwsPreview(p, PlanFormat.MARKDOWN);
    expect(md).toMatch(/> \[!WARNING\]\n> \*\*Resources destroyed\.\*\* 2 resource\(s\) will be destroyed \(2 deleted, 0 replaced\)\./);
    const json = JSON.parse(renderAwsPreview(p, PlanFormat.JSON));
    expect(json).toMatchObject({ kind: 'seclb-aws-preview', counts: { terraform: { destroy: 2 } } });
  });
});
