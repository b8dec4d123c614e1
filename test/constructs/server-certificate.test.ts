import 'cdktf/lib/testing/adapters/jest';
import { IamServerCertificate } from '@cdktf/provider-aws/lib/iam-server-certificate';
import { TerraformVariable, Testing } from 'cdktf';
import { X509Certificate } from 'crypto';
import { ListenerProtocol, SecureClassicLoadBalancer, ServerCertificate } from '../../lib';
import { annotations, certificates, newStack, resources, synthJson } from './helpers';

const certs = certificates();
const fingerprint8 = new X509Certificate(certs.certPem).fingerprint256.replace(/:/g, '').toLowerCase().slice(0, 8);

test('the name defaults to the construct id plus the fingerprint', () => {
  const synthesized = Testing.synthScope((s) => new ServerCertificate(s, 'web-cert', { certificateBody: certs.certPem, privateKey: certs.keyPem, certificateChain: certs.chainPem }));
  expect(synthesized).toHaveResourceWithProperties(IamServerCertificate, { name: `web-cert-${fingerprint8}`, path: '/' });
});

test('namePrefix is passed through as name_prefix (the provider completes it), with no name', () => {
  const json = synthJson((s) => new ServerCertificate(s, 'Cert', { namePrefix: 'web-', certificateBody: certs.certPem, privateKey: certs.keyPem, certificateChain: certs.chainPem }));
  const cert = resources(json, 'aws_iam_server_certificate')[0];
  expect([cert.name_prefix, cert.name]).toEqual(['web-', undefined]);
});

test('name and namePrefix together fail with SECLB_CERT_NAME_AND_PREFIX, naming both', () => {
  expect(() => new ServerCertificate(newStack(), 'Cert', { name: 'web', namePrefix: 'web-', certificateBody: certs.certPem, privateKey: certs.keyPem, certificateChain: certs.chainPem }))
    .toThrow(/SECLB_CERT_NAME_AND_PREFIX: .*name \('web'\) and namePrefix \('web-'\) are both set[\s\S]*remove one of them/);
});

test('CRLF line endings and surrounding whitespace are normalised away', () => {
  const crlf = (t: string) => `\n  ${t.replace(/\n/g, '\r\n')}\r\n\r\n`;
  const json = synthJson((s) => new ServerCertificate(s, 'Cert', { certificateBody: crlf(certs.certPem), privateKey: crlf(certs.keyPem), certificateChain: crlf(certs.chainPem) }));
  const cert = resources(json, 'aws_iam_server_certificate')[0];
  expect([cert.certificate_body, cert.private_key, cert.certificate_chain]).toEqual([certs.certPem.trim(), certs.keyPem.trim(), certs.chainPem.trim()]);
});


test('a body known only at apply time falls back to name_prefix', () => {
  const json = synthJson((s) => new ServerCertificate(s, 'Cert', {
    certificateBody: new TerraformVariable(s, 'body', { type: 'string' }).stringValue,
    privateKey: new TerraformVariable(s, 'key', { type: 'string', sensitive: true }).stringValue,
  }));
  const cert = resources(json, 'aws_iam_server_certificate')[0];
  expect([cert.name_prefix, cert.certificate_body, cert.lifecycle]).toEqual(['Cert-', '${var.body}', { create_before_destroy: true }]);
});

test('the construct exposes no property holding the private key', () => {
  const cert = new ServerCertificate(newStack(), 'Cert', { certificateBody: certs.certPem, privateKey: certs.keyPem, certificateChain: certs.chainPem });
  const keyLine = certs.keyPem.split('\n')[1];
  const own = Object.entries(cert).filter(([k]) => k !== 'node').map(([, v]) => (typeof v === 'string' ? v : ''));
  expect(own.join('\n')).not.toContain(keyLine);
  expect(cert.fingerprint).toMatch(/^[0-9a-f]{64}$/);
  expect(cert.certificateName).toBe(`Cert-${fingerprint8}`);
});

test('fromArn: an existing certificate is referenced by a listener as given', () => {
  const arn = 'arn:aws:iam::55555555555:server-certificate/production/myCert';
  const json = synthJson((s) => new SecureClassicLoadBalancer(s, 'Lb', { availabilityZones: ['us-east-1a'], listeners: [{
    loadBalancerPort: 443, protocol: ListenerProtocol.HTTPS, instancePort: 80, instanceProtocol: ListenerProtocol.HTTP,
    certificate: ServerCertificate.fromArn(s, 'myCert', arn) }] }));
  expect(resources(json, 'aws_elb')[0].listener[0].ssl_certificate_id).toBe(arn);
  expect(json.resource.aws_iam_server_certificate).toBeUndefined();
});

test('a CA-issued leaf without its chain is a model warning (SECLB_CERT_CHAIN_MISSING), not an error', () => {
  const stack = newStack();
  new ServerCertificate(stack, 'Cert', { certificateBody: certs.certPem, privateKey: certs.keyPem });
  expect(annotations(stack, 'warn')).toEqual([expect.stringMatching(/^stack\/Cert: SECLB_CERT_CHAIN_MISSING: /)]);
});

describe('the chain in full order: each entry signed by the next, root last, the leaf never inside', () => {
  test("the walk-through's chain (intermediate, root) is accepted", () => {
    expect(() => new ServerCertificate(newStack(), 'Cert', { certificateBody: certs.certPem, privateKey: certs.keyPem, certificateChain: certs.chainPem })).not.toThrow();
  });

  test('root first with the leaf repeated after it is refused (SECLB_CERT_CHAIN_INCLUDES_LEAF, then the order)', () => {
    const [intermediate, root] = certs.chainPem.split(/(?<=-----END CERTIFICATE-----\n)/);
    let error = '';
    try {
      new ServerCertificate(newStack(), 'Cert', { certificateBody: certs.certPem, privateKey: certs.keyPem, certificateChain: root + intermediate + certs.certPem });
    } catch (e) {
      error = (e as Error).message;
    }
    expect(error).toMatch(/^SECLB_CERT_CHAIN_INCLUDES_LEAF: certificateChain\[2\] is the server certificate 'CN=www\.example\.com' itself\.\n  Rule: .*never the certificate itself[\s\S]*\n  Fix: remove certificateChain\[2\] \(the body already carries it\)\./);
    expect(error).toMatch(/\n\nSECLB_CERT_CHAIN_ORDER: certificateChain\[0\] is 'CN=Walkthrough Root CA', but the leaf 'CN=www\.example\.com' was issued by 'CN=Walkthrough Intermediate CA'/);
  });
});
