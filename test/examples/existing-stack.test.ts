import { Testing } from 'cdktf';
import { ExistingStack } from '../../examples/existing-stack/existing-stack';
import { certificates } from '../constructs/helpers';
import { findProviderMirror, OFFLINE_PROVIDER, requireTerraform, TerraformDir } from '../targets/aws/terraform-fixture';

/*
 * The existing-stack example for AWS: the constructs take the stack's own resources by reference,
 * and the real Terraform CLI with the real AWS provider 5.100.0 (local mirror, fake credentials,
 * skip flags) validates and plans it with no error and no warning. Fails (never skips) when
 * Terraform or the mirror is missing. The apply cycle against moto is existing-stack-apply.test.ts.
 */

jest.setTimeout(180_000);

const json = JSON.parse(Testing.synth(new ExistingStack(Testing.app(), 'existing-stack', { certificates: certificates(), provider: OFFLINE_PROVIDER })));
const of = (type: string): any[] => Object.values(json.resource[type] ?? {});
const elb = (name: string) => of('aws_elb').find((e) => e.name === name);

describe('synthesized for AWS', () => {
  test('two load balancers, both listening on 443, in the stack\'s subnets and security group', () => {
    expect(of('aws_elb').map((e) => [e.name, e.listener.map((l: any) => `${l.lb_port}:${l.lb_protocol}->${l.instance_port}:${l.instance_protocol}`)]).sort())
      .toEqual([['shop-api', ['443:https->8443:https']], ['shop-web', ['443:https->443:https']]]);
    for (const name of ['shop-web', 'shop-api']) {
      expect(elb(name).subnets).toEqual(['${aws_subnet.Subnet1.id}', '${aws_subnet.Subnet2.id}']);
      expect(elb(name).security_groups).toEqual(['${aws_security_group.AppSecurityGroup.id}']);
      expect(elb(name).listener[0].ssl_certificate_id).toBe('${aws_acm_certificate.SiteCertificate.arn}');
      expect(elb(name).availability_zones).toBeUndefined();
    }
  });

  test('both instances are registered with each load balancer by reference, one attachment each', () => {
    const pairs = of('aws_elb_attachment').map((a) => `${a.elb} ${a.instance}`).sort();
    expect(pairs).toEqual([
      '${aws_elb.Api_F70053CD.name} ${aws_instance.App1.id}', '${aws_elb.Api_F70053CD.name} ${aws_instance.App2.id}',
      '${aws_elb.Web_3C8945DB.name} ${aws_instance.App1.id}', '${aws_elb.Web_3C8945DB.name} ${aws_instance.App2.id}',
    ]);
  });

  test('each load balancer has its own cipher policy on 443 and back-end authentication on its instance port', () => {
    const listeners = of('aws_load_balancer_listener_policy').map((l) => [l.load_balancer_name, l.load_balancer_port, l.policy_names.length]).sort();
    expect(listeners).toEqual([['${aws_elb.Api_F70053CD.name}', 443, 1], ['${aws_elb.Web_3C8945DB.name}', 443, 1]]);
    const backends = of('aws_load_balancer_backend_server_policy').map((b) => [b.load_balancer_name, b.instance_port]).sort();
    expect(backends).toEqual([['${aws_elb.Api_F70053CD.name}', 8443], ['${aws_elb.Web_3C8945DB.name}', 443]]);
    const types = of('aws_load_balancer_policy').map((p) => p.policy_type_name).sort();
    expect(types).toEqual(['BackendServerAuthenticationPolicyType', 'BackendServerAuthenticationPolicyType',
      'PublicKeyPolicyType', 'PublicKeyPolicyType', 'SSLNegotiationPolicyType', 'SSLNegotiationPolicyType']);
  });
});

describe('real Terraform with the real AWS provider', () => {
  let tf: TerraformDir;

  beforeAll(() => {
    requireTerraform();
    tf = new TerraformDir(findProviderMirror());
    tf.write('main.tf.json', JSON.stringify(json));
    const init = tf.run('init', '-input=false', '-no-color');
    if (init.status !== 0) throw new Error(`terraform init failed:\n${init.stdout}\n${init.stderr}`);
  });

  test('terraform validate: valid, no error, no warning', () => {
    const result = tf.run('validate', '-json', '-no-color');
    const report = JSON.parse(result.stdout);
    expect({ status: result.status, valid: report.valid, errors: report.error_count, warnings: report.warning_count, diagnostics: report.diagnostics })
      .toEqual({ status: 0, valid: true, errors: 0, warnings: 0, diagnostics: [] });
  });

  test('terraform plan: all 23 resources to add, no error, no warning', () => {
    const result = tf.run('plan', '-refresh=false', '-input=false', '-no-color');
    const output = `${result.stdout}\n${result.stderr}`;
    expect({ status: result.status, output }).toEqual({ status: 0, output: expect.not.stringMatching(/Error|Warning/) });
    expect(output).toMatch(/Plan: 23 to add, 0 to change, 0 to destroy\./);
  });
});
