import { Findings, LoadBalancerDocument } from '../../../lib/policy';
import { DeploymentState, ServerCertificateSummary } from '../diff/deployment-state';
import { DeployErrors } from '../errors';
import { LocalResourceErrors } from '../local-resources/errors';
import { PolicyAttachments } from '../local-resources/policy-attachment';
import { LocalStack } from './local-stack';

/** The desired state of a stack, with policy attachments resolved against live state. */
export interface ResolvedDesiredState {
  /** Documents to plan: the stack's own, plus each attached load balancer's live document with the attachment merged in. */
  readonly desired: DeploymentState;
  /** Names of load balancers the stack only attaches policies to (never created or deleted by it). */
  readonly attached: string[];
}

/**
 * Completes a stack's desired state (docs/local-target.md): a `seclb_policy_attachment` is merged
 * into the live document of the load balancer it names, with the same merge the Terraform plugin
 * uses (`PolicyAttachments.merge`), so the plan shows the policies it adds as changes of that load
 * balancer.
 *
 * @param stack the synthesized stack (`readLocalStack`)
 * @param live the live documents by name
 * @param source the stack file's name, for messages
 * @param liveCertificates the live certificates (those the attached load balancers' listeners name
 *   join the desired state as they are, so their fingerprints compare equal)
 * @throws DeployError SECLB_DEPLOY_LOCAL_LOAD_BALANCER_MISSING when an attachment names an absent
 *   load balancer, SECLB_DEPLOY_INVALID_DESIRED_DOCUMENT when the merge breaks a rule
 */
export function resolveDesiredState(stack: LocalStack, live: Map<string, LoadBalancerDocument>, source = 'cdk.tf.json',
  liveCertificates: ServerCertificateSummary[] = []): ResolvedDesiredState {
  if (stack.policyAttachments.length === 0) return { desired: stack.desired, attached: [] };
  const own = new Set(stack.desired.loadBalancers.map((d) => d.name));
  const merged = new Map<string, LoadBalancerDocument>();
  for (const [i, { loadBalancerName, attachment }] of stack.policyAttachments.entries()) {
    const path = `seclb_policy_attachment[${i}].attachment`;
    const parsed = PolicyAttachments.parse(JSON.stringify(attachment));
    if (!parsed.attachment) throw DeployErrors.invalidDesiredDocument(source, path, Findings.formatAll(Findings.errors(parsed.findings)));
    const base = merged.get(loadBalancerName) ?? live.get(loadBalancerName);
    if (!base || own.has(loadBalancerName)) throw LocalResourceErrors.loadBalancerMissing(loadBalancerName);
    const result = PolicyAttachments.merge(base, parsed.attachment);
    if (!result.document) throw DeployErrors.invalidDesiredDocument(source, path, Findings.formatAll(Findings.errors(result.findings)));
    merged.set(loadBalancerName, result.document);
  }
  // The certificates the attached load balancers' listeners name belong to their owner; they are
  // desired as they are live, so the plan compares their listeners' fingerprints like for like.
  const declared = new Set((stack.desired.serverCertificates ?? []).map((c) => c.name));
  const named = new Set([...merged.values()].flatMap((d) => d.listeners.map((l) => l.sslCertificateId)).filter((c): c is string => !!c));
  const borrowed = liveCertificates.filter((c) => named.has(c.name) && !declared.has(c.name));
  return {
    desired: {
      ...stack.desired,
      loadBalancers: [...stack.desired.loadBalancers, ...merged.values()],
      serverCertificates: [...(stack.desired.serverCertificates ?? []), ...borrowed],
    },
    attached: [...merged.keys()].sort(),
  };
}
