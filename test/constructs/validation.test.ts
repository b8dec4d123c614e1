import { Lazy, TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { Construct } from 'constructs';
import {
  BackendAuth, CipherPolicy, DeploymentTarget, ListenerProtocol, LoadBalancerListener, SecureClassicLoadBalancer, SecureClassicLoadBalancerProps,
  SecurityPolicy, ServerCertificate, Stickiness,
} from '../../lib';
import { certificates, newStack } from './helpers';

/*
 * Every ELB rule of the policy model fails at synth (or at construction, where the input is
 * complete) with the model's code first and a message naming the property and the value.
 */

const certs = certificates();
const HTTP: LoadBalancerListener = { loadBalancerPort: 80, protocol: ListenerProtocol.HTTP, instancePort: 8080, instanceProtocol: ListenerProtocol.HTTP };

function cert(scope: Construct, id = 'Cert'): ServerCertificate {
  return new ServerCertificate(scope, id, { certificateBody: certs.certPem, privateKey: certs.keyPem, certificateChain: certs.chainPem });
}

/** Synthesizes a load balancer built from `props` (plus `extra`) and returns the error text, or '' when none. */
function synthError(props: (scope: Construct) => SecureClassicLoadBalancerProps, extra?: (scope: Construct, lb: SecureClassicLoadBalancer) => void): string {
  const stack: TerraformStack = newStack();
  try {
    const given = props(stack);
    // Placed in a zone unless the case is about placement itself.
    const placed = given.availabilityZones === undefined && given.subnets === undefined ? { ...given, availabilityZones: ['us-east-1a'] } : given;
    const lb = new SecureClassicLoadBalancer(stack, 'Lb', placed);
    extra?.(stack, lb);
    Testing.synth(stack);
  } catch (e) {
    return (e as Error).message;
  }
  return '';
}

describe('load balancer rules fail at synth with the model\'s code and message', () => {
  const cases: Array<[string, RegExp, (s: Construct) => SecureClassicLoadBalancerProps, ((s: Construct, lb: SecureClassicLoadBalancer) => void)?]> = [
    ['SECLB_LB_NAME_INVALID', /name is '-bad_name'/, () => ({ name: '-bad_name', listeners: [HTTP] })],
    ['SECLB_LISTENERS_EMPTY', /listeners/, () => ({ name: 'lb' })],
    ['SECLB_LISTENER_PORT_OUT_OF_RANGE', /listeners\[0\]\.loadBalancerPort is 70000/, () => ({ listeners: [{ ...HTTP, loadBalancerPort: 70000 }] })],
    ['SECLB_LISTENER_DUPLICATE_PORT', /listeners\[1\]/, () => ({ listeners: [HTTP, { ...HTTP, instancePort: 9090 }] })],
    ['SECLB_LISTENER_PROTOCOL_PAIR_INVALID', /listeners\[0\]/, () => ({ listeners: [{ ...HTTP, instanceProtocol: ListenerProtocol.TCP }] })],
    ['SECLB_LISTENER_CERTIFICATE_REQUIRED', /listeners\[0\]\.certificate is missing but listeners\[0\]\.protocol is 'HTTPS'/,
      () => ({ listeners: [{ loadBalancerPort: 443, protocol: ListenerProtocol.HTTPS }] })],
    ['SECLB_LISTENER_CERTIFICATE_UNEXPECTED', /listeners\[0\]\.certificate/, (s) => ({ listeners: [{ ...HTTP, certificate: cert(s) }] })],
    ['SECLB_LISTENER_INSTANCE_PORT_SECURITY_MISMATCH', /8080/, (s) => ({ listeners: [HTTP,
      { loadBalancerPort: 443, protocol: ListenerProtocol.HTTPS, instancePort: 8080, instanceProtocol: ListenerProtocol.HTTPS, certificate: cert(s) }] })],
    ['SECLB_HC_TIMEOUT_NOT_BELOW_INTERVAL', /healthCheck\.timeout is 30s but healthCheck\.interval is 30s[\s\S]*Fix: set healthCheck\.timeout below 30s/,
      () => ({ listeners: [HTTP], healthCheck: { target: 'HTTP:8080/ping', interval: 30, timeout: 30 } })],
    ['SECLB_HC_INTERVAL_OUT_OF_RANGE', /healthCheck\.interval is 400/, () => ({ listeners: [HTTP], healthCheck: { target: 'TCP:8080', interval: 400 } })],
    ['SECLB_HC_THRESHOLD_OUT_OF_RANGE', /healthCheck\.healthyThreshold is 1/, () => ({ listeners: [HTTP], healthCheck: { target: 'TCP:8080', healthyThreshold: 1 } })],
    ['SECLB_HC_TARGET_INVALID', /healthCheck\.target is 'HTTP:8080'/, () => ({ listeners: [HTTP], healthCheck: { target: 'HTTP:8080' } })],
    ['SECLB_IDLE_TIMEOUT_OUT_OF_RANGE', /idleTimeout is 0/, () => ({ listeners: [HTTP], idleTimeout: 0 })],
    ['SECLB_DRAINING_TIMEOUT_OUT_OF_RANGE', /connectionDrainingTimeout is 5000/, () => ({ listeners: [HTTP], connectionDraining: true, connectionDrainingTimeout: 5000 })],
    ['SECLB_ACCESS_LOG_EMIT_INTERVAL_INVALID', /accessLogs\.interval is 15/, () => ({ listeners: [HTTP], accessLogs: { bucket: 'logs', interval: 15 } })],
    ['SECLB_TAG_KEY_INVALID', /tags/, () => ({ listeners: [HTTP], tags: { '': 'x' } })],
    ['SECLB_INSTANCE_DUPLICATE', /instances\[1\] is 'i-4f8cf126'/, () => ({ listeners: [HTTP], instances: ['i-4f8cf126', 'i-4f8cf126'] })],
    ['SECLB_POLICY_SSL_NEGOTIATION_ON_PLAIN_LISTENER', /listeners\[0\]/, (s) => ({ listeners: [{ ...HTTP, cipherPolicy: new CipherPolicy(s, 'Tls') }] })],
    ['SECLB_POLICY_STICKINESS_ON_TCP_LISTENER', /listeners\[0\]/,
      () => ({ listeners: [{ loadBalancerPort: 25, protocol: ListenerProtocol.TCP, stickiness: Stickiness.loadBalancerCookie(60) }] })],
    ['SECLB_POLICY_PROXY_PROTOCOL_ON_HTTP_LISTENER', /8080/, () => ({ listeners: [HTTP], proxyProtocolPorts: [8080] })],
    ['SECLB_POLICY_BACKEND_AUTH_ON_PLAIN_BACKEND', /8080/, () => ({ listeners: [HTTP] }),
      (s, lb) => new BackendAuth(s, 'Auth', { loadBalancer: lb, instancePort: 8080, publicKeys: [certs.backendCertPem] })],
  ];

  // Rows padded to four entries: jest would pass a `done` callback for a missing last argument.
  test.each(cases.map((c) => [c[0], c[1], c[2], c[3] ?? null] as const))('%s', (code, message, props, extra) => {
    const error = synthError(props, extra ?? undefined);
    expect(error).toMatch(new RegExp(`^${code}: `));
    expect(error).toMatch(message);
    expect(error).toMatch(/\n  Rule: [\s\S]*\n  Fix: /);
    expect(error).toMatch(/Construct: stack\/Lb/);
  });

  test('all errors are reported at once', () => {
    const error = synthError(() => ({ name: '-x', listeners: [HTTP], idleTimeout: 0 }));
    expect(error).toMatch(/SECLB_LB_NAME_INVALID/);
    expect(error).toMatch(/SECLB_IDLE_TIMEOUT_OUT_OF_RANGE/);
  });

  test('a listener added after construction is validated too', () => {
    const error = synthError(() => ({ listeners: [HTTP] }), (_s, lb) => lb.addListener({ ...HTTP, loadBalancerPort: 0 }));
    expect(error).toMatch(/^SECLB_LISTENER_PORT_OUT_OF_RANGE: listeners\[1\]\.loadBalancerPort is 0/);
  });

  test('attachCipherPolicy on a port without listener fails with SECLB_CIPHER_POLICY_NO_LISTENER', () => {
    const error = synthError(() => ({ listeners: [HTTP] }), (s, lb) => lb.attachCipherPolicy(443, new CipherPolicy(s, 'Tls')));
    expect(error).toMatch(/^SECLB_CIPHER_POLICY_NO_LISTENER: attachCipherPolicy\(443, 'Tls'\) names port 443, which has no listener/);
  });

  test('attachCipherPolicy on a listener that names another cipher policy fails with SECLB_CIPHER_POLICY_CONFLICT', () => {
    const error = synthError((s) => ({
      listeners: [{ loadBalancerPort: 443, protocol: ListenerProtocol.HTTPS, instancePort: 8443, instanceProtocol: ListenerProtocol.HTTPS, certificate: cert(s), cipherPolicy: new CipherPolicy(s, 'Own') }],
    }), (s, lb) => lb.attachCipherPolicy(443, new CipherPolicy(s, 'Other')));
    expect(error).toMatch(/^SECLB_CIPHER_POLICY_CONFLICT: .*cipherPolicy is 'Own' but attachCipherPolicy\(443\) gives 'Other'/);
    expect(error).toMatch(/Fix: keep one of them/i);
  });

  test('the same cipher policy given both ways is no conflict', () => {
    const error = synthError((s) => {
      const policy = new CipherPolicy(s, 'Same');
      return { listeners: [{ loadBalancerPort: 443, protocol: ListenerProtocol.HTTPS, instancePort: 8443, instanceProtocol: ListenerProtocol.HTTPS, certificate: cert(s), cipherPolicy: policy }] };
    }, (s, lb) => lb.attachCipherPolicy(443, s.node.findChild('Same') as CipherPolicy));
    expect(error).toBe('');
  });
});

describe('tokens are checked where they resolve and skipped where they cannot be known', () => {
  test('a reference (variable) as port and instance id synthesizes', () => {
    const error = synthError((s) => ({
      listeners: [{ ...HTTP, loadBalancerPort: new TerraformVariable(s, 'port', { type: 'number' }).numberValue }],
      instances: [new TerraformVariable(s, 'instance', { type: 'string' }).stringValue],
    }));
    expect(error).toBe('');
  });

  test('a lazy value that resolves at synth is checked', () => {
    const error = synthError(() => ({ listeners: [HTTP], idleTimeout: Lazy.numberValue({ produce: () => 0 }) }));
    expect(error).toMatch(/^SECLB_IDLE_TIMEOUT_OUT_OF_RANGE: idleTimeout is 0/);
  });
});

describe('construction-time errors', () => {
  const build = (fn: (s: Construct) => void) => () => fn(newStack());

  test('CipherPolicy: unknown attribute, with a close suggestion', () => {
    expect(build((s) => new CipherPolicy(s, 'Tls', { enable: ['ECDHE-RSA-AES128-GCM-SHA265'] })))
      .toThrow(/^SECLB_POLICY_UNKNOWN_ATTRIBUTE: Tls\.enable\[0\] is 'ECDHE-RSA-AES128-GCM-SHA265'[\s\S]*Did you mean 'ECDHE-RSA-AES128-GCM-SHA256'\?/);
  });

  test('CipherPolicy: relative and explicit forms mixed', () => {
    expect(build((s) => new CipherPolicy(s, 'Tls', { basedOn: SecurityPolicy.ELB_SECURITY_POLICY_2016_08, ciphers: ['AES128-SHA'] })))
      .toThrow(/^SECLB_POLICY_MIXED_FORMS: /);
  });

  test('CipherPolicy: the same attribute enabled and disabled', () => {
    expect(build((s) => new CipherPolicy(s, 'Tls', { enable: ['Protocol-TLSv1'], disable: ['Protocol-TLSv1'] })))
      .toThrow(/^SECLB_POLICY_ENABLE_DISABLE_CONFLICT: Tls\.enable\[0\] is 'Protocol-TLSv1'/);
  });

  test('CipherPolicy: no cipher the enabled protocols can carry', () => {
    expect(build((s) => new CipherPolicy(s, 'Tls', { protocols: [], ciphers: ['AES128-SHA'] }).policy))
      .toThrow(/SECLB_POLICY_NO_PROTOCOL/);
  });

  test('ServerCertificate: a private key that does not match, never echoing the key', () => {
    const otherKey = certs.keyPem.replace(/./g, (c) => c); // same text; mismatch comes from the back-end cert below
    let message = '';
    try {
      new ServerCertificate(newStack(), 'Cert', { certificateBody: certs.backendCertPem, privateKey: otherKey });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/^SECLB_CERT_KEY_PAIR_MISMATCH: privateKey/);
    const keyBody = certs.keyPem.split('\n')[1];
    expect(message).not.toContain(keyBody);
  });

  test('ServerCertificate: the chain inside the body', () => {
    expect(build((s) => new ServerCertificate(s, 'Cert', { certificateBody: certs.certPem + certs.chainPem, privateKey: certs.keyPem })))
      .toThrow(/^SECLB_CERT_BODY_NOT_SINGLE: certificateBody/);
  });

  test('ServerCertificate.fromArn: not an ARN', () => {
    expect(build((s) => ServerCertificate.fromArn(s, 'Cert', 'myCert'))).toThrow(/^SECLB_CERT_ARN_INVALID: certificateArn is 'myCert'/);
  });

  test('BackendAuth: a private key given as public key', () => {
    expect(build((s) => new BackendAuth(s, 'Auth', {
      loadBalancer: SecureClassicLoadBalancer.fromLoadBalancerName(s, 'Old', 'old-lb'), instancePort: 443, publicKeys: [certs.keyPem],
    }))).toThrow(/^SECLB_PUBLIC_KEY_PRIVATE_KEY_GIVEN: publicKeys\[0\]/);
  });

  test('BackendAuth: a token key (its content names the policy)', () => {
    expect(build((s) => new BackendAuth(s, 'Auth', {
      loadBalancer: SecureClassicLoadBalancer.fromLoadBalancerName(s, 'Old', 'old-lb'), instancePort: 443,
      publicKeys: [new TerraformVariable(s, 'key', { type: 'string' }).stringValue],
    }))).toThrow(/^SECLB_BACKEND_KEY_TOKEN: publicKeys\[0\] is a token/);
  });

  test('BackendAuth: no keys', () => {
    expect(build((s) => new BackendAuth(s, 'Auth', {
      loadBalancer: SecureClassicLoadBalancer.fromLoadBalancerName(s, 'Old', 'old-lb'), instancePort: 443, publicKeys: [],
    }))).toThrow(/^SECLB_BACKEND_AUTH_NO_KEYS: publicKeys is empty/);
  });
});

describe('server certificate names and paths follow IAM', () => {
  test('a name with a space (SECLB_CERT_NAME_INVALID), naming the uploaded name', () => {
    expect(() => new ServerCertificate(newStack(), 'Cert', { name: 'my cert', certificateBody: certs.certPem, privateKey: certs.keyPem, certificateChain: certs.chainPem }))
      .toThrow(/^SECLB_CERT_NAME_INVALID: name is 'my cert-[0-9a-f]{8}'/);
  });

  test('a path without the trailing slash (SECLB_CERT_PATH_INVALID)', () => {
    expect(() => new ServerCertificate(newStack(), 'Cert', { path: '/production', certificateBody: certs.certPem, privateKey: certs.keyPem, certificateChain: certs.chainPem }))
      .toThrow(/^SECLB_CERT_PATH_INVALID: path is '\/production'/);
  });

  test('a construct id with spaces gives a valid default name', () => {
    const cert = new ServerCertificate(newStack(), 'web cert', { certificateBody: certs.certPem, privateKey: certs.keyPem, certificateChain: certs.chainPem });
    expect(cert.certificateName).toMatch(/^web-cert-[0-9a-f]{8}$/);
  });
});

/*
 * Issue 12: input that used to reach AWS. Each hole has an accepting and a rejecting case, the
 * rejection asserted by code and message.
 */
describe('literal instance ids have EC2\'s form (SECLB_INSTANCE_ID_INVALID)', () => {
  test('accepts 8- and 17-digit ids and a reference', () => {
    expect(synthError((s) => ({ listeners: [HTTP],
      instances: ['i-4f8cf126', 'i-0123456789abcdef0', new TerraformVariable(s, 'instance', { type: 'string' }).stringValue] }))).toBe('');
  });

  test.each([
    ['web-1', /^SECLB_INSTANCE_ID_INVALID: instances\[0\] is 'web-1', which does not start with 'i-'\.\n  Rule: An EC2 instance id is 'i-' followed by 8 or 17 lower-case hexadecimal digits/],
    ['i-0ABCDEF12', /^SECLB_INSTANCE_ID_INVALID: instances\[0\] is 'i-0ABCDEF12', whose part after 'i-', '0ABCDEF12', is not 8 or 17 lower-case hex digits\./],
    ['i-123', /^SECLB_INSTANCE_ID_INVALID: instances\[0\] is 'i-123', whose part after 'i-', '123', is not 8 or 17 lower-case hex digits\./],
  ])('refuses %s', (id, message) => {
    const error = synthError(() => ({ listeners: [HTTP], instances: [id] }));
    expect(error).toMatch(message);
    expect(error).toMatch(/\n  Fix: use the instance's id as EC2 shows it/);
  });

  test('addInstance goes through the same check, and so does the local target', () => {
    expect(synthError(() => ({ listeners: [HTTP] }), (_s, lb) => lb.addInstance('i-4F8CF126')))
      .toMatch(/^SECLB_INSTANCE_ID_INVALID: instances\[0\] is 'i-4F8CF126', which has upper-case letters \(EC2 writes 'i-4f8cf126'\)\.[\s\S]*Fix: write it as 'i-4f8cf126'\./);
    expect(synthError(() => ({ listeners: [HTTP], instances: ['web-1'], target: DeploymentTarget.local() })))
      .toMatch(/^SECLB_INSTANCE_ID_INVALID: instances\[0\] is 'web-1'/);
  });
});

describe('exactly one of availabilityZones and subnets', () => {
  test('accepts zones only, subnets only, and a reference to a subnet list', () => {
    expect(synthError(() => ({ listeners: [HTTP], availabilityZones: ['us-east-1a'] }))).toBe('');
    expect(synthError(() => ({ listeners: [HTTP], subnets: ['subnet-1', 'subnet-2'] }))).toBe('');
    expect(synthError((s) => ({ listeners: [HTTP], subnets: new TerraformVariable(s, 'subnets', { type: 'list(string)' }).listValue }))).toBe('');
  });

  test('refuses both (SECLB_PLACEMENT_ZONES_AND_SUBNETS), a reference counting as given', () => {
    const error = synthError((s) => ({ listeners: [HTTP], availabilityZones: ['us-east-1a'],
      subnets: new TerraformVariable(s, 'subnets', { type: 'list(string)' }).listValue }));
    expect(error).toMatch(/^SECLB_PLACEMENT_ZONES_AND_SUBNETS: availabilityZones \(1\) and subnets \(1\) are both given\.\n  Rule: .*exactly one of AvailabilityZones and Subnets/);
    expect(error).toMatch(/\n  Fix: in a VPC keep subnets .* and remove availabilityZones; outside a VPC keep availabilityZones only\./);
  });

  test('refuses neither on AWS (SECLB_PLACEMENT_MISSING); the local target, which only shows them, accepts neither', () => {
    expect(synthError(() => ({ listeners: [HTTP], availabilityZones: [] })))
      .toMatch(/^SECLB_PLACEMENT_MISSING: availabilityZones and subnets are both empty\.\n  Rule: [\s\S]*\n  Fix: set subnets to the VPC subnets to serve from/);
    expect(synthError(() => ({ listeners: [HTTP], availabilityZones: [], target: DeploymentTarget.local() }))).toBe('');
  });
});

describe('one tag limit: 10 (the ELB API reference for AddTags)', () => {
  const tags = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, 'v']));

  test('accepts 10 tags', () => {
    expect(synthError(() => ({ listeners: [HTTP], tags: tags(10) }))).toBe('');
  });

  test('refuses 11 with SECLB_TAGS_TOO_MANY, citing the source', () => {
    expect(synthError(() => ({ listeners: [HTTP], tags: tags(11) })))
      .toMatch(/^SECLB_TAGS_TOO_MANY: tags has 11 tags\.\n  Rule: A Classic ELB carries at most 10 tags \(ELB API reference, AddTags; TooManyTags beyond\)\.\n  Fix: remove 1 tag\./);
  });
});

