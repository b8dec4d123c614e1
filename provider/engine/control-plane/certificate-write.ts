import { Finding, Findings } from '../../../lib/policy/findings';
import { EngineErrors } from '../errors';
import { PolicyModel } from '../model/policy-model';

/** A server certificate write the model accepted. */
export interface ValidatedCertificateWrite {
  readonly certificateBody: string;
  readonly privateKey: string;
  /** @default - none (absent or blank in the body) */
  readonly certificateChain?: string;
}

/**
 * The name and body of `PUT /v1/server-certificates/{name}` checked: an IAM certificate name, and
 * the certificate, key and chain by the policy model.
 * @throws SECLB_ENGINE_BAD_REQUEST for the name, SECLB_ENGINE_CERTIFICATE_INVALID for the material
 */
export function validateCertificateWrite(name: string, body: unknown): ValidatedCertificateWrite {
  if (!/^[\w+=,.@-]{1,128}$/.test(name)) {
    throw EngineErrors.badRequest('the certificate name', `'${name}'`, 'IAM server certificate names are 1-128 of letters, digits and +=,.@_-', 'choose such a name');
  }
  const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const certificateBody = typeof b.certificateBody === 'string' ? b.certificateBody : '';
  const privateKey = typeof b.privateKey === 'string' ? b.privateKey : '';
  const certificateChain = typeof b.certificateChain === 'string' && b.certificateChain.trim() ? b.certificateChain : undefined;
  const findings: Finding[] = PolicyModel.checkCertificate(certificateBody, privateKey, certificateChain, 'serverCertificate');
  if (Findings.hasErrors(findings)) throw EngineErrors.certificateInvalid(name, findings, Findings.formatAll(Findings.errors(findings)));
  return { certificateBody, privateKey, certificateChain };
}
