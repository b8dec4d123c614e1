import 'cdktf/lib/testing/adapters/jest';
import { Elb } from '@cdktf/provider-aws/lib/elb';
import { ElbAttachment } from '@cdktf/provider-aws/lib/elb-attachment';
import { Instance } from '@cdktf/provider-aws/lib/instance';
import { LoadBalancerBackendServerPolicy } from '@cdktf/provider-aws/lib/load-balancer-backend-server-policy';
import { LoadBalancerListenerPolicy } from '@cdktf/provider-aws/lib/load-balancer-listener-policy';
import { LoadBalancerPolicy } from '@cdktf/provider-aws/lib/load-balancer-policy';
import { TerraformOutput, Testing } from 'cdktf';
import {
  CipherPolicy, DesyncMitigationMode, ListenerProtocol, LoadBalancerListener, SecureClassicLoadBalancer, SecurityPolicy, ServerCertificate, Stickiness,
} from '../../lib';
import { certificates, newStack, resources, synthJson } from './helpers';

const certs = certificates();
const HTTP: LoadBalancerListener = { loadBalancerPort: 80, protocol: ListenerProtocol.HTTP, instancePort: 8080, instanceProtocol: ListenerProtocol.HTTP };
const elbOf = (json: any) => resources(json, 'aws_elb')[0];

describe('defaults', () => {
  const json = synthJson((s) => new SecureClassicLoadBalancer(s, 'My_Web LB', { availabilityZones: ['us-east-1a'], listeners: [HTTP] }));

  test('the name comes from the construct id (letters, digits, hyphens)', () => {
    expect(elbOf(json).name).toBe('My-Web-LB');
  });

  test('ELB\'s default health check, explicit: TCP on the first listener\'s instance port, 30/5/10/2', () => {
    expect(elbOf(json).health_check).toEqual({ target: 'TCP:8080', interval: 30, timeout: 5, healthy_threshold: 10, unhealthy_threshold: 2 });
  });

  test('idle timeout 60, cross-zone on, draining off (300 s), internet-facing, defensive desync mode', () => {
    expect(elbOf(json)).toMatchObject({ idle_timeout: 60, cross_zone_load_balancing: true, connection_draining: false,
      connection_draining_timeout: 300, internal: false, desync_mitigation_mode: 'defensive' });
  });

  test('no instances argument, no tags, no access logs, no empty lists', () => {
    for (const key of ['instances', 'tags', 'access_logs', 'subnets', 'security_groups']) {
      expect(elbOf(json)[key]).toBeUndefined();
    }
    expect(elbOf(json).availability_zones).toEqual(['us-east-1a']);
  });

  test('instance protocol and port default to the front end\'s', () => {
    const j = synthJson((s) => new SecureClassicLoadBalancer(s, 'Lb', { availabilityZones: ['us-east-1a'], listeners: [{ loadBalancerPort: 25, protocol: ListenerProtocol.TCP }] }));
    expect(elbOf(j).listener).toEqual([{ lb_port: 25, lb_protocol: 'tcp', instance_port: 25, instance_protocol: 'tcp' }]);
  });
});

test('VPC settings, draining, access logs, desync mode and tags reach the aws_elb', () => {
  const synthesized = Testing.synthScope((s) => new SecureClassicLoadBalancer(s, 'Lb', {
    listeners: [HTTP], subnets: ['subnet-1', 'subnet-2'], securityGroups: ['sg-1'], internetFacing: false, crossZone: false,
    idleTimeout: 120, connectionDraining: true, connectionDrainingTimeout: 30,
    accessLogs: { bucket: 'logs', prefix: 'elb' }, desyncMitigationMode: DesyncMitigationMode.STRICTEST, tags: { team: 'edge' },
  }));
  expect(synthesized).toHaveResourceWithProperties(Elb, {
    subnets: ['subnet-1', 'subnet-2'], security_groups: ['sg-1'], internal: true, cross_zone_load_balancing: false,
    idle_timeout: 120, connection_draining: true, connection_draining_timeout: 30,
    access_logs: { bucket: 'logs', bucket_prefix: 'elb', enabled: true, interval: 60 },
    desync_mitigation_mode: 'strictest', tags: { team: 'edge' },
  });
});

test('addListener and addInstance after construction share the props\' path and reach the output', () => {
  const json = synthJson((s) => {
    const lb = new SecureClassicLoadBalancer(s, 'Lb', { availabilityZones: ['us-east-1a'], listeners: [HTTP], instances: ['i-00000001'] });
    lb.addListener({ loadBalancerPort: 8443, protocol: ListenerProtocol.TCP, instancePort: 9443 });
    lb.addInstance('i-00000002');
  });
  expect(elbOf(json).listener.map((l: any) => l.lb_port)).toEqual([80, 8443]);
  expect(resources(json, 'aws_elb_attachment').map((a) => a.instance).sort()).toEqual(['i-00000001', 'i-00000002']);
});

