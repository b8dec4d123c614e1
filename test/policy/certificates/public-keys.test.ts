import { PublicKeys } from '../../../lib/policy/certificates/public-keys';
import { expectOnly } from '../rules/expect-finding';
import { makeTestPki, pemBody, TestPki } from './pki';
import { X509Certificate, createPublicKey } from 'crypto';

let pki: TestPki;
let leafSpki: string;
beforeAll(() => {
  pki = makeTestPki();
  leafSpki = new X509Certificate(pki.leafPem).publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
});

describe('PublicKeys.normalize', () => {
  test('accepts a PEM public key, a PEM certificate, a PKCS#1 RSA public key, and bare base64 SPKI or certificate DER', () => {
    const spkiPem = createPublicKey(pki.leafKeyPem).export({ type: 'spki', format: 'pem' }).toString();
    const pkcs1Pem = createPublicKey(pki.leafKeyPem).export({ type: 'pkcs1', format: 'pem' }).toString();
    for (const input of [spkiPem, pki.leafPem, pkcs1Pem, leafSpki, pemBody(pki.leafPem), `  ${spkiPem.replace(/\n/g, '\r\n')}  `]) {
      expect(PublicKeys.normalize(input, 'publicKey')).toEqual({ publicKey: leafSpki, findings: [] });
    }
  });

  test('gives the form AWS documents (RSA-2048 keys start MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8A)', () => {
    expect(leafSpki.startsWith('MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8A')).toBe(true);
    expect(leafSpki).not.toMatch(/\s/);
  });

  test('rejects an empty value', () => {
    expectOnly(PublicKeys.normalize('  ', 'backendAuth.publicKeys[0]').findings, 'SECLB_PUBLIC_KEY_EMPTY', /^backendAuth\.publicKeys\[0\] is empty\.$/);
  });

  test('rejects a private key without echoing it', () => {
    for (const input of [pki.leafKeyPem, pemBody(pki.leafKeyPem), pemBody(pki.leafRsaKeyPem), pki.leafRsaKeyPem]) {
      const result = PublicKeys.normalize(input, 'publicKey');
      const f = expectOnly(result.findings, 'SECLB_PUBLIC_KEY_PRIVATE_KEY_GIVEN', /^publicKey holds a private key \(its content is not repeated here\)\.$/);
      expect(f.value).toBe('');
      expect(result.publicKey).toBeUndefined();
    }
  });

  test('rejects two PEM blocks', () => {
    expectOnly(PublicKeys.normalize(pki.leafPem + pki.rootPem, 'publicKey').findings, 'SECLB_PUBLIC_KEY_MULTIPLE',
      /^publicKey holds 2 PEM blocks \(CERTIFICATE, CERTIFICATE\)\.$/);
  });

  test('rejects an OpenSSH key with the conversion command', () => {
    const f = expectOnly(PublicKeys.normalize('ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAA user@host', 'publicKey').findings, 'SECLB_PUBLIC_KEY_INVALID', /is an OpenSSH public key/);
    expect(f.fix).toMatch(/ssh-keygen -e -m PKCS8/);
  });

  test('rejects base64 that is neither an SPKI nor a certificate', () => {
    expectOnly(PublicKeys.normalize(Buffer.from('hello world').toString('base64'), 'publicKey').findings, 'SECLB_PUBLIC_KEY_INVALID',
      /^publicKey is base64 but decodes to neither an SPKI public key nor a certificate\.$/);
  });

  test('rejects a PEM block of another kind', () => {
    expectOnly(PublicKeys.normalize('-----BEGIN CERTIFICATE REQUEST-----\nMIIB\n-----END CERTIFICATE REQUEST-----\n', 'publicKey').findings,
      'SECLB_PUBLIC_KEY_INVALID', /^publicKey is a 'CERTIFICATE REQUEST' PEM block\.$/);
  });
});
