import { IConstruct } from 'constructs';
import type { IBackendAuth } from './backend-auth-interface';
import type { CipherPolicy } from './cipher-policy';

/**
 * A Classic load balancer that `CipherPolicy` and `BackendAuth` can attach to: one this stack
 * creates (`SecureClassicLoadBalancer`) or an existing one
 * (`SecureClassicLoadBalancer.fromLoadBalancerName`).
 */
export interface ISecureClassicLoadBalancer extends IConstruct {
  /** The load balancer's name (a reference when the stack creates it). */
  readonly loadBalancerName: string;

  /**
   * Uses `cipherPolicy` as the SSL negotiation policy of the listener on `loadBalancerPort`.
   * On an imported load balancer this stack then owns that port's complete policy list.
   */
  attachCipherPolicy(loadBalancerPort: number, cipherPolicy: CipherPolicy): void;

  /** Adds the back-end authentication policies of `backendAuth` to its instance port (called by `BackendAuth`). */
  attachBackendAuth(backendAuth: IBackendAuth): void;

  /**
   * Accepts a security warning about this load balancer or what is attached to it, for a reason.
   *
   * @param ruleId the warning's rule id (`SecurityWarningIds`)
   * @param reason why it is accepted
   */
  acknowledge(ruleId: string, reason: string): void;
}
