import { X509Certificate } from 'crypto';
import { Finding, Findings } from '../findings';
import { CERTIFICATE_CODES } from './certificate-codes';
import { oneLineName, parseCertificate, pemBlocks, preview } from './pem';

/** The parsed server certificate and the findings of reading it (internal). */
export interface CertificateBodyResult {
  readonly certificate?: X509Certificate;
  readonly findings: Finding[];
}

const RULE = 'IAM takes the server certificate as exactly one PEM certificate (-----BEGIN CERTIFICATE-----); the issuers go in the chain.';

/** The certificate body is exactly one PEM certificate that parses. */
export function readCertificateBody(path: string, body: string): CertificateBodyResult {
  const blocks = pemBlocks(body).filter((b) => b.label === 'CERTIFICATE');
  const others = pemBlocks(body).filter((b) => b.label !== 'CERTIFICATE');
  if (others.some((b) => b.label.includes('PRIVATE KEY'))) {
    return { findings: [Findings.error(CERTIFICATE_CODES.BODY_NOT_PEM, path, '',
      `${path} contains a private key.`, RULE,
      `put only the certificate in ${path} and pass the key separately as the private key.`)] };
  }
  if (blocks.length === 0) {
    return { findings: [Findings.error(CERTIFICATE_CODES.BODY_NOT_PEM, path, typeof body === 'string' ? preview(body) : '',
      `${path} holds no PEM certificate.`, RULE,
      `pass the certificate in PEM form (openssl x509 -in cert.der -inform der -out cert.pem).`)] };
  }
  if (blocks.length > 1) {
    const names = blocks.map((b) => parseCertificate(b.text)).map((c) => (c ? `'${oneLineName(c.subject)}'` : "'(unreadable)'"));
    return { findings: [Findings.error(CERTIFICATE_CODES.BODY_NOT_SINGLE, path, `${blocks.length} certificates`,
      `${path} holds ${blocks.length} certificates (${names.join(', ')}).`, RULE,
      `keep only the server certificate ${names[0]} in ${path} and move the others to the chain.`)] };
  }
  const certificate = parseCertificate(blocks[0].text);
  if (!certificate) {
    return { findings: [Findings.error(CERTIFICATE_CODES.BODY_NOT_PEM, path, preview(blocks[0].text),
      `${path} has PEM armour but its content is not a valid X.509 certificate.`, RULE,
      'export the certificate again (openssl x509 -in cert.pem -out fixed.pem) and check it was not truncated.')] };
  }
  return { certificate, findings: [] };
}
