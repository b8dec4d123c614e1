import { IConstruct } from 'constructs';
import { PolicyDocument } from '../policy/document/load-balancer-document';

/**
 * Back-end server authentication as a load balancer sees it when it is attached: the instance port
 * and the policies to bind there. `BackendAuth` implements it. It has a file of its own so that the
 * load balancer interface and `BackendAuth` (which names its load balancer) do not import each other.
 */
export interface IBackendAuth extends IConstruct {
  /** The instance port the policies are bound to. */
  readonly instancePort: number;
  /** The normalised keys: base64 DER SubjectPublicKeyInfo, one line each. */
  readonly publicKeys: string[];
  /** The name of the BackendServerAuthenticationPolicyType policy. */
  readonly policyName: string;
  /** The policies as the canonical document lists them: the public-key policies, then the authentication policy. */
  toPolicyDocuments(): PolicyDocument[];
}
