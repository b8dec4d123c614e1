import { CipherPolicies, CipherPolicySpec, PolicyAttribute, SecurityEffect } from '../../../lib/policy';
import {
  ChangeAction, DEPLOY_CODES, PlanAction, PlanFormat, PlanSource, previewTerraformPlan, renderPlan,
} from '../../../provider/deploy';
import { selfSignedCertificate, TerraformWorkspace } from './fixtures/terraform-workspace';

// The AWS security preview on REAL plan JSON: Terraform 1.11 and hashicorp/aws 5.100.0 from the
// local mirror, fake credentials, `plan -refresh=false` against a hand-built state (format 4).

const ELB = 'my-loadbalancer';
const WEAK_ELB = 'weak-loadbalancer';
const CERT_ARN = 'arn:aws:iam::123456789012:server-certificate/my-server-cert';
const PROVIDER = 'provider["registry.terraform.io/hashicorp/aws"]';

function policy(stem: string, spec: CipherPolicySpec): { name: string; attributes: PolicyAttribute[] } {
  const resolved = CipherPolicies.resolve(spec).policy!;
  return { name: CipherPolicies.policyName(stem, resolved.contentHash), attributes: resolved.attributes };
}

const OLD = policy('walkthrough-ssl', { enable: ['Protocol-TLSv1', 'DHE-RSA-AES256-SHA'], disable: ['Protocol-SSLv3'] });
const NO_TLS10 = policy('walkthrough-ssl', { enable: ['DHE-RSA-AES256-SHA'], disable: ['Protocol-SSLv3', 'Protocol-TLSv1'] });
const WITH_SSLV3 = policy('walkthrough-ssl', { enable: ['Protocol-TLSv1', 'Protocol-SSLv3', 'DHE-RSA-AES256-SHA'] });

function tfAttributes(attributes: PolicyAttribute[]) {
  return attributes.map((a) => ({ name: a.name, value: a.value }));
}

type Pems = { certificatePem: string; privateKeyPem: string };

/** One load balancer of the test configuration: its resource id prefix, name, policies by resource name, and the bound one. */
interface LbSpec {
  readonly id: string;
  readonly name: string;
  readonly policies: Record<string, { name: string; attributes: PolicyAttribute[] }>;
  readonly bound: string;
}

// Both scenarios in one configuration, so the test runs one plan and one show (each loads the provider).
const REPLACED: LbSpec = { id: 'lb', name: ELB, policies: { ssl: NO_TLS10 }, bound: 'ssl' };
const WEAKENED: LbSpec = { id: 'weak', name: WEAK_ELB, policies: { weak_ssl_v3: WITH_SSLV3 }, bound: 'weak_ssl_v3' };

function config(cert: Pems, lbs: LbSpec[]) {
  const merge = (f: (lb: LbSpec) => Record<string, unknown>) => Object.assign({}, ...lbs.map(f));
  return {
    terraform: { required_providers: { aws: { source: 'hashicorp/aws', version: '5.100.0' } } },
    provider: { aws: [{ region: 'us-east-1', access_key: 'AKIAFAKEFAKEFAKE', secret_key: 'fake', skip_credentials_validation: true, skip_requesting_account_id: true, skip_metadata_api_check: true, skip_region_validation: true }] },
    resource: {
      aws_iam_server_certificate: { cert: { name: 'my-server-cert', certificate_body: cert.certificatePem, private_key: cert.privateKeyPem } },
      aws_elb: merge((lb) => ({ [lb.id]: { name: lb.name, availability_zones: ['us-east-1a'], listener: [
        { lb_port: 80, lb_protocol: 'http', instance_port: 8080, instance_protocol: 'http' },
        { lb_port: 443, lb_protocol: 'https', instance_port: 443, instance_protocol: 'https', ssl_certificate_id: '${aws_iam_server_certificate.cert.arn}' },
      ] } })),
      aws_load_balancer_policy: merge((lb) => Object.fromEntries(Object.entries(lb.policies).map(([id, p]) => [id, {
        load_balancer_name: `\${aws_elb.${lb.id}.name}`, policy_name: p.name, policy_type_name: 'SSLNegotiationPolicyType', policy_attribute: tfAttributes(p.attributes),
      }]))),
      aws_load_balancer_listener_policy: merge((lb) => ({ [`${lb.id}_443`]: { load_balancer_name: `\${aws_elb.${lb.id}.name}`, load_balancer_port: 443, policy_names: [`\${aws_load_balancer_policy.${lb.bound}.policy_name}`] } })),
      aws_elb_attachment: { web1: { elb: '${aws_elb.lb.id}', instance: 'i-4f8cf126' } },
    },
  };
}

