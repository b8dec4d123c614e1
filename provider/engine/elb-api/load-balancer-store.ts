import type { LoadBalancerDocument } from '../../../lib/policy/document/load-balancer-document';
import { ObjectOwner } from '../../../lib/policy/ownership/object-owner';
import type { Engine } from '../engine';
import { ENGINE_CODES, SeclbError } from '../errors';
import { apiErrorOf } from './engine-error-mapping';
import { ApiErrors } from './protocol/api-error';

/** The parts of the engine the ELB API writes and reads through: the same transactional core as the admin API. */
export type ElbApiEngine = Pick<Engine, 'listLoadBalancers' | 'getLoadBalancer' | 'putLoadBalancer' | 'deleteLoadBalancer'
| 'describeInstanceHealth' | 'listCertificates' | 'getCertificate' | 'putCertificate' | 'deleteCertificate'>;

/** A load balancer as read from the engine. */
export interface StoredLoadBalancer {
  readonly document: LoadBalancerDocument;
  readonly revision: number;
  readonly owner: ObjectOwner;
}

/** How many times a read-modify-write is retried when another front end wrote in between. */
const STALE_RETRIES = 3;

/**
 * Read-modify-write of engine documents on behalf of ELB API actions. Every change is one
 * `Engine.putLoadBalancer` (validated by the policy model, compiled, applied all-or-nothing) under
 * optimistic concurrency; the API keeps no state of its own. Refusals come back as AWS errors.
 */
export class LoadBalancerStore {
  constructor(private readonly engine: ElbApiEngine, private readonly owner: ObjectOwner) {}

  /** Names of every load balancer the engine holds (whoever created it). */
  public names(): string[] {
    const list = this.engine.listLoadBalancers() as { loadBalancers: Array<{ name: string }> };
    return list.loadBalancers.map((l) => l.name);
  }

  /** One load balancer, or undefined. */
  public async find(name: string): Promise<StoredLoadBalancer | undefined> {
    try {
      const view = await this.engine.getLoadBalancer(name);
      return { document: view.document, revision: view.revision, owner: view.owner };
    } catch (e) {
      if (e instanceof SeclbError && e.code === ENGINE_CODES.NOT_FOUND) return undefined;
      throw apiErrorOf(e);
    }
  }

  /** One load balancer; `LoadBalancerNotFound` when absent. */
  public async get(name: string): Promise<StoredLoadBalancer> {
    const lb = await this.find(name);
    if (!lb) throw ApiErrors.loadBalancerNotFound(name);
    return lb;
  }

  /** Creates a load balancer (recording the API's owner). */
  public async create(document: LoadBalancerDocument): Promise<void> {
    try {
      await this.engine.putLoadBalancer(document.name, { document, expectedRevision: null }, { requester: this.owner, force: false });
    } catch (e) {
      throw apiErrorOf(e);
    }
  }

  /**
   * Applies `change` to the live document and writes the result; retried from a fresh read when
   * another front end wrote in between. `change` throws an `ApiError` to refuse (nothing changes).
   * Returns the document written.
   */
  public async edit(name: string, change: (doc: LoadBalancerDocument) => LoadBalancerDocument): Promise<LoadBalancerDocument> {
    for (let attempt = 0; ; attempt++) {
      const lb = await this.get(name);
      const next = change(lb.document);
      if (JSON.stringify(next) === JSON.stringify(lb.document)) return lb.document;
      try {
        await this.engine.putLoadBalancer(name, { document: next, expectedRevision: lb.revision }, { requester: this.owner, force: false });
        return next;
      } catch (e) {
        if (e instanceof SeclbError && e.code === ENGINE_CODES.STALE_REVISION && attempt < STALE_RETRIES) continue;
        throw apiErrorOf(e);
      }
    }
  }

  /** Deletes a load balancer; refused (`OperationNotPermitted`) when another front end owns it. */
  public async delete(name: string): Promise<void> {
    try {
      await this.engine.deleteLoadBalancer(name, undefined, { requester: this.owner, force: false });
    } catch (e) {
      throw apiErrorOf(e);
    }
  }

  /** The engine underneath (for health and certificates). */
  public get core(): ElbApiEngine {
    return this.engine;
  }

  /** The owner recorded for what the API creates. */
  public get apiOwner(): ObjectOwner {
    return this.owner;
  }
}
