import { ActionTable } from './action';
import { listenerNotFound } from './listeners';
import { policyNotFound } from './policies';

/**
 * SetLoadBalancerPoliciesOfListener and SetLoadBalancerPoliciesForBackendServer: each replaces the
 * whole list for its port (an empty list detaches all). Which policy kinds a port may carry is the
 * policy model's rule (refused as `InvalidConfigurationRequest`).
 */
export const POLICY_BINDING_ACTIONS: ActionTable = {
  async SetLoadBalancerPoliciesOfListener(ctx) {
    const name = ctx.params.required('LoadBalancerName');
    const port = ctx.ports.listenerLocal(ctx.params.requiredInt('LoadBalancerPort', 1, 65535));
    const names = ctx.params.requiredList('PolicyNames');
    await ctx.store.edit(name, (doc) => {
      if (!doc.listeners.some((l) => l.loadBalancerPort === port)) throw listenerNotFound(name, port, ctx.ports);
      const missing = names.filter((n) => !doc.policies.some((p) => p.policyName === n));
      if (missing.length) throw policyNotFound(missing, name);
      return { ...doc, listeners: doc.listeners.map((l) => (l.loadBalancerPort === port ? { ...l, policyNames: [...names] } : l)) };
    });
    return {};
  },

  async SetLoadBalancerPoliciesForBackendServer(ctx) {
    const name = ctx.params.required('LoadBalancerName');
    const port = ctx.ports.instanceLocal(ctx.params.requiredInt('InstancePort', 1, 65535));
    const names = ctx.params.requiredList('PolicyNames');
    await ctx.store.edit(name, (doc) => {
      const missing = names.filter((n) => !doc.policies.some((p) => p.policyName === n));
      if (missing.length) throw policyNotFound(missing, name);
      const others = doc.backendServers.filter((b) => b.instancePort !== port);
      const backendServers = names.length ? [...others, { instancePort: port, policyNames: [...names] }] : others;
      return { ...doc, backendServers: backendServers.sort((a, b) => a.instancePort - b.instancePort) };
    });
    return {};
  },
};
