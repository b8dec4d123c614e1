import { AppliedChange } from '../apply/apply-plan';
import { EngineAdminClient } from '../engine-client/engine-admin-client';
import { LocalStack } from '../desired/local-stack';
import { LocalPolicyAttachments } from '../local-resources/local-policy-attachments';
import { PolicyAttachments } from '../local-resources/policy-attachment';
import { PlanAction } from '../plan/deploy-plan';

/**
 * Removes the policies a stack attached to load balancers it does not own (its
 * `seclb_policy_attachment` resources), through the same read-modify-write with the live revision
 * the plugin's delete uses. Returns one update per load balancer that changed; an attachment whose
 * load balancer is gone changes nothing.
 */
export async function removeStackAttachments(client: EngineAdminClient, attachments: LocalStack['policyAttachments']): Promise<AppliedChange[]> {
  const removed: AppliedChange[] = [];
  for (const a of attachments) {
    const parsed = PolicyAttachments.parse(JSON.stringify(a.attachment));
    if (parsed.attachment && await LocalPolicyAttachments.remove(client, parsed.attachment)) {
      removed.push({ kind: 'load-balancer', name: a.loadBalancerName, action: PlanAction.UPDATE });
    }
  }
  return removed;
}
