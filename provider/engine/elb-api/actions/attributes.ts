import type { LoadBalancerDocument } from '../../../../lib/policy/document/load-balancer-document';
import { ApiError } from '../protocol/api-error';
import { QueryParams } from '../protocol/query-params';
import { DESYNC_KEY, ElbViews } from '../views';
import { ActionTable } from './action';

const A = 'LoadBalancerAttributes';

/** The document after ModifyLoadBalancerAttributes: only the attribute groups the request names change. */
function modified(doc: LoadBalancerDocument, p: QueryParams): LoadBalancerDocument {
  let next: LoadBalancerDocument = { ...doc };
  const crossZone = p.optionalBool(`${A}.CrossZoneLoadBalancing.Enabled`);
  if (crossZone !== undefined) next = { ...next, crossZoneLoadBalancing: crossZone };
  const idle = p.optionalInt(`${A}.ConnectionSettings.IdleTimeout`);
  if (idle !== undefined) next = { ...next, idleTimeoutSeconds: idle };
  const drainEnabled = p.optionalBool(`${A}.ConnectionDraining.Enabled`);
  const drainTimeout = p.optionalInt(`${A}.ConnectionDraining.Timeout`);
  if (drainEnabled !== undefined || drainTimeout !== undefined) {
    next = { ...next, connectionDraining: { enabled: drainEnabled ?? doc.connectionDraining.enabled, timeoutSeconds: drainTimeout ?? doc.connectionDraining.timeoutSeconds } };
  }
  const logEnabled = p.optionalBool(`${A}.AccessLog.Enabled`);
  if (logEnabled !== undefined) {
    const bucket = p.optional(`${A}.AccessLog.S3BucketName`) ?? doc.accessLog?.s3BucketName ?? '';
    const prefix = p.optional(`${A}.AccessLog.S3BucketPrefix`) ?? doc.accessLog?.s3BucketPrefix;
    const interval = p.optionalInt(`${A}.AccessLog.EmitInterval`) ?? doc.accessLog?.emitIntervalMinutes ?? 60;
    if (logEnabled && !bucket) throw new ApiError('InvalidConfigurationRequest', 'AccessLog.Enabled is true but no S3BucketName is given. Fix: name the bucket (this engine writes the logs under <stateDir>/access-logs/ and keeps the bucket name for AWS).', 409);
    if (!logEnabled && !bucket) {
      const { accessLog: _dropped, ...rest } = next;
      next = rest;
    } else {
      next = { ...next, accessLog: { enabled: logEnabled, s3BucketName: bucket, ...(prefix ? { s3BucketPrefix: prefix } : {}), emitIntervalMinutes: interval } };
    }
  }
  const extra = p.optionalStructs(`${A}.AdditionalAttributes`) ?? [];
  extra.forEach((fields, i) => {
    const key = fields.get('Key') ?? '';
    const value = fields.get('Value') ?? '';
    if (key !== DESYNC_KEY) {
      throw new ApiError('ValidationError', `${A}.AdditionalAttributes.member.${i + 1}.Key is '${key.slice(0, 100)}'. Rule: the one additional attribute of a Classic Load Balancer is '${DESYNC_KEY}'. Fix: use that key or remove the entry.`);
    }
    next = { ...next, desyncMitigationMode: value };
  });
  return next;
}

/** ModifyLoadBalancerAttributes and DescribeLoadBalancerAttributes. */
export const ATTRIBUTE_ACTIONS: ActionTable = {
  async ModifyLoadBalancerAttributes(ctx) {
    const name = ctx.params.required('LoadBalancerName');
    const doc = await ctx.store.edit(name, (d) => modified(d, ctx.params));
    return { LoadBalancerName: name, LoadBalancerAttributes: ElbViews.attributes(doc) };
  },

  async DescribeLoadBalancerAttributes(ctx) {
    const lb = await ctx.store.get(ctx.params.required('LoadBalancerName'));
    return { LoadBalancerAttributes: ElbViews.attributes(lb.document) };
  },
};
