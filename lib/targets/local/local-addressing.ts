import { createHash } from 'crypto';
import { Token } from 'cdktf';
import { LoadBalancerDocument } from '../../policy/document/load-balancer-document';
import { InstanceMapping, ListenerPortMapping, LoadBalancerLocalMapping } from '../../contract/local-mapping';
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

/** The path and value of the first string in `value` that is an unresolved token, if any. */
function tokenPath(value: unknown, path: string): { path: string; value: string } | undefined {
  if (typeof value === 'string') return Token.isUnresolved(value) ? { path: path || 'document', value } : undefined;
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) {
      const found = tokenPath(v, `${path}[${i}]`);
      if (found) return found;
    }
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const found = tokenPath(v, path ? `${path}.${k}` : k);
      if (found) return found;
    }
  }
  return undefined;
}

const isPort = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= 65535;

/** Checks and reads a port map option into numbers. */
function portMap(option: 'listenerPorts' | 'instancePorts', map: { [port: string]: number } | undefined, label: string = option): Map<number, number> {
  const result = new Map<number, number>();
  for (const [key, value] of Object.entries(map ?? {})) {
    const from = Number(key);
    if (!/^\d+$/.test(key) || !isPort(from) || !isPort(value)) throw LocalTargetErrors.badPort(label, key, value);
    result.set(from, value);
  }
  return result;
}

/**
 * What a token instance id refers to: what it resolves to (`${aws_instance.web.id}`) and the
 * construct path, below the stack, of the resource it names (absent when it names none: a
 * variable, a function call).
 */
export type InstanceTokenResolver = (token: string) => { readonly reference: string; readonly resourcePath?: string };

/**
 * The certificate name the engine knows a listener's `sslCertificateId` by: the same name for a
 * certificate of the stack, a stand-in's name for an ARN or a token.
 */
export type ListenerCertificateMapper = (loadBalancerPort: number, sslCertificateId: string) => string;

/** A document with the local options applied, and what was mapped on the way. */
export interface LocalizedDocument {
  /** The document the engine gets. */
  readonly document: LoadBalancerDocument;
  /** How its instances and listener ports were mapped (shown by `seclb plan`). */
  readonly mapping: LoadBalancerLocalMapping;
}

/** The stand-in instance id of a token instance: `i-` and 17 hex digits of its resource path's SHA-256. */
export function standInInstanceId(resourcePath: string): string {
  return `i-${createHash('sha256').update(resourcePath).digest('hex').slice(0, 17)}`;
}

/**
 * The local options applied to canonical documents: instances to loopback addresses (tokens
 * through the construct path of the resource they reference), listener ports per load balancer
 * (allocated upward when an earlier load balancer of the stack has the port) and instance ports
 * remapped. One per stack, so one instance gets the same address on every load balancer of the
 * stack and no two load balancers of the stack get the same local port by default.
 */
export class LocalAddressing {
  private readonly listenerPorts: Map<number, number>;
  private readonly instancePorts: Map<number, number>;
  private readonly perLoadBalancer: Map<string, Map<number, number>>;
  private readonly explicit: Map<string, string>;
  private readonly assigned = new Map<string, string>();
  /** Local listener port → the load balancer of this stack that has it. */
  private readonly portOwners = new Map<number, string>();

  constructor(options: LocalTargetOptions) {
    this.listenerPorts = portMap('listenerPorts', options.listenerPorts);
    this.instancePorts = portMap('instancePorts', options.instancePorts);
    this.perLoadBalancer = new Map();
    for (const [name, ports] of Object.entries(options.loadBalancerPorts ?? {})) {
      if (typeof ports !== 'object' || ports === null || Array.isArray(ports)) throw LocalTargetErrors.badPort('loadBalancerPorts', name, ports);
      this.perLoadBalancer.set(name, portMap('listenerPorts', ports, `loadBalancerPorts['${name}']`));
    }
    this.explicit = new Map();
    for (const [id, address] of Object.entries(options.instanceAddresses ?? {})) {
      if (!isLoopbackAddress(address)) throw LocalTargetErrors.badAddress(id, address);
      this.explicit.set(id, address);
    }
  }

  /**
   * The address of an instance by its key (the literal id, or the resource path of a token): the
   * option's, or the next default (`127.0.0.11`, `.12`, ..., continuing into `127.0.1.0`).
   */
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

  /** A listener (load-balancer) port after `loadBalancerPorts` (for `loadBalancerName`) or `listenerPorts`. */
  public listenerPort(port: number, loadBalancerName?: string): number {
    return this.explicitListenerPort(port, loadBalancerName)?.port ?? port;
  }

  /** An instance port after remapping. */
  public instancePort(port: number): number {
    return this.instancePorts.get(port) ?? port;
  }

