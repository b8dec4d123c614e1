import { Construct } from 'constructs';
import { LoadBalancerDocument } from '../policy/document/load-balancer-document';
import { PolicyAttachmentDocument } from '../policy/document/policy-attachment-document';
import { RenderedLoadBalancer } from './rendered-load-balancer';
import { ServerCertificateRequest } from './server-certificate-request';
import { DeploymentTargetKind } from './target-kind';

/**
 * Turns the canonical model into resources of one deployment target.
 *
 * A target receives finished, validated canonical documents (every policy already resolved to its
 * complete attribute set and named by its content hash) and only maps them to resources: it never
 * re-derives what a policy means. `DeploymentTarget.aws()` and `DeploymentTarget.local()` implement it; a test may supply its own.
 */
export interface IDeploymentTarget {
  /** Which target this is. */
  readonly kind: DeploymentTargetKind;

  /**
   * Creates the resources of one server certificate under `scope` and returns the identifier
   * listeners reference (an ARN on AWS).
   */
  renderServerCertificate(scope: Construct, certificate: ServerCertificateRequest): string;

  /**
   * Creates every resource of one load balancer this stack owns under `scope`: the load balancer,
   * its policies, their bindings to listeners and back-end ports, and instance registration.
   */
  renderLoadBalancer(scope: Construct, document: LoadBalancerDocument): RenderedLoadBalancer;

  /** Creates policies and their bindings on a load balancer this stack does not own. */
  renderPolicyAttachments(scope: Construct, document: PolicyAttachmentDocument): void;
}
