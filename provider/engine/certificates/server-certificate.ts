import { ServerCertificateAnswer } from '../../../lib/contract/admin-api';
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

/** What the admin API shows of a certificate: the contract's answer (everything but the key, plus the fingerprint). */
export type ServerCertificateView = ServerCertificateAnswer;