test('an instance id from an Instance resource is a reference, with an address independent of order', () => {
  const synthesized = Testing.synthScope((s) => {
    newStackProvider(s);
    const web = new Instance(s, 'web', { ami: 'ami-12345678', instanceType: 't3.micro' });
    new SecureClassicLoadBalancer(s, 'Lb', { availabilityZones: ['us-east-1a'], listeners: [HTTP], instances: [web.id] });
  });
  expect(synthesized).toHaveResourceWithProperties(ElbAttachment, { instance: '${aws_instance.web.id}' });
  const ids = Object.keys(JSON.parse(synthesized).resource.aws_elb_attachment);
  expect(ids).toEqual([expect.stringMatching(/^Lb_Instance-[0-9a-f]{8}_/)]);
});

test('loadBalancerName and dnsName are references to the aws_elb', () => {
  const json = synthJson((s) => {
    const lb = new SecureClassicLoadBalancer(s, 'Lb', { availabilityZones: ['us-east-1a'], name: 'web', listeners: [HTTP] });
    new TerraformOutput(s, 'name', { value: lb.loadBalancerName });
    new TerraformOutput(s, 'dns', { value: lb.dnsName });
  });
  const elbId = Object.keys(json.resource.aws_elb)[0];
  expect(json.output.name.value).toBe(`\${aws_elb.${elbId}.name}`);
  expect(json.output.dns.value).toBe(`\${aws_elb.${elbId}.dns_name}`);
});

test('stickiness and the SSL policy of one port live in one listener policy', () => {
  const json = synthJson((s) => {
    const cert = new ServerCertificate(s, 'Cert', { certificateBody: certs.certPem, privateKey: certs.keyPem, certificateChain: certs.chainPem });
    new SecureClassicLoadBalancer(s, 'Lb', { availabilityZones: ['us-east-1a'], listeners: [
      { loadBalancerPort: 443, protocol: ListenerProtocol.HTTPS, instancePort: 80, instanceProtocol: ListenerProtocol.HTTP, certificate: cert,
        cipherPolicy: new CipherPolicy(s, 'Tls', { basedOn: SecurityPolicy.ELB_SECURITY_POLICY_TLS_1_2_2017_01 }),
        stickiness: Stickiness.loadBalancerCookie(300) },
      { ...HTTP, stickiness: Stickiness.applicationCookie('JSESSIONID') },
    ] });
  });
  const policies = resources(json, 'aws_load_balancer_policy');
  const lbCookie = policies.find((p) => p.policy_type_name === 'LBCookieStickinessPolicyType');
  const appCookie = policies.find((p) => p.policy_type_name === 'AppCookieStickinessPolicyType');
  expect(lbCookie.policy_attribute).toEqual([{ name: 'CookieExpirationPeriod', value: '300' }]);
  expect(appCookie.policy_attribute).toEqual([{ name: 'CookieName', value: 'JSESSIONID' }]);
  const binders = resources(json, 'aws_load_balancer_listener_policy').sort((a, b) => a.load_balancer_port - b.load_balancer_port);
  expect(binders.map((b) => [b.load_balancer_port, b.policy_names.length])).toEqual([[80, 1], [443, 2]]);
  expect(binders[1].policy_names[0]).toMatch(/Policy-Tls_.*\.policy_name\}$/);
  expect(binders[1].policy_names[1]).toMatch(/Policy-LBCookieStickiness_.*\.policy_name\}$/);
});

test('proxy protocol on a TCP back-end port: a ProxyProtocolPolicyType policy in that port\'s back-end policy', () => {
  const synthesized = Testing.synthScope((s) => {
    const lb = new SecureClassicLoadBalancer(s, 'Lb', { availabilityZones: ['us-east-1a'], listeners: [{ loadBalancerPort: 25, protocol: ListenerProtocol.TCP, instancePort: 2525 }] });
    lb.enableProxyProtocol(2525);
  });
  expect(synthesized).toHaveResourceWithProperties(LoadBalancerPolicy, {
    policy_type_name: 'ProxyProtocolPolicyType', policy_attribute: [{ name: 'ProxyProtocol', value: 'true' }],
    policy_name: expect.stringMatching(/^ProxyProtocol-[0-9a-f]{8}$/),
  });
  expect(synthesized).toHaveResourceWithProperties(LoadBalancerBackendServerPolicy, { instance_port: 2525 });
  expect(JSON.parse(synthesized).resource.aws_proxy_protocol_policy).toBeUndefined();
});

