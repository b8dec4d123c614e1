import { TerraformStack, TerraformVariable, Testing } from 'cdktf';
import {
  BackendAuth, CipherPolicy, CipherPolicyProps, ListenerProtocol, SecureClassicLoadBalancer, SecurityAcknowledgements, SecurityPolicy,
  SecurityWarningIds, ServerCertificate,
} from '../../lib';
import { annotations, certificates, newStack } from './helpers';

/*
 * Legal but weak settings are synth-time warnings with a stable rule id and a fix, and can be
 * acknowledged per construct with a reason (reported as info, with the reason).
 */

const certs = certificates();

interface Built { stack: TerraformStack; lb: SecureClassicLoadBalancer; policy?: CipherPolicy }

/** One HTTPS listener 443->443 with `policy`, back-end authentication unless `noBackendAuth`. */
function https(policy: CipherPolicyProps | undefined, options: { noBackendAuth?: boolean; instanceProtocol?: ListenerProtocol } = {}): Built {
  const stack = newStack();
  const cert = new ServerCertificate(stack, 'Cert', { certificateBody: certs.certPem, privateKey: certs.keyPem, certificateChain: certs.chainPem });
  const cipherPolicy = policy ? new CipherPolicy(stack, 'Tls', policy) : undefined;
  const lb = new SecureClassicLoadBalancer(stack, 'Lb', {
    availabilityZones: ['us-east-1a'],
    listeners: [{ loadBalancerPort: 443, protocol: ListenerProtocol.HTTPS, instanceProtocol: options.instanceProtocol ?? ListenerProtocol.HTTPS,
      certificate: cert, cipherPolicy }],
  });
  if (!options.noBackendAuth && (options.instanceProtocol ?? ListenerProtocol.HTTPS) === ListenerProtocol.HTTPS) {
    new BackendAuth(stack, 'Auth', { loadBalancer: lb, instancePort: 443, publicKeys: [certs.backendCertPem] });
  }
  return { stack, lb, policy: cipherPolicy };
}

const STRICT: CipherPolicyProps = { basedOn: SecurityPolicy.ELB_SECURITY_POLICY_TLS_1_2_2017_01 };

function warnings(b: Built): string[] {
  Testing.synth(b.stack);
  return annotations(b.stack, 'warn');
}

test('a strict TLS 1.2 policy with back-end authentication warns about nothing', () => {
  expect(warnings(https(STRICT))).toEqual([]);
});

