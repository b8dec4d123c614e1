import { ObjectOwner } from '../../../lib/policy/ownership/object-owner';

/** A server certificate held by the engine (the local stand-in for IAM `UploadServerCertificate`). */
export interface ServerCertificateRecord {
  /** Its name; a listener's `sslCertificateId` names it. */
  readonly name: string;
  /** Leaf certificate, PEM. */
  readonly certificateBody: string;
  /** Private key, PEM. Persisted in the 0600 state file; never returned by the API nor logged. */
  readonly privateKey: string;
  /** Intermediate certificates, PEM, issuer first. */
  readonly certificateChain?: string;
  /** The engine revision at which it was last written. */
  readonly revision: number;
  /** Who created it (absent in state written before owners were recorded: read as unknown). */
  readonly owner?: ObjectOwner;
}

/** What the admin API shows of a certificate: everything but the key, plus the fingerprint. */
export interface ServerCertificateView {
  readonly name: string;
  readonly certificateBody: string;
  readonly certificateChain?: string;
  readonly fingerprintSha256: string;
  readonly subject: string;
  readonly notAfter: string;
  readonly revision: number;
  /** Who created it (`{ tool: 'unknown', stack: '' }` when not on record). */
  readonly owner: ObjectOwner;
  /** The load balancers whose listeners name it. */
  readonly usedBy: string[];
}
