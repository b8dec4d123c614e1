import { Finding, Findings } from '../findings';
import { q } from './rule-helpers';

/** Codes of the IAM server certificate name and path rules. */
export const SERVER_CERTIFICATE_NAME_CODES = {
  NAME_INVALID: 'SECLB_CERT_NAME_INVALID',
  PATH_INVALID: 'SECLB_CERT_PATH_INVALID',
} as const;

/**
 * An IAM server certificate name is 1-128 characters of letters, digits and `+=,.@_-` (no spaces,
 * no slashes); its path is `/` or `/.../` of printable ASCII, at most 512 characters
 * (UploadServerCertificate).
 */
export function checkServerCertificateName(path: string, name: string, iamPath?: string): Finding[] {
  const findings: Finding[] = [];
  if (typeof name !== 'string' || !/^[\w+=,.@-]{1,128}$/.test(name)) {
    const suggestion = String(name ?? '').replace(/[^\w+=,.@-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 128);
    findings.push(Findings.error(SERVER_CERTIFICATE_NAME_CODES.NAME_INVALID, `${path}.name`, q(name),
      `${path}.name is ${q(name)}, which is not 1-128 characters of letters, digits and + = , . @ _ -.`,
      'IAM server certificate names are 1-128 characters matching [\\w+=,.@-]+ (no spaces, no path).',
      suggestion ? `use e.g. '${suggestion}'${String(name).includes('/') ? ', and put the folders in the path' : ''}.` : "give the certificate a name such as 'www-example-com-2026'."));
  }
  if (iamPath !== undefined && (typeof iamPath !== 'string' || iamPath.length > 512 || !/^(\/|\/[\u0021-\u007E]+\/)$/.test(iamPath))) {
    findings.push(Findings.error(SERVER_CERTIFICATE_NAME_CODES.PATH_INVALID, `${path}.path`, q(iamPath),
      `${path}.path is ${q(iamPath)}, which is not '/' or a path that starts and ends with '/'.`,
      "IAM paths are '/' or '/folder/.../' of printable ASCII without spaces, at most 512 characters (CloudFront certificates use '/cloudfront/...').",
      `write it as '/${String(iamPath ?? '').replace(/^\/+|\/+$/g, '').replace(/\s+/g, '-') || 'certs'}/'.`));
  }
  return findings;
}
