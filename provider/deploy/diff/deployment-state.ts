import { X509Certificate } from 'crypto';
import { LoadBalancerDocument, ServerCertificates } from '../../../lib/policy';
import { DeployErrors } from '../errors';
import { Revision } from '../plan/deploy-plan';
import { fingerprintHex } from '../../../lib/policy/queries/fingerprint-hex';

/**
 * A server certificate as the deploy core sees it: a name and the SHA-256 fingerprint of the
 * certificate, never the key material. Two certificates are the same when their fingerprints are.
 */
export interface ServerCertificateSummary {
  /** The certificate's name, as listeners name it in `sslCertificateId`. */
  readonly name: string;
  /** SHA-256 of the leaf certificate's DER encoding: 64 lower-case hex digits, no colons. */
  readonly fingerprint: string;
  /**
   * The leaf's subject, for display.
   * @default - none
   */
  readonly subject?: string;
  /**
   * The leaf's expiry (ISO 8601), for display.
   * @default - none
   */
  readonly notAfter?: string;
}

/**
 * A set of load balancers and server certificates: what the stack desires, what is live in the
 * engine, or what this tool applied last.
 */
export interface DeploymentState {
  /** Load balancer documents (canonical form), one per name. */
  readonly loadBalancers: LoadBalancerDocument[];
  /**
   * Server certificates by name and fingerprint.
   * @default - none
   */
  readonly serverCertificates?: ServerCertificateSummary[];
  /**
   * For live state: the engine's revision of each load balancer, by name. A plan records it so
   * apply can refuse the plan when live state moved.
   * @default - none (a plan then records `null` and cannot detect a moved state)
   */
  readonly revisions?: { [name: string]: Revision };
}

/**
 * Describes a server certificate from its PEM body for the deploy core: name, SHA-256
 * fingerprint, subject and expiry. The private key is not an input, so it cannot leak into a plan.
 *
 * @param name the certificate's name
 * @param certificatePem the leaf certificate in PEM form (a chain after it is ignored)
 * @throws DeployError SECLB_DEPLOY_BAD_CERTIFICATE when the PEM holds no readable certificate
 */
export function describeServerCertificate(name: string, certificatePem: string): ServerCertificateSummary {
  let fingerprint: string;
  let cert: X509Certificate;
  try {
    fingerprint = ServerCertificates.fingerprint(certificatePem);
    cert = new X509Certificate(certificatePem);
  } catch (e) {
    throw DeployErrors.badCertificate(name, (e as Error).message);
  }
  return {
    name,
    fingerprint: fingerprintHex(fingerprint),
    subject: cert.subject.replace(/\n/g, ', '),
    notAfter: new Date(cert.validTo).toISOString(),
  };
}