  /**
   * The document the engine gets: instances given loopback addresses (a token instance a stand-in
   * id), listener ports mapped for this load balancer, instance ports remapped with the back-end
   * policies and health-check target following; and the mapping, for the plan.
   *
   * @param doc the canonical document as the construct wrote it
   * @param resolveToken what a token (instance id, subnet, security group) references
   * @param certificate the local name of a listener's certificate
   * @throws SECLB_TARGET_LOCAL_UNRESOLVED_TOKEN for a token instance that names no resource of the stack
   */
  public localize(doc: LoadBalancerDocument, resolveToken: InstanceTokenResolver = (token) => ({ reference: token }),
    certificate: ListenerCertificateMapper = (_port, id) => id): LocalizedDocument {
    const keyed = doc.instances.map((i, n) => {
      if (!Token.isUnresolved(i.instanceId)) return { instance: i, key: i.instanceId, reference: i.instanceId, resourcePath: undefined };
      const { reference, resourcePath } = resolveToken(i.instanceId);
      if (!resourcePath) throw LocalTargetErrors.unresolvedToken(`load balancer '${doc.name}' instances[${n}]`, reference);
      return { instance: i, key: resourcePath, reference, resourcePath };
    });
    // Default addresses go out in key order (the id, or the resource path of a token), not in the
    // order of token strings, which shifts when the app creates one more token somewhere.
    for (const { key, instance } of [...keyed].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))) {
      if (instance.address === undefined) this.addressOf(key);
    }
    const instances: InstanceMapping[] = keyed.map(({ instance, key, reference, resourcePath }) => ({
      source: reference,
      ...(resourcePath === undefined ? {} : { resourcePath }),
      instanceId: resourcePath === undefined ? instance.instanceId : standInInstanceId(resourcePath),
      address: instance.address ?? this.addressOf(key),
      rule: this.explicit.has(key) ? 'instanceAddresses' : 'default pool',
    }));
    const listeners = this.mapListenerPorts(doc.name, doc.listeners.map((l) => l.loadBalancerPort));
    // Subnets and security groups mean nothing to the engine (it binds loopback); a token among
    // them gets a stable stand-in id so the document stays literal.
    const standIn = (prefix: string) => (value: string) => (Token.isUnresolved(value)
      ? `${prefix}-${createHash('sha256').update(String(resolveToken(value).reference)).digest('hex').slice(0, 17)}` : value);
    const document: LoadBalancerDocument = {
      ...doc,
      subnets: doc.subnets.map(standIn('subnet')),
      securityGroups: doc.securityGroups.map(standIn('sg')),
      listeners: doc.listeners.map((l, n) => ({
        ...l, loadBalancerPort: listeners[n].localPort, instancePort: this.instancePort(l.instancePort),
        ...(l.sslCertificateId === undefined ? {} : { sslCertificateId: certificate(l.loadBalancerPort, l.sslCertificateId) }),
      })),
      backendServers: doc.backendServers.map((b) => ({ ...b, instancePort: this.instancePort(b.instancePort) })),
      healthCheck: { ...doc.healthCheck, target: this.healthCheckTarget(doc.healthCheck.target) },
      instances: instances.map((m) => ({ instanceId: m.instanceId, address: m.address })),
    };
    const left = tokenPath(document, '');
    if (left) throw LocalTargetErrors.unresolvedToken(`load balancer '${doc.name}' ${left.path}`, String(resolveToken(left.value).reference));
    return {
      document,
      mapping: { instances, listeners },
    };
  }

  private explicitListenerPort(port: number, loadBalancerName?: string): { port: number; rule: 'loadBalancerPorts' | 'listenerPorts' } | undefined {
    const own = loadBalancerName === undefined ? undefined : this.perLoadBalancer.get(loadBalancerName)?.get(port);
    if (own !== undefined) return { port: own, rule: 'loadBalancerPorts' };
    const shared = this.listenerPorts.get(port);
    return shared === undefined ? undefined : { port: shared, rule: 'listenerPorts' };
  }

  /**
   * The local ports of one load balancer's listeners: `loadBalancerPorts`, else `listenerPorts` or
   * as written; a port an earlier load balancer of the stack has moves up to the next port that
   * neither an earlier load balancer nor this one uses.
   */
  private mapListenerPorts(loadBalancerName: string, ports: number[]): ListenerPortMapping[] {
    const mine = new Set<number>();
    const takenByOthers = (p: number) => this.portOwners.has(p) && this.portOwners.get(p) !== loadBalancerName;
    const first = ports.map((port): ListenerPortMapping | number => {
      const given = this.explicitListenerPort(port, loadBalancerName);
      // An explicit per-load-balancer port is the user's word: a clash with it is refused by the plan.
      if (given?.rule === 'loadBalancerPorts' || !takenByOthers(given?.port ?? port)) {
        const localPort = given?.port ?? port;
        mine.add(localPort);
        return { loadBalancerPort: port, localPort, rule: given?.rule ?? 'unchanged' };
      }
      return port;
    });
    const result = first.map((entry) => {
      if (typeof entry !== 'number') return entry;
      const wanted = this.listenerPort(entry, loadBalancerName);
      for (let p = wanted + 1; p <= 65535; p++) {
        if (!takenByOthers(p) && !mine.has(p)) {
          mine.add(p);
          return { loadBalancerPort: entry, localPort: p, rule: 'allocated' as const };
        }
      }
      throw LocalTargetErrors.noFreePort(loadBalancerName, entry, wanted);
    });
    for (const p of mine) this.portOwners.set(p, loadBalancerName);
    return result;
  }

  /** An attachment with its listener and back-end ports remapped the same way. */
  /** An attachment with its listener ports mapped as its load balancer's (`loadBalancerPorts`, else `listenerPorts`) and back-end ports remapped. */
  public localizeAttachment(doc: PolicyAttachmentDocument): PolicyAttachmentDocument {
    return {
      ...doc,
      listeners: doc.listeners.map((l) => ({ ...l, loadBalancerPort: this.listenerPort(l.loadBalancerPort, doc.loadBalancerName) })),
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
