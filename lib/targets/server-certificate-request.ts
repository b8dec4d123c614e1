/**
 * What a target needs to upload one server certificate. Built by `ServerCertificate` from its
 * props after normalisation (LF line endings, trimmed, leaf only in the body).
 *
 * The private key travels only from the construct to the target's certificate resource: it is in
 * no canonical document, no annotation and no error message.
 */
export interface ServerCertificateRequest {
  /**
   * The exact certificate name (already suffixed with the certificate's fingerprint).
   * @default - `namePrefix` is used
   */
  readonly name?: string;
  /**
   * A name prefix; the target's provider appends a unique suffix.
   * @default - `name` is used
   */
  readonly namePrefix?: string;
  /** The IAM path, e.g. `/`. */
  readonly path: string;
  /** The leaf certificate, PEM, LF line endings, trimmed. */
  readonly certificateBody: string;
  /** The private key, PEM, LF line endings, trimmed. */
  readonly privateKey: string;
  /**
   * The intermediate certificates, PEM, LF line endings, trimmed.
   * @default - none: the argument is omitted
   */
  readonly certificateChain?: string;
  /** Tags for the certificate. */
  readonly tags: { [key: string]: string };
}
