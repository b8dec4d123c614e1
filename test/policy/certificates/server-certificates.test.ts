import { createHash } from 'crypto';
import { ServerCertificates } from '../../../lib/policy/certificates/server-certificates';
import { Severity } from '../../../lib/policy/findings';
import { expectOnly } from '../rules/expect-finding';
import { makeTestPki, pemBody, TestPki } from './pki';

let pki: TestPki;
beforeAll(() => {
  pki = makeTestPki();
});

const check = (body: string, key: string, chain?: string, at?: Date) => ServerCertificates.check(body, key, chain, 'serverCertificate', at);

describe('ServerCertificates.check', () => {
  test('accepts a leaf with its key and the chain in order (intermediate, root)', () => {
    expect(check(pki.leafPem, pki.leafKeyPem, pki.intermediatePem + pki.rootPem)).toEqual([]);
  });

  test('accepts a chain without the root, a PKCS#1 key, and a self-signed certificate without a chain', () => {
    expect(check(pki.leafPem, pki.leafRsaKeyPem, pki.intermediatePem)).toEqual([]);
    expect(check(pki.selfSignedPem, pki.selfSignedKeyPem)).toEqual([]);
  });

  test('rejects a chain in the wrong order and gives the right order (the style guide example)', () => {
    const f = expectOnly(check(pki.leafPem, pki.leafKeyPem, pki.rootPem + pki.intermediatePem), 'SECLB_CERT_CHAIN_ORDER',
      /^serverCertificate\.chain\[0\] is 'CN=Example Root CA', but the leaf 'CN=www\.example\.com' was issued by 'CN=Example Intermediate CA' \(serverCertificate\.chain\[1\]\)\.$/);
    expect(f.fix).toBe('reorder the chain to [chain[1], chain[0]].');
    expect(f.path).toBe('serverCertificate.chain[0]');
  });

  test('rejects a chain that misses the leaf\'s issuer', () => {
    const f = expectOnly(check(pki.leafPem, pki.leafKeyPem, pki.rootPem), 'SECLB_CERT_CHAIN_BROKEN',
      /^serverCertificate\.chain\[0\] is 'CN=Example Root CA', but the leaf 'CN=www\.example\.com' was issued by 'CN=Example Intermediate CA'\.$/);
    expect(f.fix).toMatch(/add the certificate of 'CN=Example Intermediate CA'/);
  });

  test('rejects an intermediate with the right name but another key', () => {
    const f = expectOnly(check(pki.leafPem, pki.leafKeyPem, pki.otherIntermediatePem + pki.rootPem), 'SECLB_CERT_CHAIN_BROKEN',
      /^serverCertificate\.chain\[0\] is 'CN=Example Intermediate CA', the name of the issuer of the leaf 'CN=www\.example\.com', but its key did not sign the leaf 'CN=www\.example\.com'\.$/);
    expect(f.fix).toMatch(/^replace chain\[0\] with the 'CN=Example Intermediate CA' certificate whose key signed the leaf/);
  });

  test('rejects a chain with an unrelated certificate', () => {
    const f = expectOnly(check(pki.leafPem, pki.leafKeyPem, pki.intermediatePem + pki.selfSignedPem + pki.rootPem), 'SECLB_CERT_CHAIN_BROKEN',
      /^serverCertificate\.chain\[1\] is 'CN=self\.example\.com', but serverCertificate\.chain\[0\] 'CN=Example Intermediate CA' was issued by 'CN=Example Root CA' \(serverCertificate\.chain\[2\]\)\.$/);
    expect(f.fix).toBe("order the chain as [chain[0], chain[2]]; remove serverCertificate.chain[1] 'CN=self.example.com' (not on the path from the leaf).");
  });

  test('accepts a leaf issued by the root with the root as its chain', () => {
    expect(check(pki.directLeafPem, pki.directLeafKeyPem, pki.rootPem)).toEqual([]);
  });

  test('rejects a chain that repeats the leaf: the leaf is never inside the chain', () => {
    const f = expectOnly(check(pki.leafPem, pki.leafKeyPem, pki.leafPem + pki.intermediatePem), 'SECLB_CERT_CHAIN_INCLUDES_LEAF',
      /^serverCertificate\.chain\[0\] is the server certificate 'CN=www\.example\.com' itself\.$/);
    expect(f.fix).toBe('remove serverCertificate.chain[0] (the body already carries it).');
    expect(f.rule).toMatch(/never the certificate itself: each entry is signed by the next, root last/);
  });

  test('rejects root first with the leaf repeated after it (once accepted: without the leaf the root alone is in order)', () => {
    const f = expectOnly(check(pki.directLeafPem, pki.directLeafKeyPem, pki.rootPem + pki.directLeafPem), 'SECLB_CERT_CHAIN_INCLUDES_LEAF',
      /^serverCertificate\.chain\[1\] is the server certificate 'CN=direct\.example\.com' itself\.$/);
    expect(f.path).toBe('serverCertificate.chain[1]');
    const three = check(pki.leafPem, pki.leafKeyPem, pki.rootPem + pki.intermediatePem + pki.leafPem);
    expect(three.map((x) => [x.code, x.severity])).toEqual([['SECLB_CERT_CHAIN_INCLUDES_LEAF', Severity.ERROR], ['SECLB_CERT_CHAIN_ORDER', Severity.ERROR]]);
    expect(three[1].fix).toBe('reorder the chain to [chain[1], chain[0]].');
  });

  test('warns when an issued certificate has no chain', () => {
    expectOnly(check(pki.leafPem, pki.leafKeyPem), 'SECLB_CERT_CHAIN_MISSING',
      /^serverCertificate\.chain is empty but the certificate 'CN=www\.example\.com' was issued by 'CN=Example Intermediate CA'\.$/, Severity.WARNING);
  });

  test('rejects chain content that is not a certificate', () => {
    expectOnly(check(pki.leafPem, pki.leafKeyPem, 'intermediate.pem'), 'SECLB_CERT_CHAIN_NOT_PEM', /^serverCertificate\.chain holds no PEM certificate\.$/);
  });

  test('rejects a key that belongs to another certificate, without echoing the key', () => {
    const f = expectOnly(check(pki.leafPem, pki.selfSignedKeyPem, pki.intermediatePem), 'SECLB_CERT_KEY_PAIR_MISMATCH',
      /^serverCertificate\.privateKey does not belong to the certificate 'CN=www\.example\.com'\.$/);
    expect(f.value).toBe('');
    expect(JSON.stringify(f)).not.toContain(pemBody(pki.selfSignedKeyPem).slice(0, 40));
  });

  test('rejects an encrypted key', () => {
    expectOnly(check(pki.leafPem, pki.encryptedLeafKeyPem, pki.intermediatePem), 'SECLB_CERT_KEY_ENCRYPTED', /^serverCertificate\.privateKey is encrypted with a passphrase\.$/);
  });

  test('rejects a key that is not PEM', () => {
    expectOnly(check(pki.leafPem, pemBody(pki.leafKeyPem), pki.intermediatePem), 'SECLB_CERT_KEY_NOT_PEM', /^serverCertificate\.privateKey holds no PEM private key\.$/);
  });

  test('rejects a body with two certificates', () => {
    const findings = check(pki.leafPem + pki.intermediatePem, pki.leafKeyPem);
    expect(findings[0].code).toBe('SECLB_CERT_BODY_NOT_SINGLE');
    expect(findings[0].message).toMatch(/^serverCertificate\.body holds 2 certificates \('CN=www\.example\.com', 'CN=Example Intermediate CA'\)\.$/);
  });

  test('rejects a body padded beyond 16384 characters', () => {
    const findings = check(pki.leafPem + '\n'.repeat(16384), pki.leafKeyPem, pki.intermediatePem);
    expect(findings.map((f) => f.code)).toEqual(['SECLB_CERT_TOO_LARGE']);
    expect(findings[0].message).toMatch(/^serverCertificate\.body is \d+ characters long\.$/);
  });

  test('rejects a body that is not a certificate', () => {
    const findings = check('hello', pki.leafKeyPem);
    expect(findings.map((f) => f.code)).toEqual(['SECLB_CERT_BODY_NOT_PEM']);
    expect(findings[0].message).toMatch(/^serverCertificate\.body holds no PEM certificate\.$/);
  });

  test('rejects a private key pasted as the body, without echoing it', () => {
    const findings = check(pki.leafKeyPem, pki.leafKeyPem);
    expect(findings[0]).toMatchObject({ code: 'SECLB_CERT_BODY_NOT_PEM', value: '' });
    expect(findings[0].message).toBe('serverCertificate.body contains a private key.');
  });

  test('never repeats private key material, whatever field it lands in', () => {
    const secret = pemBody(pki.leafKeyPem).slice(100, 160);
    const rsaDer = pemBody(pki.leafRsaKeyPem);
    const findings = [
      ...check(pki.leafKeyPem, pki.leafKeyPem, pki.leafKeyPem),
      ...check(pemBody(pki.leafKeyPem), pemBody(pki.leafKeyPem), pemBody(pki.leafKeyPem)),
      ...check(rsaDer, pki.selfSignedKeyPem, rsaDer),
      ...check(pki.leafPem, `${pki.leafKeyPem}${pki.selfSignedKeyPem}`),
    ];
    expect(findings.length).toBeGreaterThan(3);
    const text = JSON.stringify(findings);
    expect(text).not.toContain(secret);
    expect(text).not.toContain(rsaDer.slice(100, 160));
  });

  test('rejects an expired certificate and one not yet valid', () => {
    expectOnly(check(pki.selfSignedPem, pki.selfSignedKeyPem, undefined, new Date(Date.now() + 60 * 86400_000)), 'SECLB_CERT_EXPIRED',
      /^serverCertificate\.body 'CN=self\.example\.com' expired at \d{4}-\d\d-\d\dT/);
    expectOnly(check(pki.selfSignedPem, pki.selfSignedKeyPem, undefined, new Date(Date.now() - 86400_000)), 'SECLB_CERT_NOT_YET_VALID',
      /^serverCertificate\.body 'CN=self\.example\.com' is not valid before /);
  });

  test('rejects a key type ELB does not serve', () => {
    expectOnly(check(pki.ed25519Pem, pki.ed25519KeyPem), 'SECLB_CERT_KEY_TYPE_UNSUPPORTED', /^serverCertificate\.body 'CN=ed\.example\.com' has a ed25519 key\.$/);
  });
});

describe('ServerCertificates.fingerprint', () => {
  test('is the SHA-256 of the DER, colon-separated upper-case hex', () => {
    const expected = createHash('sha256').update(Buffer.from(pemBody(pki.leafPem), 'base64')).digest('hex').toUpperCase().match(/../g)!.join(':');
    expect(ServerCertificates.fingerprint(pki.leafPem)).toBe(expected);
  });

  test('throws with the code when there is no certificate', () => {
    expect(() => ServerCertificates.fingerprint('nope')).toThrow(/^SECLB_CERT_BODY_NOT_PEM: /);
  });
});
