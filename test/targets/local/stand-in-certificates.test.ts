import { execFileSync } from 'child_process';
import { createPrivateKey, X509Certificate } from 'crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Findings } from '../../../lib/policy/findings';
import { ServerCertificates } from '../../../lib/policy/certificates/server-certificates';
import { standInSourceOfSubject } from '../../../lib/contract/local-mapping';
import { generateStandIn, keepStandInCertificate, STAND_IN_FOLDER, standInName } from '../../../lib/targets/local/stand-in-certificates';

const ACM = 'arn:aws:acm:us-east-1:123456789012:certificate/8a7e3c1d-1f2b-4c5d-9e8f-0a1b2c3d4e5f';
let dir: string;
beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'seclb-standin-')); });
afterEach(() => rmSync(dir, { recursive: true, force: true }));

test('names: the IAM name from an IAM ARN, acm-<id> for ACM, the resource name for a reference', () => {
  expect(standInName('arn:aws:iam::123456789012:server-certificate/production/myCert')).toBe('myCert');
  expect(standInName('arn:aws:iam::123456789012:server-certificate/myCert')).toBe('myCert');
  expect(standInName(ACM)).toBe('acm-8a7e3c1d-1f2b-4c5d-9e8f-0a1b2c3d4e5f');
  expect(standInName('${aws_acm_certificate.Site_1A2B.arn}')).toBe('aws_acm_certificate-Site_1A2B');
  expect(standInName('${var.certificate_arn}')).toBe('var-certificate_arn');
});

test('a generated stand-in is a self-signed certificate IAM would accept, its key matching, marked in its subject', () => {
  const s = generateStandIn('acm-x', ACM);
  const cert = new X509Certificate(s.certificateBody);
  expect(cert.verify(cert.publicKey)).toBe(true);
  expect(cert.checkPrivateKey(createPrivateKey(s.privateKey))).toBe(true);
  expect(cert.subject).toContain('CN=acm-x');
  expect(standInSourceOfSubject(cert.subject)).toBe(ACM);
  expect(Findings.errors(ServerCertificates.check(s.certificateBody, s.privateKey, undefined, 'standIn'))).toEqual([]);
  // The openssl CLI reads it as an X.509 v3 certificate, not a CA.
  const text = execFileSync('openssl', ['x509', '-noout', '-text'], { input: s.certificateBody }).toString();
  expect(text).toMatch(/Version: 3/);
  expect(text).toMatch(/CA:FALSE/);
  expect(text).toMatch(/TLS Web Server Authentication/);
});

test('kept in the state directory (0600): the same source gets the same certificate again, another source a new one', () => {
  const first = keepStandInCertificate(dir, 'acm-x', ACM);
  const file = join(dir, STAND_IN_FOLDER, 'acm-x.json');
  expect(statSync(file).mode & 0o777).toBe(0o600);
  expect(statSync(join(dir, STAND_IN_FOLDER)).mode & 0o777).toBe(0o700);
  expect(JSON.parse(readFileSync(file, 'utf8')).certificateBody).toBe(first.certificateBody);
  expect(keepStandInCertificate(dir, 'acm-x', ACM).certificateBody).toBe(first.certificateBody);
  const other = keepStandInCertificate(dir, 'acm-x', `${ACM}0`);
  expect(other.certificateBody).not.toBe(first.certificateBody);
  expect(standInSourceOfSubject(new X509Certificate(other.certificateBody).subject)).toBe(`${ACM}0`);
});

test('a certificate that is not a stand-in has no stand-in source', () => {
  expect(standInSourceOfSubject('CN=www.example.com\nO=Example')).toBeUndefined();
});