function resource(type: string, name: string, attributes: Record<string, unknown>) {
  return { mode: 'managed', type, name, provider: PROVIDER, instances: [{ schema_version: 0, attributes, sensitive_attributes: [] }] };
}

/** What was applied before: per load balancer the walk-through policy with TLS 1.0 on (resource `<id>_ssl` or `ssl`), bound to listener 443; no attachment yet. */
function state(cert: Pems, lbs: LbSpec[]) {
  return {
    version: 4, terraform_version: '1.11.4', serial: 1, lineage: '5e1b0000-0000-4000-8000-000000000001', outputs: {},
    resources: [
      resource('aws_iam_server_certificate', 'cert', { id: 'ASCAFAKEFAKE', arn: CERT_ARN, name: 'my-server-cert', name_prefix: '', path: '/', certificate_body: cert.certificatePem, certificate_chain: null, private_key: cert.privateKeyPem, tags: null, tags_all: {}, timeouts: null, expiration: null, upload_date: null }),
      ...lbs.flatMap((lb) => [
        resource('aws_elb', lb.id, {
          id: lb.name, name: lb.name, arn: `arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/${lb.name}`, availability_zones: ['us-east-1a'],
          connection_draining: false, connection_draining_timeout: 300, cross_zone_load_balancing: true, desync_mitigation_mode: 'defensive', idle_timeout: 60, internal: false,
          listener: [
            { instance_port: 443, instance_protocol: 'https', lb_port: 443, lb_protocol: 'https', ssl_certificate_id: CERT_ARN },
            { instance_port: 8080, instance_protocol: 'http', lb_port: 80, lb_protocol: 'http', ssl_certificate_id: '' },
          ],
          access_logs: [], health_check: [], instances: [], security_groups: [], subnets: [], tags: null, tags_all: {},
        }),
        resource('aws_load_balancer_policy', lb.id === 'lb' ? 'ssl' : `${lb.id}_ssl`, { id: `${lb.name}:${OLD.name}`, load_balancer_name: lb.name, policy_name: OLD.name, policy_type_name: 'SSLNegotiationPolicyType', policy_attribute: tfAttributes(OLD.attributes) }),
        resource('aws_load_balancer_listener_policy', `${lb.id}_443`, { id: `${lb.name}:443`, load_balancer_name: lb.name, load_balancer_port: 443, policy_names: [OLD.name], triggers: null }),
      ]),
    ],
  };
}