test('a listener without policies gets no listener policy resource', () => {
  const json = synthJson((s) => new SecureClassicLoadBalancer(s, 'Lb', { availabilityZones: ['us-east-1a'], listeners: [HTTP] }));
  expect(json.resource.aws_load_balancer_listener_policy).toBeUndefined();
});

test('toDocument() returns the canonical document the target receives', () => {
  const stack = newStack();
  const lb = new SecureClassicLoadBalancer(stack, 'Lb', { availabilityZones: ['us-east-1a'], name: 'web', listeners: [{ ...HTTP, loadBalancerPort: 8080 }, HTTP], instances: ['i-00000002', 'i-00000001'] });
  const doc = lb.toDocument();
  expect(doc.listeners.map((l) => l.loadBalancerPort)).toEqual([80, 8080]);
  expect(doc.instances).toEqual([{ instanceId: 'i-00000001' }, { instanceId: 'i-00000002' }]);
  expect(doc).toMatchObject({ schemaVersion: 1, name: 'web', idleTimeoutSeconds: 60, crossZoneLoadBalancing: true, internal: false });
});

describe('a load balancer this stack did not create', () => {
  const synthesized = Testing.synthScope((s) => {
    const existing = SecureClassicLoadBalancer.fromLoadBalancerName(s, 'Legacy', 'legacy-elb');
    existing.attachCipherPolicy(443, new CipherPolicy(s, 'Strict', { basedOn: SecurityPolicy.ELB_SECURITY_POLICY_TLS_1_2_2017_01 }));
  });

  test('gets the cipher policy and the listener binding, by literal name, and no aws_elb', () => {
    expect(synthesized).toHaveResourceWithProperties(LoadBalancerPolicy, {
      load_balancer_name: 'legacy-elb', policy_type_name: 'SSLNegotiationPolicyType', policy_name: expect.stringMatching(/^Strict-[0-9a-f]{8}$/),
      lifecycle: { create_before_destroy: true },
    });
    expect(synthesized).toHaveResourceWithProperties(LoadBalancerListenerPolicy, { load_balancer_name: 'legacy-elb', load_balancer_port: 443 });
    expect(JSON.parse(synthesized).resource.aws_elb).toBeUndefined();
  });
});

function newStackProvider(scope: any): void {
  // synthScope's stack has no provider; the Instance resource needs the AWS provider block to be meaningful.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { AwsProvider } = require('@cdktf/provider-aws/lib/provider');
  new AwsProvider(scope, 'aws', { region: 'us-east-1' });
}
void newStack;

describe('enum-like values are spelled canonically where props enter the model', () => {
  test("'tcp', 'http:8080/ping' and 'STRICTEST' synthesize as TCP, HTTP:8080/ping and strictest", () => {
    const json = synthJson((s) => new SecureClassicLoadBalancer(s, 'Lb', { availabilityZones: ['us-east-1a'],
      listeners: [{ loadBalancerPort: 25, protocol: 'tcp' as ListenerProtocol, instancePort: 8080, instanceProtocol: 'Tcp' as ListenerProtocol }],
      healthCheck: { target: 'http:8080/ping' }, desyncMitigationMode: 'STRICTEST' as DesyncMitigationMode }));
    expect(elbOf(json)).toMatchObject({ listener: [{ lb_port: 25, lb_protocol: 'tcp', instance_port: 8080, instance_protocol: 'tcp' }],
      desync_mitigation_mode: 'strictest' });
    expect(elbOf(json).health_check.target).toBe('HTTP:8080/ping');
  });

  test('toDocument holds the canonical spelling', () => {
    const lb = new SecureClassicLoadBalancer(newStack(), 'Lb', { availabilityZones: ['us-east-1a'],
      listeners: [{ loadBalancerPort: 80, protocol: 'http' as ListenerProtocol }], healthCheck: { target: 'tcp:80' } });
    const doc = lb.toDocument();
    expect([doc.listeners[0].protocol, doc.listeners[0].instanceProtocol, doc.healthCheck.target]).toEqual(['HTTP', 'HTTP', 'TCP:80']);
  });

  test('a value that is no spelling of a protocol is refused as written', () => {
    const stack = newStack();
    new SecureClassicLoadBalancer(stack, 'Lb', { availabilityZones: ['us-east-1a'], listeners: [{ loadBalancerPort: 80, protocol: 'htp' as ListenerProtocol }] });
    expect(() => Testing.synth(stack)).toThrow(/^SECLB_LISTENER_PROTOCOL_UNSUPPORTED: listeners\[0\]\.protocol is 'htp', which Classic ELB does not support\. Did you mean 'HTTP'\?/);
  });
});
