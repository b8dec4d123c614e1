import 'cdktf/lib/testing/adapters/jest';
import { Elb } from '@cdktf/provider-aws/lib/elb';
import { ElbAttachment } from '@cdktf/provider-aws/lib/elb-attachment';
import { IamServerCertificate } from '@cdktf/provider-aws/lib/iam-server-certificate';
import { LoadBalancerBackendServerPolicy } from '@cdktf/provider-aws/lib/load-balancer-backend-server-policy';
import { LoadBalancerListenerPolicy } from '@cdktf/provider-aws/lib/load-balancer-listener-policy';
import { LoadBalancerPolicy } from '@cdktf/provider-aws/lib/load-balancer-policy';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TerraformStack, Testing } from 'cdktf';
import { Construct } from 'constructs';
import { createPublicKey, X509Certificate } from 'crypto';
import {
  BackendAuth, CipherPolicies, CipherPolicy, ListenerProtocol, SecureClassicLoadBalancer, SecurityPolicy, ServerCertificate,
} from '../../../lib';
import { certificates } from '../../constructs/helpers';

const { certPem, keyPem, chainPem, backendCertPem } = certificates();

/** The API contract, verbatim (inside a stack, where `this` is the scope). */
class ContractStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new AwsProvider(this, 'aws', { region: 'us-east-1' });
    const cert = new ServerCertificate(this, 'testCert', {
      name: 'testCert', path: '/',
      certificateBody: certPem, privateKey: keyPem, certificateChain: chainPem,
    });
    // or: ServerCertificate.fromArn(this, 'myCert', 'arn:aws:iam::55555555555:server-certificate/production/myCert')

    const ciphers = new CipherPolicy(this, 'MySSLNegotiationPolicy', {
      basedOn: SecurityPolicy.ELB_SECURITY_POLICY_2016_08,   // omitted = ELB's default policy
      enable: ['Protocol-TLSv1', 'DHE-RSA-AES256-SHA'],
      disable: ['Protocol-SSLv3'],
    });

    const lb = new SecureClassicLoadBalancer(this, 'MyLoadBalancer', {
      name: 'MyLoadBalancer',
      availabilityZones: ['us-east-1a'],
      listeners: [
        { loadBalancerPort: 80, protocol: ListenerProtocol.HTTP, instancePort: 8080, instanceProtocol: ListenerProtocol.HTTP },
        { loadBalancerPort: 443, protocol: ListenerProtocol.HTTPS, instancePort: 443, instanceProtocol: ListenerProtocol.HTTPS,
          certificate: cert, cipherPolicy: ciphers },
      ],
      healthCheck: { target: 'HTTP:8080/ping', interval: 30, timeout: 3, healthyThreshold: 2, unhealthyThreshold: 2 },
      instances: ['i-4f8cf126', 'i-0bb7ca62'],
    });

    new BackendAuth(this, 'MyBackendServerAuthenticationPolicy', {
      loadBalancer: lb, instancePort: 443,
      publicKeys: [backendCertPem],   // one PublicKeyPolicy per key; a back end matching any key passes
    });
  }
}

const stack = new ContractStack(Testing.app(), 'stack');
const synthesized = Testing.synth(stack);
const json = JSON.parse(synthesized);
const ref = (type: string, id: string, attr: string) => `\${${type}.${id}.${attr}}`;
const idOf = (type: string, prefix: string) => Object.keys(json.resource[type]).find((k) => k.startsWith(prefix))!;
const elbId = idOf('aws_elb', 'MyLoadBalancer_');
const certId = idOf('aws_iam_server_certificate', 'testCert_');
const sslId = idOf('aws_load_balancer_policy', 'MyLoadBalancer_Policy-MySSLNegotiationPolicy_');
const keyId = idOf('aws_load_balancer_policy', 'MyLoadBalancer_Policy-MyBackendServerAuthenticationPolicy-PublicKey_');
const authId = idOf('aws_load_balancer_policy', 'MyLoadBalancer_Policy-MyBackendServerAuthenticationPolicy_');
const expectedPolicy = CipherPolicies.resolve({
  basedOn: SecurityPolicy.ELB_SECURITY_POLICY_2016_08, enable: ['Protocol-TLSv1', 'DHE-RSA-AES256-SHA'], disable: ['Protocol-SSLv3'],
}).policy!;
const backendSpki = new X509Certificate(backendCertPem).publicKey.export({ type: 'spki', format: 'der' }).toString('base64');

