import { ElbAttachment } from '@cdktf/provider-aws/lib/elb-attachment';
import { DefaultTokenResolver, StringConcat, Token, Tokenization } from 'cdktf';
import { Construct } from 'constructs';
import { ContentHash } from '../../policy/hashing/content-hash';
import { InstanceDocument } from '../../policy/document/load-balancer-document';

/**
 * The construct id of an attachment: the instance id when it is literal; for a token (an instance
 * created in the stack) a short hash of the reference it resolves to, so the address does not
 * depend on the order instances were added.
 */
function attachmentId(scope: Construct, instanceId: string): string {
  if (!Token.isUnresolved(instanceId)) return `Instance-${instanceId}`;
  const resolved = Tokenization.resolve(instanceId, { scope, resolver: new DefaultTokenResolver(new StringConcat()), preparing: true });
  return `Instance-${ContentHash.short(resolved)}`;
}

/**
 * Registers instances with one `aws_elb_attachment` each, and never with the ELB's `instances`.
 *
 * Why attachments: registration can then grow from anywhere (`addInstance`, other constructs,
 * instances created in the same stack) without rewriting the load balancer, each instance is
 * added or removed on its own, and instances that something else registers (an Auto Scaling
 * group) are left alone, because `instances` is absent from the ELB's configuration. Using both
 * mechanisms makes them deregister each other on alternate applies (aws-provider-facts §4).
 */
export function renderInstanceAttachments(scope: Construct, elbName: string, instances: InstanceDocument[]): ElbAttachment[] {
  return instances.map((i) => new ElbAttachment(scope, attachmentId(scope, i.instanceId), {
    elb: elbName,
    instance: i.instanceId,
  }));
}
