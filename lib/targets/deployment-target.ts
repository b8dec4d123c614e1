import { Construct } from 'constructs';
import { LoadBalancerDocument } from '../policy/document/load-balancer-document';
import { AwsTarget } from './aws/aws-target';
import { LocalTargetOptions } from './local-target-options';
import { PolicyAttachmentDocument } from './policy-attachment-document';
import { RenderedLoadBalancer } from './rendered-load-balancer';
import { ServerCertificateRequest } from './server-certificate-request';
import { DeploymentTargetKind } from './target-kind';

/**
 * Turns the canonical model into resources of one deployment target.
 *
 * A target receives finished, validated canonical documents (every policy already resolved to its
 * complete attribute set and named by its content hash) and only maps them to resources: it never
 * re-derives what a policy means. `DeploymentTarget.aws()` and, with issue 7,
 * `DeploymentTarget.local()` implement it; a test may supply its own.
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

/**
 * The deployment targets, and how a construct picks one.
 *
 * A construct uses its `target` prop when given; otherwise the app context key `seclb:target`
 * (`aws` or `local`, e.g. from the `context` of `cdktf.json`); otherwise AWS. One app therefore
 * synthesizes for either target without code changes.
 */
export class DeploymentTarget {
  /** The app context key that overrides the default target: `aws` or `local`. */
  public static readonly CONTEXT_KEY = 'seclb:target';

  /**
   * AWS Classic ELB through `@cdktf/provider-aws`: `aws_elb`, `aws_iam_server_certificate`,
   * `aws_load_balancer_policy`, `aws_load_balancer_listener_policy`,
   * `aws_load_balancer_backend_server_policy` and `aws_elb_attachment` resources. The default.
   */
  public static aws(): IDeploymentTarget {
    return new AwsTarget();
  }

  /**
   * The bundled local proxy engine. Not available yet: it arrives with issue 7 ("Local target, the
   * `seclb` CLI ..."); until then this throws `SECLB_TARGET_LOCAL_NOT_YET` rather than synthesize
   * something the engine cannot deploy.
   */
  public static local(options: LocalTargetOptions = {}): IDeploymentTarget {
    void options;
    throw new Error('SECLB_TARGET_LOCAL_NOT_YET: DeploymentTarget.local() is not implemented yet.\n'
      + '  Rule: the local target (seclb_* resources for the bundled engine) arrives with issue 7, "Local target, the seclb CLI with plan/apply against live state".\n'
      + `  Fix: use DeploymentTarget.aws() (the default) and remove '${DeploymentTarget.CONTEXT_KEY}: local' from the app context until then.`);
  }

  /**
   * The target a construct in `scope` uses: `chosen` when given, else the `seclb:target` context
   * value, else AWS.
   *
   * @param scope where to read the context from
   * @param chosen the construct's `target` prop
   */
  public static resolve(scope: Construct, chosen?: IDeploymentTarget): IDeploymentTarget {
    if (chosen) return chosen;
    const value = scope.node.tryGetContext(DeploymentTarget.CONTEXT_KEY);
    if (value === undefined || value === null || value === DeploymentTargetKind.AWS) return DeploymentTarget.aws();
    if (value === DeploymentTargetKind.LOCAL) return DeploymentTarget.local();
    throw new Error(`SECLB_TARGET_UNKNOWN: the app context '${DeploymentTarget.CONTEXT_KEY}' is ${JSON.stringify(value)}, which is not a deployment target.\n`
      + `  Rule: '${DeploymentTarget.CONTEXT_KEY}' is '${DeploymentTargetKind.AWS}' or '${DeploymentTargetKind.LOCAL}'.\n`
      + `  Fix: set it to '${DeploymentTargetKind.AWS}' (or remove it) in the context of cdktf.json or CDKTF_CONTEXT_JSON.`);
  }

  private constructor() {}
}
