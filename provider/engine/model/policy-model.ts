import { createHash } from 'crypto';
import { PublicKeys } from '../../../lib/policy/certificates/public-keys';
import { ServerCertificates } from '../../../lib/policy/certificates/server-certificates';
import { LoadBalancerDocument } from '../../../lib/policy/document/load-balancer-document';
import { LoadBalancerDocuments } from '../../../lib/policy/document/load-balancer-documents';
import { Finding, Findings } from '../../../lib/policy/findings';

/** Which validators are in use, for /v1/status. */
export const MODEL_VALIDATORS = {
  documents: 'lib/policy LoadBalancerDocuments.fromValue',
  certificates: 'lib/policy ServerCertificates.check',
  publicKeys: 'lib/policy PublicKeys.normalize',
};

/**
 * The engine's single doorway into the policy model's document and certificate rules. The engine
 * has no rules of its own for what a document means; it adds only what is specific to running it
 * locally (certificates it holds, loopback addresses), in `LoadBalancerCompiler`.
 */
export class PolicyModel {
  /**
   * Parses a decoded request body into the canonical document: structure (unknown keys refused),
   * every ELB rule, then normalisation. `document` is undefined when a finding is an error.
   */
  public static parseDocument(value: unknown): { document?: LoadBalancerDocument; findings: Finding[] } {
    return LoadBalancerDocuments.fromValue(value);
  }

  /** Findings for a server certificate upload (the model's IAM rules). */
  public static checkCertificate(body: string, key: string, chain: string | undefined, path: string): Finding[] {
    return ServerCertificates.check(body, key, chain, path);
  }

  /** SHA-256 fingerprint of a PEM certificate (colon-separated upper-case hex). */
  public static fingerprint(pem: string): string {
    return ServerCertificates.fingerprint(pem);
  }

  /** A PublicKey attribute in one-line base64 SPKI form, or the model's findings. */
  public static normalizePublicKey(input: string, path: string): { publicKey?: string; findings: Finding[] } {
    return PublicKeys.normalize(input, path);
  }

  /** The model's content revision of a document (SHA-256 hex), shown beside the engine's integer revision. */
  public static contentRevision(doc: LoadBalancerDocument): string {
    return LoadBalancerDocuments.revision(doc);
  }

  /** A short SHA-256 of any text, for logs that must identify material without revealing it. */
  public static shortDigest(text: string): string {
    return createHash('sha256').update(text).digest('hex').slice(0, 12);
  }

  /** Re-exported for messages. */
  public static formatErrors(findings: Finding[]): string {
    return Findings.formatAll(Findings.errors(findings));
  }

  private constructor() {}
}
