import { Token } from 'cdktf';
import { LoadBalancerDocument } from '../../policy/document/load-balancer-document';
import { LocalTargetOptions } from '../local-target-options';
import { PolicyAttachmentDocument } from '../policy-attachment-document';
import { LocalTargetErrors } from './local-target-errors';

const LOOPBACK_V4 = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/** True for an IPv4 address in 127.0.0.0/8 or `::1`. */
export function isLoopbackAddress(value: unknown): boolean {
  if (value === '::1') return true;
  if (typeof value !== 'string') return false;
  const m = LOOPBACK_V4.exec(value);
  return !!m && m.slice(1).every((o) => Number(o) <= 255);
}

const isPort = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= 65535;

/** Checks and reads a port map option into numbers. */
function portMap(option: 'listenerPorts' | 'instancePorts', map: { [port: string]: number } | undefined): Map<number, number> {
  const result = new Map<number, number>();
  for (const [key, value] of Object.entries(map ?? {})) {
    const from = Number(key);
    if (!/^\d+$/.test(key) || !isPort(from) || !isPort(value)) throw LocalTargetErrors.badPort(option, key, value);
    result.set(from, value);
  }
  return result;
}

/**
 * The local options applied to canonical documents: instance ids to loopback addresses, listener
 * and instance ports remapped. One per stack, so one instance id gets the same address on every
 * load balancer of the stack.
 */
export class LocalAddressing {
  private readonly listenerPorts: Map<number, number>;
  private readonly instancePorts: Map<number, number>;
  private readonly explicit: Map<string, string>;
  private readonly assigned = new Map<string, string>();

  constructor(options: LocalTargetOptions) {
    this.listenerPorts = portMap('listenerPorts', options.listenerPorts);
    this.instancePorts = portMap('instancePorts', options.instancePorts);
    this.explicit = new Map();
    for (const [id, address] of Object.entries(options.instanceAddresses ?? {})) {
      if (!isLoopbackAddress(address)) throw LocalTargetErrors.badAddress(id, address);
      this.explicit.set(id, address);
    }
  }

  /** The address of an instance: the option's, or the next default (`127.0.0.11`, `.12`, ..., continuing into `127.0.1.0`). */
  public addressOf(instanceId: string): string {
    const given = this.explicit.get(instanceId) ?? this.assigned.get(instanceId);
    if (given) return given;
    // 127.0.0.11, .12, ... 127.0.0.255, then 127.0.1.0 and on: the whole of 127.0.0.0/8 is loopback.
    const k = 10 + this.assigned.size + 1;
    if (k > 0xfffffe) throw LocalTargetErrors.tooManyInstances(instanceId);
    const address = `127.${(k >> 16) & 255}.${(k >> 8) & 255}.${k & 255}`;
    this.assigned.set(instanceId, address);
    return address;
  }

  /** A listener (load-balancer) port after remapping. */
  public listenerPort(port: number): number {
    return this.listenerPorts.get(port) ?? port;
  }

  /** An instance port after remapping. */
  public instancePort(port: number): number {
    return this.instancePorts.get(port) ?? port;
  }

  /** The document the engine gets: addresses filled in, ports remapped, health-check target following. */
  public localize(doc: LoadBalancerDocument): LoadBalancerDocument {
    return {
      ...doc,
      listeners: doc.listeners.map((l) => ({
        ...l, loadBalancerPort: this.listenerPort(l.loadBalancerPort), instancePort: this.instancePort(l.instancePort),
      })),
      backendServers: doc.backendServers.map((b) => ({ ...b, instancePort: this.instancePort(b.instancePort) })),
      healthCheck: { ...doc.healthCheck, target: this.healthCheckTarget(doc.healthCheck.target) },
      instances: doc.instances.map((i) => {
        if (Token.isUnresolved(i.instanceId)) throw LocalTargetErrors.unresolvedToken(`load balancer '${doc.name}' instances`);
        return { ...i, address: i.address ?? this.addressOf(i.instanceId) };
      }),
    };
  }

  /** An attachment with its listener and back-end ports remapped the same way. */
  public localizeAttachment(doc: PolicyAttachmentDocument): PolicyAttachmentDocument {
    return {
      ...doc,
      listeners: doc.listeners.map((l) => ({ ...l, loadBalancerPort: this.listenerPort(l.loadBalancerPort) })),
      backendServers: doc.backendServers.map((b) => ({ ...b, instancePort: this.instancePort(b.instancePort) })),
    };
  }

  /** `HTTP:8080/ping` with the instance port remapped (`TCP:443` → `TCP:9443`). */
  public healthCheckTarget(target: string): string {
    const m = /^([A-Za-z]+):(\d+)(.*)$/.exec(target);
    if (!m) return target;
    return `${m[1]}:${this.instancePort(Number(m[2]))}${m[3]}`;
  }
}
