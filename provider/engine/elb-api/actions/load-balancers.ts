import type { LoadBalancerDocument } from '../../../../lib/policy/document/load-balancer-document';
import { LoadBalancerDocuments } from '../../../../lib/policy/document/load-balancer-documents';
import { checkPlacementGiven } from '../../../../lib/policy/rules/placement';
import { findingsError } from '../engine-error-mapping';
import { AwsNames } from '../aws-names';
import { ApiError, ApiErrors } from '../protocol/api-error';
import { list } from '../protocol/xml';
import { ElbViews } from '../views';
import { ActionContext, ActionTable } from './action';
import { readListeners } from './listener-params';
import { readTags } from './tags';

/**
 * ELB's API defaults for a load balancer created by `CreateLoadBalancer` (elb-facts §4.4, §4.5):
 * health check `TCP:<first instance port>` every 30 s, timeout 5, thresholds 10/2; idle timeout 60;
 * cross-zone off; draining off (300 s); desync `defensive`.
 */
function newDocument(name: string, ctx: ActionContext): LoadBalancerDocument {
  const p = ctx.params;
  const listeners = readListeners(p, ctx.ports);
  if (listeners.length === 0) throw ApiErrors.validation('Listeners cannot be empty: a load balancer needs at least one listener.');
  const scheme = p.optional('Scheme') ?? 'internet-facing';
  if (scheme !== 'internet-facing' && scheme !== 'internal') {
    throw new ApiError('InvalidScheme', `Scheme is '${scheme.slice(0, 64)}'; it is 'internet-facing' or 'internal'.`);
  }
  const availabilityZones = p.optionalList('AvailabilityZones') ?? [];
  const subnets = p.optionalList('Subnets') ?? [];
  requirePlacement(availabilityZones, subnets);
  return {
    schemaVersion: LoadBalancerDocuments.SCHEMA_VERSION,
    name,
    availabilityZones,
    subnets,
    securityGroups: p.optionalList('SecurityGroups') ?? [],
    internal: scheme === 'internal',
    crossZoneLoadBalancing: false,
    idleTimeoutSeconds: 60,
    connectionDraining: { enabled: false, timeoutSeconds: 300 },
    desyncMitigationMode: 'defensive',
    listeners,
    policies: [],
    backendServers: [],
    healthCheck: { target: `TCP:${listeners[0].instancePort}`, intervalSeconds: 30, timeoutSeconds: 5, healthyThreshold: 10, unhealthyThreshold: 2 },
    instances: [],
    tags: readTags(p, 'Tags') ?? {},
  };
}

/** ELB places a load balancer in zones or subnets: leaving it with neither is refused (the model's AWS rule). */
function requirePlacement(zones: string[], subnets: string[]): void {
  const missing = checkPlacementGiven('AvailabilityZones', zones, 'Subnets', subnets);
  if (missing.length) throw findingsError(missing);
}

/** Replaces one string-list field of the document with `next` (or refuses an empty placement). */
function placement(ctx: ActionContext, field: 'availabilityZones' | 'subnets', change: (current: string[], given: string[]) => string[], param: string) {
  return async () => {
    const name = ctx.params.required('LoadBalancerName');
    const given = ctx.params.requiredList(param);
    const doc = await ctx.store.edit(name, (d) => {
      const next = { ...d, [field]: [...new Set(change(d[field], given))].sort() };
      requirePlacement(next.availabilityZones, next.subnets);
      return next;
    });
    return { [param]: list(doc[field]) };
  };
}

/** CreateLoadBalancer, DeleteLoadBalancer, DescribeLoadBalancers and the placement actions. */
export const LOAD_BALANCER_ACTIONS: ActionTable = {
  async CreateLoadBalancer(ctx) {
    const name = ctx.params.required('LoadBalancerName');
    const doc = newDocument(name, ctx);
    if (await ctx.store.find(name)) {
      throw new ApiError('DuplicateLoadBalancerName', `Load Balancer named '${name}' already exists. Rule: load balancer names are unique in the engine (as in an AWS account and region). Fix: choose another name, or delete the existing one first.`);
    }
    await ctx.store.create(doc);
    return { DNSName: AwsNames.dnsName(name) };
  },

  async DeleteLoadBalancer(ctx) {
    const name = ctx.params.required('LoadBalancerName');
    // ELB: deleting a load balancer that does not exist succeeds.
    if (await ctx.store.find(name)) await ctx.store.delete(name);
    return {};
  },

  async DescribeLoadBalancers(ctx) {
    const names = ctx.params.optionalList('LoadBalancerNames');
    ctx.params.optionalInt('PageSize', 1, 400);
    const wanted = names && names.length ? names : ctx.store.names();
    const docs = [];
    for (const n of wanted) {
      const lb = names && names.length ? await ctx.store.get(n) : await ctx.store.find(n);
      if (lb) docs.push(ElbViews.loadBalancer(lb.document, ctx.ports));
    }
    return { LoadBalancerDescriptions: list(docs) };
  },

  EnableAvailabilityZonesForLoadBalancer: (ctx) => placement(ctx, 'availabilityZones', (cur, given) => [...cur, ...given], 'AvailabilityZones')(),
  DisableAvailabilityZonesForLoadBalancer: (ctx) => placement(ctx, 'availabilityZones', (cur, given) => cur.filter((z) => !given.includes(z)), 'AvailabilityZones')(),
  AttachLoadBalancerToSubnets: (ctx) => placement(ctx, 'subnets', (cur, given) => [...cur, ...given], 'Subnets')(),
  DetachLoadBalancerFromSubnets: (ctx) => placement(ctx, 'subnets', (cur, given) => cur.filter((s) => !given.includes(s)), 'Subnets')(),

  async ApplySecurityGroupsToLoadBalancer(ctx) {
    const name = ctx.params.required('LoadBalancerName');
    const groups = ctx.params.requiredList('SecurityGroups');
    const doc = await ctx.store.edit(name, (d) => ({ ...d, securityGroups: [...new Set(groups)].sort() }));
    return { SecurityGroups: list(doc.securityGroups) };
  },
};
