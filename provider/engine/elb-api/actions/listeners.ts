import type { ListenerDocument } from '../../../../lib/policy/document/load-balancer-document';
import { PortMap } from '../port-map';
import { ApiError, ApiErrors } from '../protocol/api-error';
import { ActionTable } from './action';
import { certificateName, readListeners } from './listener-params';

function sameListener(a: ListenerDocument, b: ListenerDocument): boolean {
  return a.protocol === b.protocol && a.instancePort === b.instancePort && a.instanceProtocol === b.instanceProtocol && a.sslCertificateId === b.sslCertificateId;
}

/** The `ListenerNotFound` answer. */
export function listenerNotFound(name: string, localPort: number, ports: PortMap): ApiError {
  return new ApiError('ListenerNotFound', `Load balancer '${name}' has no listener with LoadBalancerPort ${ports.listenerAws(localPort)}. Fix: create the listener first (CreateLoadBalancerListeners), or name a port it listens on.`);
}

/** CreateLoadBalancerListeners, DeleteLoadBalancerListeners, SetLoadBalancerListenerSSLCertificate. */
export const LISTENER_ACTIONS: ActionTable = {
  async CreateLoadBalancerListeners(ctx) {
    const name = ctx.params.required('LoadBalancerName');
    const given = readListeners(ctx.params, ctx.ports);
    if (given.length === 0) throw ApiErrors.validation('Listeners cannot be empty.');
    await ctx.store.edit(name, (doc) => {
      const listeners = [...doc.listeners];
      for (const l of given) {
        const existing = listeners.find((x) => x.loadBalancerPort === l.loadBalancerPort);
        if (existing && sameListener(existing, l)) continue; // ELB accepts an identical re-create
        if (existing) {
          throw new ApiError('DuplicateListener', `A listener already exists for ${name} with LoadBalancerPort ${ctx.ports.listenerAws(l.loadBalancerPort)}, but with a different InstancePort, Protocol, or SSLCertificateId. Fix: delete that listener first (DeleteLoadBalancerListeners), or choose another port.`);
        }
        listeners.push(l);
      }
      return { ...doc, listeners: listeners.sort((a, b) => a.loadBalancerPort - b.loadBalancerPort) };
    });
    return {};
  },

  async DeleteLoadBalancerListeners(ctx) {
    const name = ctx.params.required('LoadBalancerName');
    const ports = ctx.params.requiredList('LoadBalancerPorts').map((v, i) => {
      if (!/^\d{1,5}$/.test(v)) throw ApiErrors.badType(`LoadBalancerPorts.member.${i + 1}`, v, 'an integer from 1 to 65535');
      return ctx.ports.listenerLocal(+v);
    });
    // The listener's policy bindings go with it; ports without a listener are ignored, as ELB does.
    await ctx.store.edit(name, (doc) => ({ ...doc, listeners: doc.listeners.filter((l) => !ports.includes(l.loadBalancerPort)) }));
    return {};
  },

  async SetLoadBalancerListenerSSLCertificate(ctx) {
    const name = ctx.params.required('LoadBalancerName');
    const port = ctx.ports.listenerLocal(ctx.params.requiredInt('LoadBalancerPort', 1, 65535));
    const cert = certificateName(ctx.params.required('SSLCertificateId'));
    await ctx.store.edit(name, (doc) => {
      if (!doc.listeners.some((l) => l.loadBalancerPort === port)) throw listenerNotFound(name, port, ctx.ports);
      return { ...doc, listeners: doc.listeners.map((l) => (l.loadBalancerPort === port ? { ...l, sslCertificateId: cert } : l)) };
    });
    return {};
  },
};
