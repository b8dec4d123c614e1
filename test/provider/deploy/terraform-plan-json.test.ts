import { SecurityEffect } from '../../../lib/policy';
import {
  applyMask, PlanAction, PlanFormat, previewTerraformPlan, renderPlan, SENSITIVE_VALUE, UNKNOWN_VALUE,
} from '../../../provider/deploy';
import { NO_TLS10_SSL, WALKTHROUGH_SSL } from './fixtures/documents';

// Unit cases on hand-written plan JSON in the documented shape; the real-plan cases are in
// terraform-plan-preview.test.ts and terraform-example-preview.test.ts.

const ELB = {
  name: 'my-lb', availability_zones: ['us-east-1a'], idle_timeout: 60, connection_draining: false, connection_draining_timeout: 300,
  cross_zone_load_balancing: true, desync_mitigation_mode: 'defensive', internal: false, health_check: [], access_logs: [], instances: [],
  listener: [{ lb_port: 443, lb_protocol: 'https', instance_port: 443, instance_protocol: 'https', ssl_certificate_id: 'arn:aws:iam::1:server-certificate/c' }],
  tags: { team: 'edge' },
};

function rc(address: string, actions: string[], before: unknown, after: unknown, extra: Record<string, unknown> = {}) {
  const [type] = address.split('.');
  return { address, mode: 'managed', type, name: address.split('.')[1], change: { actions, before, after, ...extra } };
}

function plan(...changes: unknown[]) {
  return JSON.stringify({ format_version: '1.2', terraform_version: '1.11.4', resource_changes: changes });
}

function sslNegotiation(name: string, attributes: { name: string; value: string }[]) {
  return { name, load_balancer: 'my-lb', lb_port: 443, attribute: attributes };
}

describe('applyMask', () => {
  test('replaces exactly the marked parts, in objects and lists, and adds marked members that are absent', () => {
    const value = { a: 1, b: [{ c: 'x', d: 'y' }, { c: 'z' }], e: { f: 'g' } };
    expect(applyMask(value, { b: [{ d: true }, {}], e: true, h: true }, '?')).toEqual({ a: 1, b: [{ c: 'x', d: '?' }, { c: 'z' }], e: '?', h: '?' });
    expect(applyMask('secret', true, SENSITIVE_VALUE)).toBe(SENSITIVE_VALUE);
    expect(applyMask(value, false, '?')).toBe(value);
  });
});

describe('previewTerraformPlan on hand-written plan JSON', () => {
  test('the older aws_lb_ssl_negotiation_policy is paired on its lb_port and classified', () => {
    const preview = previewTerraformPlan(plan(
      rc('aws_elb.lb', ['no-op'], ELB, ELB),
      rc('aws_lb_ssl_negotiation_policy.old', ['delete'], sslNegotiation('old', WALKTHROUGH_SSL.attributes), null),
      rc('aws_lb_ssl_negotiation_policy.new', ['create'], null, sslNegotiation('new', NO_TLS10_SSL.attributes)),
    ));
    expect(preview.loadBalancers[0].security.map((i) => [i.attribute, i.effect, i.beforePolicy, i.afterPolicy]))
      .toEqual([['Protocol-TLSv1', SecurityEffect.STRENGTHENS, 'old', 'new']]);
  });

  test('a created load balancer is a create, without a security comparison', () => {
    const preview = previewTerraformPlan(plan(rc('aws_elb.lb', ['create'], null, ELB, { after_unknown: { arn: true } })));
    expect(preview.loadBalancers[0]).toMatchObject({ name: 'my-lb', action: PlanAction.CREATE, security: [] });
  });

  test('a replaced load balancer says so', () => {
    const preview = previewTerraformPlan(plan(rc('aws_elb.lb', ['delete', 'create'], ELB, { ...ELB, internal: true })));
    const lb = preview.loadBalancers[0];
    expect(lb.action).toBe(PlanAction.UPDATE);
    expect(lb.changes.map((c) => c.label)).toEqual(['load balancer replaced (destroyed and re-created: its DNS name changes)', 'internal']);
  });

  test('values known only after apply are shown as such', () => {
    const after = { ...ELB, listener: [{ ...ELB.listener[0], ssl_certificate_id: null }] };
    const preview = previewTerraformPlan(plan(rc('aws_elb.lb', ['update'], ELB, after, { after_unknown: { listener: [{ ssl_certificate_id: true }] } })));
    expect(preview.loadBalancers[0].changes).toEqual([expect.objectContaining({ key: 'listeners[443].sslCertificateId', after: UNKNOWN_VALUE })]);
  });

  test('values Terraform marks sensitive are never read', () => {
    const before = { ...ELB, tags: { team: 'edge', owner: 'hunter2-old' } };
    const after = { ...ELB, tags: { team: 'edge', owner: 'hunter2-new' } };
    const preview = previewTerraformPlan(plan(rc('aws_elb.lb', ['update'], before, after,
      { before_sensitive: { tags: { owner: true } }, after_sensitive: { tags: { owner: true } } })));
    for (const format of Object.values(PlanFormat)) expect(renderPlan(preview, format)).not.toMatch(/hunter2/);
  });

  test('other resource types and data sources are ignored', () => {
    const preview = previewTerraformPlan(plan(rc('aws_s3_bucket.logs', ['create'], null, { bucket: 'x' }),
      { ...rc('aws_elb.lb', ['read'], null, ELB), mode: 'data' }));
    expect(preview.loadBalancers).toEqual([]);
    expect(preview.summary.hasChanges).toBe(false);
  });
});
