import { randomUUID } from 'crypto';

/**
 * Builds a Terraform state (format version 4) for a synthesized configuration, as if it had been
 * applied: every resource of the config with plausible attribute values (references resolved to
 * the referenced resource's values, computed attributes filled as the AWS provider 5.100 stores
 * them). Used to plan a changed configuration against "the previous version of the stack".
 */
export function priorState(config: any, terraformVersion: string): string {
  const account = '123456789012';
  const attrs = new Map<string, any>();
  const deps = new Map<string, string[]>();
  const entries: Array<[string, string, any]> = [];
  for (const [type, byName] of Object.entries<any>(config.resource ?? {})) {
    for (const [name, body] of Object.entries<any>(byName)) entries.push([type, name, body]);
  }
  const refPattern = /\$\{([a-z0-9_]+)\.([A-Za-z0-9_-]+)\.([a-z_]+)\}/g;
  const referencesOf = (value: unknown): string[] => [...JSON.stringify(value).matchAll(refPattern)].map((m) => `${m[1]}.${m[2]}`);

  // Resolve in dependency order: a resource is ready once everything it references is.
  const pending = entries.slice();
  while (pending.length) {
    const i = pending.findIndex(([, , body]) => referencesOf(body).every((r) => attrs.has(r)));
    if (i < 0) throw new Error('cyclic references in config');
    const [type, name, body] = pending.splice(i, 1)[0];
    const resolve = (value: any): any => {
      if (typeof value === 'string') {
        const whole = value.match(/^\$\{([a-z0-9_]+)\.([A-Za-z0-9_-]+)\.([a-z_]+)\}$/);
        if (whole) return attrs.get(`${whole[1]}.${whole[2]}`)[whole[3]];
        return value.replace(refPattern, (_m, t, n, a) => String(attrs.get(`${t}.${n}`)[a]));
      }
      if (Array.isArray(value)) return value.map(resolve);
      if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolve(v)]));
      return value;
    };
    const { lifecycle: _l, depends_on: _d, provider: _p, ...configured } = body;
    void _l; void _d; void _p;
    const c = resolve(configured);
    deps.set(`${type}.${name}`, [...new Set(referencesOf(body))]);
    attrs.set(`${type}.${name}`, applied(type, c, account));
  }

  const resources = entries.map(([type, name, body]) => ({
    mode: 'managed',
    type,
    name,
    provider: 'provider["registry.terraform.io/hashicorp/aws"]',
    instances: [{
      schema_version: 0,
      attributes: attrs.get(`${type}.${name}`),
      sensitive_attributes: type === 'aws_iam_server_certificate' ? [[{ type: 'get_attr', value: 'private_key' }]] : [],
      dependencies: deps.get(`${type}.${name}`)!.sort(),
      ...(body.lifecycle?.create_before_destroy ? { create_before_destroy: true } : {}),
    }],
  }));
  return JSON.stringify({
    version: 4,
    terraform_version: terraformVersion,
    serial: 3,
    lineage: randomUUID(),
    outputs: {},
    resources,
    check_results: null,
  }, null, 2);
}

/** The attributes the AWS provider stores after creating a resource of `type` from config `c`. */
function applied(type: string, c: any, account: string): any {
  switch (type) {
    case 'aws_iam_server_certificate':
      return {
        arn: `arn:aws:iam::${account}:server-certificate${c.path ?? '/'}${c.name}`,
        certificate_body: c.certificate_body,
        certificate_chain: c.certificate_chain ?? null,
        expiration: '2026-12-25T06:00:00Z',
        id: 'ASCAEXAMPLE1234567890',
        name: c.name,
        name_prefix: c.name_prefix ?? '',
        path: c.path ?? '/',
        private_key: c.private_key,
        tags: c.tags ?? null,
        tags_all: c.tags ?? {},
        timeouts: null,
        upload_date: '2026-11-25T06:00:00Z',
      };
    case 'aws_elb':
      return {
        access_logs: c.access_logs ? [c.access_logs] : [],
        arn: `arn:aws:elasticloadbalancing:us-east-1:${account}:loadbalancer/${c.name}`,
        availability_zones: c.availability_zones ?? [],
        connection_draining: c.connection_draining ?? false,
        connection_draining_timeout: c.connection_draining_timeout ?? 300,
        cross_zone_load_balancing: c.cross_zone_load_balancing ?? true,
        desync_mitigation_mode: c.desync_mitigation_mode ?? 'defensive',
        dns_name: `${c.name}-1234567890.us-east-1.elb.amazonaws.com`,
        health_check: c.health_check ? [c.health_check] : [],
        id: c.name,
        idle_timeout: c.idle_timeout ?? 60,
        instances: [],
        internal: c.internal ?? false,
        listener: c.listener.map((l: any) => ({ ssl_certificate_id: '', ...l })),
        name: c.name,
        name_prefix: '',
        security_groups: c.security_groups ?? [],
        source_security_group: `${account}/default_elb_1234abcd-12ab-34cd-56ef-1234567890ab`,
        source_security_group_id: '',
        subnets: c.subnets ?? [],
        tags: c.tags ?? null,
        tags_all: c.tags ?? {},
        timeouts: null,
        zone_id: 'Z35SXDOTRQ7X7K',
      };
    case 'aws_load_balancer_policy':
      return {
        id: `${c.load_balancer_name}:${c.policy_name}`,
        load_balancer_name: c.load_balancer_name,
        policy_attribute: c.policy_attribute ?? [],
        policy_name: c.policy_name,
        policy_type_name: c.policy_type_name,
      };
    case 'aws_load_balancer_listener_policy':
      return {
        id: `${c.load_balancer_name}:${c.load_balancer_port}`,
        load_balancer_name: c.load_balancer_name,
        load_balancer_port: c.load_balancer_port,
        policy_names: c.policy_names ?? [],
        triggers: c.triggers ?? null,
      };
    case 'aws_load_balancer_backend_server_policy':
      return {
        id: `${c.load_balancer_name}:${c.instance_port}`,
        instance_port: c.instance_port,
        load_balancer_name: c.load_balancer_name,
        policy_names: c.policy_names ?? [],
      };
    case 'aws_elb_attachment':
      return { elb: c.elb, id: `${c.elb}-20261125060000000000000001`, instance: c.instance };
    default:
      throw new Error(`no applied-state template for ${type}`);
  }
}
