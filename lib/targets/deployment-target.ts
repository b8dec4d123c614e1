import { Construct } from 'constructs';
import { AwsTarget } from './aws/aws-target';
import { LocalTarget } from './local/local-target';
import { LocalTargetErrors } from './local/local-target-errors';
import { LocalTargetOptions } from './local-target-options';
import { IDeploymentTarget } from './deployment-target-interface';
import { DeploymentTargetKind } from './target-kind';

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
   * The app context key holding the local target's options (a `LocalTargetOptions` JSON object,
   * e.g. `{ "listenerPorts": { "443": 8443 } }`) when the target is chosen with
   * `seclb:target=local`.
   */
  public static readonly LOCAL_OPTIONS_CONTEXT_KEY = 'seclb:local';

  /**
   * The bundled local proxy engine: `seclb_server_certificate`, `seclb_load_balancer` and
   * `seclb_policy_attachment` resources of the `seclb` provider, each load balancer carrying the
   * canonical document with the local options applied (loopback instance addresses, remapped
   * listener and instance ports). Deploy with `seclb apply` or Terraform (docs/local-target.md).
   *
   * @param options state directory, admin address, instance addresses and port remapping
   */
  public static local(options: LocalTargetOptions = {}): IDeploymentTarget {
    return new LocalTarget(options);
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
    if (value === DeploymentTargetKind.LOCAL) return DeploymentTarget.local(DeploymentTarget.localOptionsFromContext(scope));
    throw new Error(`SECLB_TARGET_UNKNOWN: the app context '${DeploymentTarget.CONTEXT_KEY}' is ${JSON.stringify(value)}, which is not a deployment target.\n`
      + `  Rule: '${DeploymentTarget.CONTEXT_KEY}' is '${DeploymentTargetKind.AWS}' or '${DeploymentTargetKind.LOCAL}'.\n`
      + `  Fix: set it to '${DeploymentTargetKind.AWS}' (or remove it) in the context of cdktf.json or CDKTF_CONTEXT_JSON.`);
  }

  private static localOptionsFromContext(scope: Construct): LocalTargetOptions {
    let value = scope.node.tryGetContext(DeploymentTarget.LOCAL_OPTIONS_CONTEXT_KEY);
    if (value === undefined || value === null) return {};
    if (typeof value === 'string') {
      try {
        value = JSON.parse(value);
      } catch {
        throw LocalTargetErrors.badContext(DeploymentTarget.LOCAL_OPTIONS_CONTEXT_KEY, value);
      }
    }
    if (typeof value !== 'object' || Array.isArray(value)) throw LocalTargetErrors.badContext(DeploymentTarget.LOCAL_OPTIONS_CONTEXT_KEY, value);
    return value as LocalTargetOptions;
  }

  private constructor() {}
}
