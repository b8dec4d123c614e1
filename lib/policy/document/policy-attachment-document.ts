import { BackendServerDocument, PolicyDocument } from './load-balancer-document';

/** The complete policy list of one listener port of a load balancer the stack does not own. */
export interface ListenerPolicyBinding {
  /** The listener's front-end port. */
  readonly loadBalancerPort: number;
  /** Every policy the port must carry, in order (the list replaces whatever the port had). */
  readonly policyNames: string[];
}

/**
 * Policies attached to a load balancer that another stack (or the console) created, as
 * `CipherPolicy` and `BackendAuth` declare them on `SecureClassicLoadBalancer.fromLoadBalancerName`.
 *
 * It carries the same canonical policy documents as a full `LoadBalancerDocument`, only without
 * the parts this stack does not own.
 */
export interface PolicyAttachmentDocument {
  /** The existing load balancer's name. */
  readonly loadBalancerName: string;
  /** The policies to create, sorted by name. */
  readonly policies: PolicyDocument[];
  /** Listener ports whose policy list this stack owns, sorted by port. */
  readonly listeners: ListenerPolicyBinding[];
  /** Back-end ports whose policy list this stack owns, sorted by port. */
  readonly backendServers: BackendServerDocument[];
}
