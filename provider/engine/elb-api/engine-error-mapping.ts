import { Finding } from '../../../lib/policy/findings';
import { ENGINE_CODES, ENGINE_FINDING_CODES, SeclbError } from '../errors';
import { ApiError, ApiErrors } from './protocol/api-error';

/**
 * AWS's error code for a policy-model finding code: the model's rule and AWS's refusal of the same
 * input. Codes not listed are `ValidationError`, except policy rules (`SECLB_POLICY_*`), which AWS
 * refuses as `InvalidConfigurationRequest`.
 */
const FINDING_TO_AWS: Record<string, string> = {
  SECLB_POLICY_TYPE_UNKNOWN: 'PolicyTypeNotFound',
  SECLB_POLICY_NOT_FOUND: 'PolicyNotFound',
  SECLB_POLICY_DUPLICATE_NAME: 'DuplicatePolicyName',
  SECLB_LISTENER_DUPLICATE_PORT: 'DuplicateListener',
  SECLB_TAGS_TOO_MANY: 'TooManyTags',
  SECLB_INSTANCE_DUPLICATE: 'InvalidInstance',
  SECLB_INSTANCE_ID_EMPTY: 'InvalidInstance',
  [ENGINE_FINDING_CODES.UNKNOWN_CERTIFICATE]: 'CertificateNotFound',
  [ENGINE_FINDING_CODES.INSTANCE_ADDRESS]: 'InvalidInstance',
  SECLB_CERT_KEY_PAIR_MISMATCH: 'KeyPairMismatch',
};

/** AWS's HTTP status per code, where it is not 400. */
const STATUS: Record<string, number> = { InvalidConfigurationRequest: 409 };

/** The AWS code a finding maps to. */
export function awsCodeOf(findingCode: string): string {
  if (FINDING_TO_AWS[findingCode]) return FINDING_TO_AWS[findingCode];
  if (findingCode.startsWith('SECLB_CERT_')) return 'MalformedCertificate';
  if (findingCode.startsWith('SECLB_POLICY_') || findingCode.startsWith('SECLB_PUBLIC_KEY_') || findingCode.startsWith('SECLB_BACKEND_')) return 'InvalidConfigurationRequest';
  return 'ValidationError';
}

/** One error answer for a list of findings: the first error's AWS code, every error's message (code first). */
export function findingsError(findings: readonly Finding[], fallbackCode?: string): ApiError {
  const errors = findings.filter((f) => f.severity === 'error');
  const first = errors[0];
  const code = first ? awsCodeOf(first.code) : (fallbackCode ?? 'ValidationError');
  const text = errors.map((f) => `${f.code}: ${f.message} Rule: ${f.rule} Fix: ${f.fix}`).join(' | ');
  return new ApiError(code, `${text || 'the request was refused by the policy model'} Nothing was changed.`, STATUS[code] ?? 400);
}

/**
 * Translates an engine error (a refused write, a port clash, an owner conflict...) into AWS's
 * answer. Anything unexpected becomes `InternalFailure` (500).
 */
export function apiErrorOf(e: unknown): ApiError {
  if (e instanceof ApiError) return e;
  if (!(e instanceof SeclbError)) return ApiErrors.internal(`unexpected error: ${(e as Error).message}`);
  const findings = (e.details?.findings ?? []) as Finding[];
  switch (e.code) {
    case ENGINE_CODES.INVALID_DOCUMENT:
    case ENGINE_CODES.CERTIFICATE_INVALID:
      return findingsError(findings, e.code === ENGINE_CODES.CERTIFICATE_INVALID ? 'MalformedCertificate' : undefined);
    case ENGINE_CODES.PORT_IN_USE:
    case ENGINE_CODES.PORT_CONFLICT:
      return new ApiError('InvalidConfigurationRequest', e.message, 409);
    case ENGINE_CODES.OWNER_CONFLICT:
      return new ApiError('OperationNotPermitted', e.message);
    case ENGINE_CODES.CERTIFICATE_IN_USE:
      return new ApiError('DeleteConflict', e.message, 409);
    case ENGINE_CODES.NOT_FOUND:
      return new ApiError('LoadBalancerNotFound', e.message);
    default:
      return new ApiError(e.httpStatus >= 500 ? 'InternalFailure' : 'InvalidConfigurationRequest', e.message, e.httpStatus >= 500 ? 500 : 409, e.httpStatus >= 500 ? 'Receiver' : 'Sender');
  }
}