describe('previewTerraformPlan on real `terraform show -json` output', () => {
  let ws: TerraformWorkspace;
  let cert: Pems;
  let planJson: string;

  beforeAll(() => {
    TerraformWorkspace.assertToolsPresent();
    ws = new TerraformWorkspace();
    cert = selfSignedCertificate(ws.dir);
    ws.writeState(state(cert, [REPLACED, WEAKENED]));
    // my-loadbalancer: the same resource address gets a new content-named policy without TLS 1.0 (a replacement).
    // weak-loadbalancer: a new resource address with SSLv3 on; the old policy resource is deleted.
    ws.writeConfig(config(cert, [REPLACED, WEAKENED]));
    ws.init();
    planJson = ws.planJson();
  }, 60000);

  afterAll(() => ws?.dispose());

  test('the plan is real: Terraform replaces the policy and holds the private key in clear', () => {
    const plan = JSON.parse(planJson);
    expect(plan.format_version).toMatch(/^1\./);
    const ssl = plan.resource_changes.find((rc: { address: string }) => rc.address === 'aws_load_balancer_policy.ssl');
    expect(ssl.change.actions).toEqual(['delete', 'create']);
    // Why redaction matters: the plan JSON carries the key; only *_sensitive says so.
    expect(planJson).toContain('PRIVATE KEY');
  });

  test('dropping TLS 1.0 under a new policy name is flagged as exactly that change, strengthening', () => {
    const preview = previewTerraformPlan(planJson, { source: 'tfplan.json' });
    expect(preview.source).toBe(PlanSource.TERRAFORM);
    const lb = preview.loadBalancers.find((l) => l.name === ELB)!;
    expect(lb.action).toBe(PlanAction.UPDATE);
    expect(lb.security).toEqual([{
      scope: 'listener 443', attribute: 'Protocol-TLSv1', before: 'true', after: 'false', effect: SecurityEffect.STRENGTHENS,
      reason: expect.stringMatching(/^disables Protocol-TLSv1 \(weak: TLS 1.0/), beforePolicy: OLD.name, afterPolicy: NO_TLS10.name, origin: 'configuration',
    }]);
    expect(preview.summary).toMatchObject({ weakening: 1, strengthening: 1, update: 2 });
  });

  test('each change names its resource: binder, policies, attachment', () => {
    const lb = previewTerraformPlan(planJson).loadBalancers.find((l) => l.name === ELB)!;
    expect(lb.changes.map((c) => [c.key, c.action, c.resource]).sort()).toEqual([
      ['instances[i-4f8cf126]', ChangeAction.ADD, 'aws_elb_attachment.web1'],
      ['listeners[443].policyNames', ChangeAction.MODIFY, 'aws_load_balancer_listener_policy.lb_443'],
      [`policies[${NO_TLS10.name}]`, ChangeAction.ADD, 'aws_load_balancer_policy.ssl'],
      [`policies[${OLD.name}]`, ChangeAction.REMOVE, 'aws_load_balancer_policy.ssl'],
    ].sort());
  });

  test('the certificate is compared by fingerprint and is unchanged', () => {
    const preview = previewTerraformPlan(planJson);
    expect(preview.serverCertificates).toEqual([expect.objectContaining({ name: 'my-server-cert', action: PlanAction.NO_OP, changes: [] })]);
  });

  test('a policy under a new address is paired with the one it replaces through the listener binder: enabling SSLv3 weakens', () => {
    const preview = previewTerraformPlan(planJson);
    const lb = preview.loadBalancers.find((l) => l.name === WEAK_ELB)!;
    expect(lb.security.map((i) => [i.attribute, i.before, i.after, i.effect, i.beforePolicy, i.afterPolicy])).toEqual([
      ['Protocol-SSLv3', 'false', 'true', SecurityEffect.WEAKENS, OLD.name, WITH_SSLV3.name],
    ]);
    expect(lb.changes.find((c) => c.key === `policies[${OLD.name}]`)?.resource).toBe('aws_load_balancer_policy.weak_ssl');
    expect(lb.changes.find((c) => c.key === `policies[${WITH_SSLV3.name}]`)?.resource).toBe('aws_load_balancer_policy.weak_ssl_v3');
    const md = renderPlan(preview, PlanFormat.MARKDOWN);
    expect(md.indexOf('#### ⚠️ 1 change(s) weaken security')).toBeGreaterThan(md.indexOf('| Create |'));
    expect(md.indexOf('#### ⚠️')).toBeLessThan(md.indexOf('<details>'));
    expect(md).toMatch(/\| `weak-loadbalancer` \| listener 443<br>.* \| `Protocol-SSLv3` \| `false` \| `true` \|/);
  });

  test.each(Object.values(PlanFormat))('the %s rendering never holds the private key', (format) => {
    const out = renderPlan(previewTerraformPlan(planJson), format);
    expect(out).not.toContain('PRIVATE KEY');
    expect(out).not.toContain(cert.privateKeyPem.split('\n')[1]);
  });

  test('input that is not plan JSON is refused with the command that makes it', () => {
    expect(() => previewTerraformPlan('{"version":4}', { source: 'terraform.tfstate' }))
      .toThrow(expect.objectContaining({ code: DEPLOY_CODES.TERRAFORM_PLAN_FORMAT, message: expect.stringMatching(/'terraform.tfstate' is not the JSON of a saved Terraform plan: its format_version is undefined.*terraform show -json/) }));
  });
});
