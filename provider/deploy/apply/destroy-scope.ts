import { ObjectOwner, ObjectOwners } from '../../../lib/policy/ownership/object-owner';
import { DeploymentState } from '../diff/deployment-state';
import { ApplyErrors } from './errors';
import { LiveState } from './live-state';

/** An object a destroy leaves on the engine, and why. */
export interface LeftObject {
  readonly kind: 'load-balancer' | 'server-certificate';
  readonly name: string;
  /** Its recorded owner (tool `unknown` when not on record). */
  readonly owner: ObjectOwner;
  /** The `SECLB_DEPLOY_APPLY_OWNED_ELSEWHERE` message: owner, rule and fix. */
  readonly reason: string;
}

/** What a destroy may delete, and what it leaves. */
export interface DestroyScope {
  /** The live state restricted to what the destroy deletes (plan it against an empty desired state). */
  readonly state: DeploymentState;
  /** Declared objects left because another owner (or one not on record) holds them, by kind then name. */
  readonly left: LeftObject[];
}

/** What a destroy is asked to remove. */
export interface DestroyRequest {
  /** The names of the load balancers the stack declares. */
  readonly loadBalancers: ReadonlySet<string>;
  /** The names of the server certificates the stack declares. */
  readonly serverCertificates: ReadonlySet<string>;
  /** The tool and stack the destroy runs for. */
  readonly owner: ObjectOwner;
  /** Delete declared objects whatever their owner (`--force-owner`). Default false. */
  readonly forceOwner?: boolean;
}

/**
 * The part of live state a destroy deletes: what the stack declares AND its own tool and stack
 * created (or everything declared, with `forceOwner`). Everything else declared is left, each with
 * the reason, so the plan shows what stays and why.
 */
export function destroyScope(live: LiveState, request: DestroyRequest): DestroyScope {
  const left: LeftObject[] = [];
  const requester = ObjectOwners.describe(request.owner);
  const keep = (kind: LeftObject['kind'], name: string, owners: ReadonlyMap<string, ObjectOwner>): boolean => {
    const owner = owners.get(name) ?? ObjectOwners.unknown();
    if (request.forceOwner || ObjectOwners.same(owner, request.owner)) return true;
    left.push({ kind, name, owner, reason: ApplyErrors.ownedElsewhere(kind.replace('-', ' '), name, ObjectOwners.describe(owner), requester).message });
    return false;
  };
  const loadBalancers = live.state.loadBalancers.filter((d) => request.loadBalancers.has(d.name) && keep('load-balancer', d.name, live.owners.loadBalancers));
  const serverCertificates = (live.state.serverCertificates ?? []).filter((c) => request.serverCertificates.has(c.name) && keep('server-certificate', c.name, live.owners.serverCertificates));
  const names = new Set(loadBalancers.map((d) => d.name));
  return {
    state: {
      loadBalancers,
      serverCertificates,
      revisions: Object.fromEntries(Object.entries(live.state.revisions ?? {}).filter(([n]) => names.has(n))),
    },
    left,
  };
}
