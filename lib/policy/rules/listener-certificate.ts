import { Finding, Findings } from '../findings';
import { isSecureProtocol } from '../queries/secure-protocol';
import { q, upper } from './rule-helpers';

/** Codes of the listener certificate rule. */
export const LISTENER_CERTIFICATE_CODES = {
  REQUIRED: 'SECLB_LISTENER_CERTIFICATE_REQUIRED',
  UNEXPECTED: 'SECLB_LISTENER_CERTIFICATE_UNEXPECTED',
} as const;

/**
 * An HTTPS or SSL front end needs a server certificate (`SSLCertificateId`); an HTTP or TCP front
 * end has no use for one, so giving it one is a mistake (most likely the wrong protocol).
 */
export function checkListenerCertificate(path: string, protocol: string, sslCertificateId?: string): Finding[] {
  const has = typeof sslCertificateId === 'string' && sslCertificateId.trim() !== '';
  const p = upper(protocol);
  if (isSecureProtocol(p) && !has) {
    return [Findings.error(LISTENER_CERTIFICATE_CODES.REQUIRED, `${path}.sslCertificateId`, sslCertificateId === undefined ? '' : q(sslCertificateId),
      `${path}.sslCertificateId is missing but ${path}.protocol is '${protocol}'.`,
      'An HTTPS or SSL listener terminates TLS and needs a server certificate (an IAM or ACM ARN, or a certificate the local engine holds).',
      `set ${path}.sslCertificateId, or change ${path}.protocol to '${p === 'SSL' ? 'TCP' : 'HTTP'}'.`)];
  }
  if ((p === 'HTTP' || p === 'TCP') && sslCertificateId !== undefined) {
    return [Findings.error(LISTENER_CERTIFICATE_CODES.UNEXPECTED, `${path}.sslCertificateId`, q(sslCertificateId),
      `${path}.sslCertificateId is ${q(sslCertificateId)} but ${path}.protocol is '${protocol}', which does not use a certificate.`,
      'Only HTTPS and SSL front ends carry a server certificate; on HTTP and TCP listeners it is meaningless.',
      `change ${path}.protocol to '${p === 'TCP' ? 'SSL' : 'HTTPS'}', or remove ${path}.sslCertificateId.`)];
  }
  return [];
}