describe('the walk-through on AWS', () => {
  test('creates exactly the reference layout: 1 certificate, 1 ELB, 3 policies, 1 listener policy, 1 back-end policy, 2 attachments', () => {
    const counts = Object.fromEntries(Object.entries(json.resource).map(([type, rs]) => [type, Object.keys(rs as object).length]));
    expect(counts).toEqual({
      aws_iam_server_certificate: 1,
      aws_elb: 1,
      aws_load_balancer_policy: 3,
      aws_load_balancer_listener_policy: 1,
      aws_load_balancer_backend_server_policy: 1,
      aws_elb_attachment: 2,
    });
  });

  test('aws_elb: lower-case listeners, complete health check, explicit defaults, no instances', () => {
    expect(json.resource.aws_elb[elbId]).toEqual({
      name: 'MyLoadBalancer',
      availability_zones: ['us-east-1a'],
      internal: false,
      cross_zone_load_balancing: true,
      idle_timeout: 60,
      connection_draining: false,
      connection_draining_timeout: 300,
      desync_mitigation_mode: 'defensive',
      listener: [
        { lb_port: 80, lb_protocol: 'http', instance_port: 8080, instance_protocol: 'http' },
        { lb_port: 443, lb_protocol: 'https', instance_port: 443, instance_protocol: 'https', ssl_certificate_id: ref('aws_iam_server_certificate', certId, 'arn') },
      ],
      health_check: { target: 'HTTP:8080/ping', interval: 30, timeout: 3, healthy_threshold: 2, unhealthy_threshold: 2 },
    });
  });

  test('aws_iam_server_certificate: fingerprint-suffixed name, LF-only trimmed PEMs, create_before_destroy', () => {
    const fingerprint = new X509Certificate(certPem).fingerprint256.replace(/:/g, '').toLowerCase();
    expect(synthesized).toHaveResourceWithProperties(IamServerCertificate, {
      name: `testCert-${fingerprint.slice(0, 8)}`,
      path: '/',
      certificate_body: certPem.trim(),
      certificate_chain: chainPem.trim(),
      private_key: keyPem.trim(),
      lifecycle: { create_before_destroy: true },
    });
    const cert = json.resource.aws_iam_server_certificate[certId];
    expect(cert.name_prefix).toBeUndefined();
    for (const field of ['certificate_body', 'certificate_chain', 'private_key']) {
      expect(cert[field]).not.toMatch(/\r|^\s|\s$/);
    }
    expect(cert.certificate_body.match(/BEGIN CERTIFICATE/g)).toHaveLength(1);
  });

  test('SSL negotiation policy: the complete canonical attribute set, hash-named, create_before_destroy', () => {
    expect(synthesized).toHaveResourceWithProperties(LoadBalancerPolicy, {
      load_balancer_name: ref('aws_elb', elbId, 'name'),
      policy_name: CipherPolicies.policyName('MySSLNegotiationPolicy', expectedPolicy.contentHash),
      policy_type_name: 'SSLNegotiationPolicyType',
      policy_attribute: expectedPolicy.attributes.map((a) => ({ name: a.name, value: a.value })),
      lifecycle: { create_before_destroy: true },
    });
    const attributes = json.resource.aws_load_balancer_policy[sslId].policy_attribute;
    expect(attributes.length).toBeGreaterThanOrEqual(5 + 88);
    expect(attributes).toContainEqual({ name: 'Protocol-SSLv3', value: 'false' });
    expect(attributes).toContainEqual({ name: 'Protocol-TLSv1', value: 'true' });
    expect(attributes).toContainEqual({ name: 'DHE-RSA-AES256-SHA', value: 'true' });
  });

  test('PublicKeyPolicyType policy: the back end\'s bare base64 SPKI, named from the key', () => {
    const policy = json.resource.aws_load_balancer_policy[keyId];
    expect(policy).toEqual({
      load_balancer_name: ref('aws_elb', elbId, 'name'),
      policy_name: expect.stringMatching(/^MyBackendServerAuthenticationPolicy-PublicKey-[0-9a-f]{8}$/),
      policy_type_name: 'PublicKeyPolicyType',
      policy_attribute: [{ name: 'PublicKey', value: backendSpki }],
      lifecycle: { create_before_destroy: true },
    });
    expect(() => createPublicKey({ key: Buffer.from(backendSpki, 'base64'), format: 'der', type: 'spki' })).not.toThrow();
  });

  test('BackendServerAuthenticationPolicyType policy references the key policy by resource', () => {
    expect(json.resource.aws_load_balancer_policy[authId]).toEqual({
      load_balancer_name: ref('aws_elb', elbId, 'name'),
      policy_name: expect.stringMatching(/^MyBackendServerAuthenticationPolicy-[0-9a-f]{8}$/),
      policy_type_name: 'BackendServerAuthenticationPolicyType',
      policy_attribute: [{ name: 'PublicKeyPolicyName', value: ref('aws_load_balancer_policy', keyId, 'policy_name') }],
      lifecycle: { create_before_destroy: true },
    });
  });

  test('listener policy on 443: the complete list, triggered by the certificate ARN and the listener', () => {
    expect(synthesized).toHaveResourceWithProperties(LoadBalancerListenerPolicy, {
      load_balancer_name: ref('aws_elb', elbId, 'name'),
      load_balancer_port: 443,
      policy_names: [ref('aws_load_balancer_policy', sslId, 'policy_name')],
      triggers: { certificate: ref('aws_iam_server_certificate', certId, 'arn'), listener: '443:https:443:https' },
    });
    expect(resources(json, 'aws_load_balancer_listener_policy').map((r) => r.load_balancer_port)).toEqual([443]);
  });

  test('back-end server policy on instance port 443 lists the authentication policy', () => {
    expect(synthesized).toHaveResourceWithProperties(LoadBalancerBackendServerPolicy, {
      load_balancer_name: ref('aws_elb', elbId, 'name'),
      instance_port: 443,
      policy_names: [ref('aws_load_balancer_policy', authId, 'policy_name')],
    });
  });

  test('one aws_elb_attachment per instance, referencing the ELB', () => {
    for (const instance of ['i-4f8cf126', 'i-0bb7ca62']) {
      expect(synthesized).toHaveResourceWithProperties(ElbAttachment, { elb: ref('aws_elb', elbId, 'name'), instance });
    }
    expect(synthesized).toHaveResourceWithProperties(Elb, { name: 'MyLoadBalancer' });
  });

  test('no single-purpose policy resources that would fight the binders', () => {
    for (const type of ['aws_lb_ssl_negotiation_policy', 'aws_lb_cookie_stickiness_policy', 'aws_app_cookie_stickiness_policy', 'aws_proxy_protocol_policy']) {
      expect(json.resource[type]).toBeUndefined();
    }
  });

  test('policy names are unique, letters, digits and hyphens', () => {
    const names = resources(json, 'aws_load_balancer_policy').map((p) => p.policy_name);
    expect(new Set(names).size).toBe(names.length);
    for (const n of names) expect(n).toMatch(/^[A-Za-z0-9-]+$/);
  });
});

function resources(j: any, type: string): any[] {
  return Object.values(j.resource[type] ?? {});
}
