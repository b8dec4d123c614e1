/**
 * The deploy core's error registry: its codes and one factory per failure; `DeployError` is a
 * subclass of the shared base `SeclbError` (`lib/contract/seclb-error.ts`).
 *
 * Match on `code`, never on the message. Codes are never reused or renamed, and the code also leads
 * the message text. Every message names the thing, the value, the rule and the fix.
 */

import { SeclbError, seclbErrorBrand } from '../../lib/contract/seclb-error';

/** Base class of every error the deploy core raises on purpose: a `SeclbError` with a `path`. */
export class DeployError extends SeclbError {
  /** This class's brand (`instanceof DeployError` holds for deploy errors only). */
  public static readonly brand: string = seclbErrorBrand('DeployError');

  /** Builds an error; the message is prefixed with the code. */
  constructor(code: string, message: string, path?: string) {
    super(code, message, { path });
  }
}

/** Every deploy error code, in one place. Never reuse or rename one. */
export const DEPLOY_CODES = {
  /** Two documents in one set share a load balancer name. */
  DUPLICATE_LOAD_BALANCER: 'SECLB_DEPLOY_DUPLICATE_LOAD_BALANCER',
  /** Two server certificates in one set share a name. */
  DUPLICATE_CERTIFICATE: 'SECLB_DEPLOY_DUPLICATE_CERTIFICATE',
  /** A certificate fingerprint is not a SHA-256 hex digest. */
  BAD_FINGERPRINT: 'SECLB_DEPLOY_BAD_FINGERPRINT',
  /** A server certificate's PEM body cannot be read. */
  BAD_CERTIFICATE: 'SECLB_DEPLOY_BAD_CERTIFICATE',
  /** The synthesized stack is not readable as seclb resources. */
  STACK_FORMAT: 'SECLB_DEPLOY_STACK_FORMAT',
  /** A synthesized load balancer document breaks the policy model's rules. */
  INVALID_DESIRED_DOCUMENT: 'SECLB_DEPLOY_INVALID_DESIRED_DOCUMENT',
  /** A plan file is not JSON or not a seclb plan. */
  PLAN_FORMAT: 'SECLB_DEPLOY_PLAN_FORMAT',
  /** A plan file was written by a newer or older, incompatible format. */
  PLAN_VERSION: 'SECLB_DEPLOY_PLAN_VERSION',
  /** Live state moved since the plan was computed. */
  STALE_PLAN: 'SECLB_DEPLOY_STALE_PLAN',
  /** An unknown output format was asked for. */
  UNKNOWN_FORMAT: 'SECLB_DEPLOY_UNKNOWN_FORMAT',
  /** A Terraform plan JSON document is not in the documented format. */
  TERRAFORM_PLAN_FORMAT: 'SECLB_DEPLOY_TERRAFORM_PLAN_FORMAT',
  /** Two load balancers would bind the same local listener port on the engine. */
  LISTENER_PORT_CLASH: 'SECLB_DEPLOY_LISTENER_PORT_CLASH',
  /** A plan file's content does not match its digest, or it carries none. */
  PLAN_TAMPERED: 'SECLB_DEPLOY_PLAN_TAMPERED',
  /** The synthesized stack a plan file was made from has changed since. */
  PLAN_INPUTS_CHANGED: 'SECLB_DEPLOY_PLAN_INPUTS_CHANGED',
  /** Strict mode: the plan carries security warnings nobody acknowledged. */
  UNACKNOWLEDGED_WARNINGS: 'SECLB_DEPLOY_UNACKNOWLEDGED_WARNINGS',
  /** The cdktf manifest next to a synthesized stack cannot be read. */
  MANIFEST_FORMAT: 'SECLB_DEPLOY_MANIFEST_FORMAT',
} as const;

