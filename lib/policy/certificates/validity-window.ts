import { X509Certificate } from 'crypto';
import { Finding, Findings } from '../findings';
import { CERTIFICATE_CODES } from './certificate-codes';
import { oneLineName } from './pem';

/** The certificate is inside its validity window at `at` (IAM answers MalformedCertificate otherwise). */
export function checkValidityWindow(path: string, certificate: X509Certificate, at: Date): Finding[] {
  const notBefore = new Date(certificate.validFrom);
  const notAfter = new Date(certificate.validTo);
  const name = oneLineName(certificate.subject);
  const rule = 'IAM accepts a server certificate only inside its validity window (not before NotBefore, not after NotAfter).';
  if (at.getTime() < notBefore.getTime()) {
    return [Findings.error(CERTIFICATE_CODES.NOT_YET_VALID, path, `'${notBefore.toISOString()}'`,
      `${path} '${name}' is not valid before ${notBefore.toISOString()} (checked at ${at.toISOString()}).`, rule,
      'wait until the certificate becomes valid, or check the clock of the machine that issued it.')];
  }
  if (at.getTime() > notAfter.getTime()) {
    return [Findings.error(CERTIFICATE_CODES.EXPIRED, path, `'${notAfter.toISOString()}'`,
      `${path} '${name}' expired at ${notAfter.toISOString()} (checked at ${at.toISOString()}).`, rule,
      'renew the certificate and upload the new one.')];
  }
  return [];
}
