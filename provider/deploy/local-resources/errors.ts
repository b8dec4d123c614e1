import { DeployError } from '../errors';

/**
 * Error codes of the local-resources core (the `seclb_*` resources applied to the engine). Never
 * reuse or rename one; the code also leads every message.
 */
export const LOCAL_RESOURCE_CODES = {
  /** An attachment's JSON is not a PolicyAttachmentDocument. */
  ATTACHMENT_FORMAT: 'SECLB_DEPLOY_LOCAL_ATTACHMENT_FORMAT',
  /** An attachment binds policies to a listener port the load balancer does not have. */
  ATTACHMENT_LISTENER_MISSING: 'SECLB_DEPLOY_LOCAL_ATTACHMENT_LISTENER_MISSING',
  /** The load balancer an attachment names does not exist on the engine. */
  LOAD_BALANCER_MISSING: 'SECLB_DEPLOY_LOCAL_LOAD_BALANCER_MISSING',
  /** A server certificate to create already exists on the engine. */
  CERTIFICATE_EXISTS: 'SECLB_DEPLOY_LOCAL_CERTIFICATE_EXISTS',
  /** A load balancer to create already exists on the engine. */
  LOAD_BALANCER_EXISTS: 'SECLB_DEPLOY_LOCAL_LOAD_BALANCER_EXISTS',
  /** Live state kept moving while a read-modify-write was retried. */
  CONTENDED: 'SECLB_DEPLOY_LOCAL_CONTENDED',
} as const;

/** Factories of the local-resources errors: each names the thing, the value, the rule and the fix. */
export const LocalResourceErrors = {
  /** The attachment's load balancer is absent. */
  loadBalancerMissing(name: string): DeployError {
    return new DeployError(LOCAL_RESOURCE_CODES.LOAD_BALANCER_MISSING,
      `the engine has no load balancer '${name}' to attach policies to.\n`
      + '  Rule: a policy attachment adds policies to a load balancer that already exists (created by another stack or by hand).\n'
      + `  Fix: create load balancer '${name}' first, or correct load_balancer_name.`, 'load_balancer_name');
  },
  /** A server certificate of that name is already on the engine. */
  certificateExists(name: string): DeployError {
    return new DeployError(LOCAL_RESOURCE_CODES.CERTIFICATE_EXISTS,
      `the engine already holds a server certificate named '${name}'.\n`
      + '  Rule: server certificate names are unique; creating one never overwrites another (IAM EntityAlreadyExists).\n'
      + `  Fix: import it (\`terraform import <address> ${name}\`), delete it, or choose another name.`, 'name');
  },
  /** A load balancer of that name is already on the engine. */
  loadBalancerExists(name: string): DeployError {
    return new DeployError(LOCAL_RESOURCE_CODES.LOAD_BALANCER_EXISTS,
      `the engine already runs a load balancer named '${name}'.\n`
      + '  Rule: load balancer names are unique; creating one never overwrites another.\n'
      + `  Fix: import it (\`terraform import <address> ${name}\`), delete it, or choose another name.`, 'name');
  },
  /** Repeated stale-revision refusals. */
  contended(name: string, attempts: number): DeployError {
    return new DeployError(LOCAL_RESOURCE_CODES.CONTENDED,
      `load balancer '${name}' changed on the engine during each of ${attempts} attempts to merge the policy attachment.\n`
      + '  Rule: an attachment is merged into the live document and written with its live revision; a concurrent write makes the engine refuse it.\n'
      + '  Fix: stop the other writer (another apply, a script using the admin API), then apply again.', 'attachment');
  },
};