describe.each([
  [SecurityWarningIds.SSLV3_ENABLED, { ...STRICT, enable: ['Protocol-SSLv3', 'AES128-SHA'] }, /enables 'Protocol-SSLv3': SSL 3\.0 is broken \(POODLE/],
  [SecurityWarningIds.TLS10_ENABLED, { ...STRICT, enable: ['Protocol-TLSv1', 'AES128-SHA'] }, /enables 'Protocol-TLSv1': TLS 1\.0 is deprecated by RFC 8996/],
  [SecurityWarningIds.TLS11_ENABLED, { ...STRICT, enable: ['Protocol-TLSv1.1'] }, /enables 'Protocol-TLSv1\.1'/],
  [SecurityWarningIds.TRIPLE_DES, { ...STRICT, enable: ['DES-CBC3-SHA'] }, /enables 3DES: 'DES-CBC3-SHA'/],
  [SecurityWarningIds.WEAK_CIPHER, { ...STRICT, enable: ['RC4-SHA'] }, /enables weak ciphers: 'RC4-SHA'/],
  [SecurityWarningIds.CLIENT_CIPHER_ORDER, { ...STRICT, serverDefinedCipherOrder: false }, /'Server-Defined-Cipher-Order' false/],
] as Array<[string, CipherPolicyProps, RegExp]>)('%s', (ruleId, policy, message) => {
  test('is reported on the cipher policy with its rule id, message and fix', () => {
    const found = warnings(https(policy)).filter((w) => w.includes(`${ruleId}:`));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(new RegExp(`^stack/Tls: ${ruleId}: CipherPolicy 'Tls' \\(listeners\\[0\\], port 443\\)`));
    expect(found[0]).toMatch(message);
    expect(found[0]).toMatch(/\n  Fix: /);
  });

  test('is silenced by acknowledging it on the policy, and the reason is recorded', () => {
    const b = https(policy);
    b.policy!.acknowledge(ruleId, 'legacy clients until Q3');
    expect(warnings(b).filter((w) => w.includes(ruleId))).toEqual([]);
    expect(annotations(b.stack, 'info')).toContainEqual(expect.stringMatching(new RegExp(`^stack/Tls: ${ruleId} acknowledged: legacy clients until Q3`)));
  });

  test('is silenced by acknowledging it on the load balancer that uses the policy', () => {
    const b = https(policy);
    b.lb.acknowledge(ruleId, 'legacy clients until Q3');
    expect(warnings(b).filter((w) => w.includes(ruleId))).toEqual([]);
  });
});

test('SECLB_WARN_TLS10_ENABLED: a listener without cipher policy warns about ELB\'s default policy', () => {
  const found = warnings(https(undefined));
  expect(found).toContainEqual(expect.stringMatching(/^stack\/Lb: SECLB_WARN_TLS10_ENABLED: listeners\[0\] has no cipherPolicy, so ELB's default ELBSecurityPolicy-2016-08 enables 'Protocol-TLSv1'/));
});

test('SECLB_WARN_NO_BACKEND_AUTH: an HTTPS back end without back-end authentication', () => {
  const found = warnings(https(STRICT, { noBackendAuth: true }));
  expect(found).toEqual([expect.stringMatching(/^stack\/Lb: SECLB_WARN_NO_BACKEND_AUTH: listeners\[0\]\.instanceProtocol is 'HTTPS' but instance port 443 has no back-end authentication/)]);
});

test('SECLB_WARN_NO_BACKEND_AUTH is not reported for an HTTP back end', () => {
  expect(warnings(https(STRICT, { instanceProtocol: ListenerProtocol.HTTP }))).toEqual([]);
});

test('SECLB_WARN_NO_BACKEND_AUTH can be acknowledged on the load balancer', () => {
  const b = https(STRICT, { noBackendAuth: true });
  b.lb.acknowledge(SecurityWarningIds.NO_BACKEND_AUTH, 'back ends are in the same VPC subnet');
  expect(warnings(b)).toEqual([]);
  expect(annotations(b.stack, 'info')).toEqual([expect.stringMatching(/SECLB_WARN_NO_BACKEND_AUTH acknowledged: back ends are in the same VPC subnet/)]);
});

test('SECLB_WARN_HTTP_WITHOUT_HTTPS: only HTTP listeners', () => {
  const stack = newStack();
  new SecureClassicLoadBalancer(stack, 'Lb', { availabilityZones: ['us-east-1a'], listeners: [{ loadBalancerPort: 80, protocol: ListenerProtocol.HTTP }] });
  Testing.synth(stack);
  expect(annotations(stack, 'warn')).toEqual([expect.stringMatching(/^stack\/Lb: SECLB_WARN_HTTP_WITHOUT_HTTPS: listeners\[0\] is an HTTP listener and the load balancer has no HTTPS listener/)]);
});

test('an acknowledgement on a construct covers only it, not its siblings', () => {
  const stack = newStack();
  new SecureClassicLoadBalancer(stack, 'Lb', { availabilityZones: ['us-east-1a'], listeners: [{ loadBalancerPort: 80, protocol: ListenerProtocol.HTTP }] });
  const other = new SecureClassicLoadBalancer(stack, 'Other', { availabilityZones: ['us-east-1a'], listeners: [{ loadBalancerPort: 80, protocol: ListenerProtocol.HTTP }] });
  other.acknowledge(SecurityWarningIds.HTTP_WITHOUT_HTTPS, 'internal health endpoint');
  Testing.synth(stack);
  expect(annotations(stack, 'warn')).toEqual([expect.stringMatching(/^stack\/Lb: SECLB_WARN_HTTP_WITHOUT_HTTPS/)]);
});

test('SecurityAcknowledgements.acknowledge on the stack covers every construct below it', () => {
  const stack = newStack();
  new SecureClassicLoadBalancer(stack, 'Lb', { availabilityZones: ['us-east-1a'], listeners: [{ loadBalancerPort: 80, protocol: ListenerProtocol.HTTP }] });
  new SecureClassicLoadBalancer(stack, 'Other', { availabilityZones: ['us-east-1a'], listeners: [{ loadBalancerPort: 80, protocol: ListenerProtocol.HTTP }] });
  SecurityAcknowledgements.acknowledge(stack, SecurityWarningIds.HTTP_WITHOUT_HTTPS, 'internal only');
  Testing.synth(stack);
  expect(annotations(stack, 'warn')).toEqual([]);
  expect(annotations(stack, 'info')).toHaveLength(2);
});

test('a policy used by two listeners warns once per listener use, on the policy', () => {
  const stack = newStack();
  const cert = new ServerCertificate(stack, 'Cert', { certificateBody: certs.certPem, privateKey: certs.keyPem, certificateChain: certs.chainPem });
  const tls = new CipherPolicy(stack, 'Tls', { ...STRICT, enable: ['Protocol-TLSv1', 'AES128-SHA'] });
  const lb = new SecureClassicLoadBalancer(stack, 'Lb', { availabilityZones: ['us-east-1a'], listeners: [
    { loadBalancerPort: 443, protocol: ListenerProtocol.HTTPS, instancePort: 80, instanceProtocol: ListenerProtocol.HTTP, certificate: cert, cipherPolicy: tls },
    { loadBalancerPort: 8443, protocol: ListenerProtocol.HTTPS, instancePort: 80, instanceProtocol: ListenerProtocol.HTTP, certificate: cert, cipherPolicy: tls },
  ] });
  void lb;
  Testing.synth(stack);
  expect(annotations(stack, 'warn').filter((w) => w.includes('SECLB_WARN_TLS10_ENABLED'))).toHaveLength(2);
});

describe('acknowledge() rejects', () => {
  test('an unknown rule id (SECLB_ACK_UNKNOWN_RULE)', () => {
    const b = https(STRICT);
    expect(() => b.lb.acknowledge('SECLB_WARN_TLS1_ENABLED', 'x')).toThrow(/^SECLB_ACK_UNKNOWN_RULE: ruleId is 'SECLB_WARN_TLS1_ENABLED'/);
  });

  test('an empty reason (SECLB_ACK_REASON_REQUIRED)', () => {
    const b = https(STRICT);
    expect(() => b.policy!.acknowledge(SecurityWarningIds.TLS10_ENABLED, ' ')).toThrow(/^SECLB_ACK_REASON_REQUIRED: reason is empty/);
  });
});

test('warnings never stop synthesis', () => {
  const b = https(undefined, { noBackendAuth: true });
  expect(() => Testing.synth(b.stack)).not.toThrow();
});

describe("no spelling skips a security warning: 'https' and 'HTTPS' warn the same", () => {
  /** RC4 + TLS 1.0 on a 443 listener spelt `protocol`, no back-end authentication; the synthesized JSON and the warnings. */
  function weak(protocol: string): { json: string; warnings: string[] } {
    const stack = newStack();
    const cert = new ServerCertificate(stack, 'Cert', { certificateBody: certs.certPem, privateKey: certs.keyPem, certificateChain: certs.chainPem });
    const tls = new CipherPolicy(stack, 'Tls', { ...STRICT, enable: ['Protocol-TLSv1', 'RC4-SHA', 'AES128-SHA'] });
    new SecureClassicLoadBalancer(stack, 'Lb', { availabilityZones: ['us-east-1a'], listeners: [
      { loadBalancerPort: 443, protocol: protocol as ListenerProtocol, instancePort: 443, instanceProtocol: protocol as ListenerProtocol, certificate: cert, cipherPolicy: tls },
    ] });
    const json = Testing.synth(stack);
    return { json, warnings: annotations(stack, 'warn') };
  }

  test.each(['https', 'Https'])("'%s' prints exactly the warnings 'HTTPS' prints, and synthesizes the same JSON", (spelling) => {
    const upper = weak('HTTPS');
    const other = weak(spelling);
    expect(upper.warnings.map((w) => w.split(':').slice(0, 2).join(':')).sort()).toEqual([
      'stack/Lb: SECLB_WARN_NO_BACKEND_AUTH', 'stack/Tls: SECLB_WARN_TLS10_ENABLED', 'stack/Tls: SECLB_WARN_WEAK_CIPHER',
    ]);
    expect(other.warnings).toEqual(upper.warnings);
    expect(other.json).toEqual(upper.json);
  });
});

describe('SECLB_WARN_HEALTH_CHECK_PORT_UNSERVED: a health check on an instance port no listener forwards to', () => {
  function lb(target: string): Built {
    const stack = newStack();
    const built = new SecureClassicLoadBalancer(stack, 'Lb', { availabilityZones: ['us-east-1a'],
      listeners: [{ loadBalancerPort: 80, protocol: ListenerProtocol.HTTP, instancePort: 8080 }], healthCheck: { target } });
    built.acknowledge(SecurityWarningIds.HTTP_WITHOUT_HTTPS, 'test of the health-check warning only');
    return { stack, lb: built };
  }

  test('a check on a served port (in any spelling) draws no warning', () => {
    expect(warnings(lb('HTTP:8080/ping'))).toEqual([]);
    expect(warnings(lb('http:8080/ping'))).toEqual([]);
  });

  test('a check on another port is a warning with the rule id, message and fix', () => {
    expect(warnings(lb('http:9000/ping'))).toEqual([expect.stringMatching(new RegExp(
      "^stack/Lb: SECLB_WARN_HEALTH_CHECK_PORT_UNSERVED: healthCheck\\.target is 'HTTP:9000/ping', but no listener forwards to instance port 9000 "
      + "\\(the listeners' instance ports: 8080\\): the check does not test the ports that serve traffic\\.\\n  Fix: check a port the listeners forward to, e\\.g\\. 'HTTP:8080/ping'"))]);
  });

  test('it can be acknowledged for a dedicated health port', () => {
    const b = lb('HTTP:9000/ping');
    b.lb.acknowledge(SecurityWarningIds.HEALTH_CHECK_PORT_UNSERVED, 'port 9000 is the status endpoint');
    expect(warnings(b)).toEqual([]);
  });
});

test('SECLB_WARN_HEALTH_CHECK_PORT_UNSERVED is not judged while an instance port is a reference', () => {
  const stack = newStack();
  const lb = new SecureClassicLoadBalancer(stack, 'Lb', { availabilityZones: ['us-east-1a'], healthCheck: { target: 'HTTP:9000/ping' },
    listeners: [{ loadBalancerPort: 80, protocol: ListenerProtocol.HTTP, instancePort: new TerraformVariable(stack, 'port', { type: 'number' }).numberValue }] });
  lb.acknowledge(SecurityWarningIds.HTTP_WITHOUT_HTTPS, 'test of the health-check warning only');
  Testing.synth(stack);
  expect(annotations(stack, 'warn')).toEqual([]);
});
