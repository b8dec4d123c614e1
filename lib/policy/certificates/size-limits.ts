import { Finding, Findings } from '../findings';
import { CERTIFICATE_CODES } from './certificate-codes';

/** IAM's length limits for UploadServerCertificate, in characters. */
const LIMITS = { body: 16384, privateKey: 16384, chain: 2097152 };

/** The body and key are at most 16384 characters, the chain at most 2097152 (IAM). */
export function checkSizeLimits(path: string, body: string, privateKey: string, chain?: string): Finding[] {
  const findings: Finding[] = [];
  const check = (field: keyof typeof LIMITS, value: string | undefined) => {
    if (typeof value !== 'string' || value.length <= LIMITS[field]) return;
    findings.push(Findings.error(CERTIFICATE_CODES.TOO_LARGE, `${path}.${field}`, `${value.length} characters`,
      `${path}.${field} is ${value.length} characters long.`,
      `IAM takes a certificate body and a private key of at most ${LIMITS.body} characters and a chain of at most ${LIMITS.chain}.`,
      field === 'chain' ? 'keep only the issuers of the server certificate in the chain.' : `keep only the one PEM block in ${path}.${field}, without comments or other text.`));
  };
  check('body', body);
  check('privateKey', privateKey);
  check('chain', chain);
  return findings;
}
