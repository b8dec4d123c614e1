/**
 * The registry of the codes the construct API raises itself (not ELB rules: those are the policy
 * model's, in `lib/policy/error-codes.ts`). Each is thrown at synth, or annotated, with a message
 * that leads with the code and ends with the construct path. Never reuse or rename one; every code
 * is documented in docs/errors.md, "Construct and target codes". Internal to the package.
 */
export const CONSTRUCT_CODES = {
  /** `ServerCertificate.fromArn` with something that is not an IAM or ACM certificate ARN. */
  CERT_ARN_INVALID: 'SECLB_CERT_ARN_INVALID',
  /** A `ServerCertificate` with both `name` and `namePrefix`. */
  CERT_NAME_AND_PREFIX: 'SECLB_CERT_NAME_AND_PREFIX',
  /** `attachCipherPolicy` on a port without a listener. */
  CIPHER_POLICY_NO_LISTENER: 'SECLB_CIPHER_POLICY_NO_LISTENER',
  /** A listener's `cipherPolicy` and `attachCipherPolicy` disagree. */
  CIPHER_POLICY_CONFLICT: 'SECLB_CIPHER_POLICY_CONFLICT',
  /** `BackendAuth` without public keys. */
  BACKEND_AUTH_NO_KEYS: 'SECLB_BACKEND_AUTH_NO_KEYS',
  /** A `BackendAuth` public key that is a token. */
  BACKEND_KEY_TOKEN: 'SECLB_BACKEND_KEY_TOKEN',
  /** `acknowledge` of a rule id that is no security warning. */
  ACK_UNKNOWN_RULE: 'SECLB_ACK_UNKNOWN_RULE',
  /** `acknowledge` without a reason. */
  ACK_REASON_REQUIRED: 'SECLB_ACK_REASON_REQUIRED',
  /** A construct in a stack of another framework, or of a second copy of the same one. */
  FRAMEWORK_MISMATCH: 'SECLB_FRAMEWORK_MISMATCH',
  /** Strict mode: a security warning nobody acknowledged. */
  STRICT_UNACKNOWLEDGED_WARNING: 'SECLB_STRICT_UNACKNOWLEDGED_WARNING',
  /** An internal consistency check of the library failed (a bug; also raised by the model's tables). */
  INTERNAL: 'SECLB_INTERNAL',
} as const;