/** Factories: each names the thing, the value, the rule and the fix. */
export const DeployErrors = {
  /** Two desired or live documents with the same name. */
  duplicateLoadBalancer(set: string, name: string): DeployError {
    return new DeployError(DEPLOY_CODES.DUPLICATE_LOAD_BALANCER,
      `the ${set} state holds load balancer '${name}' more than once. ` +
      'Rule: a load balancer name is unique within a region (and within an engine). ' +
      'Fix: rename one of them, or remove the duplicate from the stack.', `${set}.loadBalancers`);
  },
  /** Two certificates with the same name. */
  duplicateCertificate(set: string, name: string): DeployError {
    return new DeployError(DEPLOY_CODES.DUPLICATE_CERTIFICATE,
      `the ${set} state holds server certificate '${name}' more than once. ` +
      'Rule: a server certificate name is unique. Fix: rename one of them.', `${set}.serverCertificates`);
  },
  /** A fingerprint that is not 64 hex digits. */
  badFingerprint(set: string, name: string, value: string): DeployError {
    return new DeployError(DEPLOY_CODES.BAD_FINGERPRINT,
      `server certificate '${name}' in the ${set} state has fingerprint '${value}', which is not a SHA-256 digest. ` +
      'Rule: certificates are compared by the SHA-256 of their DER encoding, 64 hex digits (colons allowed). ' +
      'Fix: describe the certificate with describeServerCertificate(), which computes it from the PEM.', `${set}.serverCertificates`);
  },
  /** A certificate body that holds no readable certificate. */
  badCertificate(name: string, reason: string): DeployError {
    return new DeployError(DEPLOY_CODES.BAD_CERTIFICATE,
      `server certificate '${name}' has a body that cannot be read as a PEM certificate (${reason}). ` +
      'Rule: certificates are compared by the SHA-256 fingerprint of the leaf certificate. ' +
      'Fix: give the leaf certificate in PEM form (-----BEGIN CERTIFICATE-----), chain certificates after it.', `serverCertificates[${name}]`);
  },
  /** Two load balancers on one local port. */
  listenerPortClash(port: number, first: string, second: string, secondDeclared: boolean): DeployError {
    const whose = secondDeclared ? `load balancers '${first}' and '${second}' of the stack both` : `load balancer '${first}' of the stack and load balancer '${second}', live on the engine (another stack), both`;
    return new DeployError(DEPLOY_CODES.LISTENER_PORT_CLASH,
      `${whose} listen on local port ${port}. ` +
      'Rule: on AWS each load balancer has its own DNS name; the local engine binds every listener on 127.0.0.1, so each local port serves one load balancer. ' +
      `Fix: give '${first}' its own port with the local target's loadBalancerPorts option (e.g. loadBalancerPorts: { '${first}': { '<declared port>': <a free port> } }), or leave the port unmapped so the target allocates a free one; then synthesize again.`,
      `loadBalancers[${first}].listeners[${port}]`);
  },
  /** A synthesized stack that cannot be read. */
  stackFormat(source: string, path: string, reason: string): DeployError {
    return new DeployError(DEPLOY_CODES.STACK_FORMAT,
      `'${source}'${path ? ` ${path}` : ''} ${reason}. ` +
      'Rule: the deploy core reads the seclb_* resources the local target synthesizes, with literal values (no unresolved ${...} references). ' +
      'Fix: synthesize the stack for the local target again (cdktf synth) and pass its cdk.tf.json.', `${source}:${path}`);
  },
  /** A desired document with error findings. */
  invalidDesiredDocument(source: string, path: string, findings: string): DeployError {
    return new DeployError(DEPLOY_CODES.INVALID_DESIRED_DOCUMENT,
      `'${source}' ${path} holds a load balancer document the policy model rejects:\n${findings}\n` +
      'Rule: nothing is planned from a document the engine would refuse. Fix: correct the app as each finding says and synthesize again.', `${source}:${path}`);
  },
  /** A plan file that cannot be read. */
  planFormat(source: string, reason: string): DeployError {
    return new DeployError(DEPLOY_CODES.PLAN_FORMAT,
      `'${source}' is not a seclb plan: ${reason}. ` +
      'Rule: apply takes the JSON that `seclb plan --format json --out FILE` wrote, unmodified. ' +
      'Fix: run seclb plan again and pass its output file.', source);
  },
  /** A plan of another format version. */
  planVersion(source: string, found: unknown, supported: number): DeployError {
    return new DeployError(DEPLOY_CODES.PLAN_VERSION,
      `'${source}' has formatVersion ${JSON.stringify(found)}, but this seclb reads formatVersion ${supported}. ` +
      'Rule: a plan is applied by the same seclb version that wrote it. Fix: run seclb plan again with this version.', source);
  },
  /** Live state moved since the plan. */
  stalePlan(name: string, planned: string, live: string): DeployError {
    return new DeployError(DEPLOY_CODES.STALE_PLAN,
      `load balancer '${name}' was planned against live revision ${planned}, but live state is now at ${live}. ` +
      'Rule: apply carries out exactly the plan it showed, so it refuses a plan computed against state that has moved since. ' +
      'Fix: run seclb plan again, review it, and apply the new plan. Nothing was changed.', name);
  },
  /** An output format that does not exist. */
  unknownFormat(value: string, allowed: string[]): DeployError {
    return new DeployError(DEPLOY_CODES.UNKNOWN_FORMAT,
      `--format is '${value}', which is not a plan format. Rule: the formats are ${allowed.join(', ')}. ` +
      `Fix: pass one of them, e.g. --format ${allowed[0]}.`, '--format');
  },
  /** A Terraform plan JSON that is not in the documented format. */
  terraformPlanFormat(source: string, reason: string): DeployError {
    return new DeployError(DEPLOY_CODES.TERRAFORM_PLAN_FORMAT,
      `'${source}' is not the JSON of a saved Terraform plan: ${reason}. ` +
      'Rule: the preview reads what `terraform show -json PLANFILE` prints (format_version 1.x, resource_changes[]). ' +
      'Fix: run `terraform plan -out plan.tfplan` and then `terraform show -json plan.tfplan > tfplan.json`.', source);
  },
  /** A plan file whose content differs from the digest it carries (or that carries none). */
  planTampered(source: string, reason: string): DeployError {
    return new DeployError(DEPLOY_CODES.PLAN_TAMPERED,
      `'${source}' ${reason}. ` +
      'Rule: apply carries out only a plan file exactly as `seclb plan --out FILE` wrote it; its `digest.content` is the SHA-256 of everything else in the file. ' +
      'Fix: do not edit plan files; run seclb plan --out FILE again, review it, and apply that file. Nothing was changed.', source);
  },
  /** A plan file made from other synthesized inputs than the ones on disk now. */
  planInputsChanged(source: string, planned: string, now: string): DeployError {
    return new DeployError(DEPLOY_CODES.PLAN_INPUTS_CHANGED,
      `'${source}' was made from synthesized inputs with digest sha256:${planned}, but the stack on disk now has sha256:${now}. ` +
      'Rule: a plan file is applied only together with the synthesized stack it was made from (its certificates and documents come from there). ' +
      'Fix: run seclb plan --out FILE again on the stack as it is now, review it, and apply that file. Nothing was changed.', source);
  },
  /** Strict mode and security warnings nobody acknowledged. */
  unacknowledgedWarnings(stack: string, warnings: string[]): DeployError {
    return new DeployError(DEPLOY_CODES.UNACKNOWLEDGED_WARNINGS,
      `stack '${stack}' has ${warnings.length} unacknowledged security warning(s):\n${warnings.map((w) => `  - ${w}`).join('\n')}\n` +
      'Rule: strict mode (--strict, or the context key seclb:strict) fails on any security warning that was not acknowledged with a reason. ' +
      "Fix: correct the setting each warning names, or acknowledge it in the app with .acknowledge('<rule id>', '<reason>') and synthesize again.", stack);
  },
  /** A cdktf manifest that cannot be read. */
  manifestFormat(source: string, reason: string): DeployError {
    return new DeployError(DEPLOY_CODES.MANIFEST_FORMAT,
      `'${source}' is not a readable cdktf manifest: ${reason}. ` +
      'Rule: the synth-time security warnings are read from the manifest.json cdktf writes next to stacks/. ' +
      'Fix: synthesize the app again (seclb plan --synth, or cdktf synth).', source);
  },
};