describe('no downgrade suggestion', () => {
  test("a CipherPolicy enabling 'Protocol-TLSv1.3' is told Classic ELB has none and the strongest predefined policy, not 'Protocol-TLSv1.1'", () => {
    let error = '';
    try {
      new CipherPolicy(newStack(), 'Tls', { basedOn: SecurityPolicy.ELB_SECURITY_POLICY_TLS_1_2_2017_01, enable: ['Protocol-TLSv1.3'] });
    } catch (e) {
      error = (e as Error).message;
    }
    expect(error).toMatch(/^SECLB_POLICY_UNKNOWN_ATTRIBUTE: Tls\.enable\[0\] is 'Protocol-TLSv1\.3', but Classic ELB has no TLS 1\.3: its newest protocol is TLSv1\.2 \('Protocol-TLSv1\.2'\)\./);
    expect(error).toMatch(/Fix: remove 'Protocol-TLSv1\.3'; for the strongest TLS Classic ELB offers use the predefined policy ELBSecurityPolicy-TLS-1-2-2017-01/);
    expect(error).not.toMatch(/Did you mean|use 'Protocol-TLSv1\.1'/);
  });

  test("a CipherPolicy enabling 'Protocol-TLSv1.2' is accepted", () => {
    expect(() => new CipherPolicy(newStack(), 'Tls', { basedOn: SecurityPolicy.ELB_SECURITY_POLICY_2016_08, enable: ['Protocol-TLSv1.2'] })).not.toThrow();
  });
});
