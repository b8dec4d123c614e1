import { execFileSync } from 'child_process';
import { certificateFingerprintHex, fingerprintHex, isHexFingerprint } from '../../../lib/policy/queries/fingerprint-hex';
import { makeTestPki, TestPki } from '../certificates/pki';

let pki: TestPki;
beforeAll(() => {
  pki = makeTestPki();
});

/** What the openssl CLI prints for a certificate's SHA-256 fingerprint: `sha256 Fingerprint=AB:CD:...`. */
function opensslFingerprint(pem: string): string {
  const out = execFileSync('openssl', ['x509', '-noout', '-fingerprint', '-sha256'], { input: pem }).toString();
  return out.trim().replace(/^.*=/, '');
}

describe('fingerprint hex form', () => {
  test("a certificate's hex fingerprint is OpenSSL's fingerprint without colons, in lower case", () => {
    const colons = opensslFingerprint(pki.leafPem);
    expect(colons).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    const hex = certificateFingerprintHex(pki.leafPem);
    expect(hex).toBe(colons.split(':').join('').toLowerCase());
    expect(isHexFingerprint(hex)).toBe(true);
  });

  test('two certificates have two fingerprints', () => {
    expect(certificateFingerprintHex(pki.leafPem)).not.toBe(certificateFingerprintHex(pki.selfSignedPem));
  });

  test('the colon form and the hex form of one fingerprint give the same hex form', () => {
    const hex = certificateFingerprintHex(pki.selfSignedPem);
    expect(fingerprintHex(opensslFingerprint(pki.selfSignedPem))).toBe(hex);
    expect(fingerprintHex(hex)).toBe(hex);
  });

  test.each([
    ['', false], ['abc', false], ['A'.repeat(64), false], ['g'.repeat(64), false], ['0'.repeat(63), false], ['0'.repeat(64), true],
  ])('isHexFingerprint(%p) is %p', (value, ok) => {
    expect(isHexFingerprint(value)).toBe(ok);
  });

  test('a body that holds no certificate has no fingerprint', () => {
    expect(() => certificateFingerprintHex('not a certificate')).toThrow(/^SECLB_CERT_BODY_NOT_PEM/);
  });
});
