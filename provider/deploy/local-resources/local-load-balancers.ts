import { LoadBalancerDocument } from '../../../lib/policy/document/load-balancer-document';
import { Finding } from '../../../lib/policy/findings';
import { UnenforceableAttribute } from '../../../lib/policy/tls/tls-server-settings';
import { DeleteOptions, EngineAdminClient, LiveLoadBalancer } from '../engine-client/engine-admin-client';
import { EngineRequestError } from '../engine-client/engine-request-error';
import { LocalResourceErrors } from './errors';

/** What a load balancer write returns. */
export interface LoadBalancerWriteResult {
  /** The engine revision of the load balancer after the write. */
  readonly revision: number;
  /** True when the load balancer did not exist before. */
  readonly created: boolean;
  /** Warnings the engine found in the document (legal, but weaker or misbehaving). */
  readonly warnings: Finding[];
  /** Per listener port, enabled TLS attributes this engine's OpenSSL cannot negotiate (not offered). */
  readonly unenforceable: Array<{ port: number; unenforceable: UnenforceableAttribute[] }>;
}

type PutAnswer = { revision: number; created: boolean; warnings?: Finding[]; unenforceable?: Array<{ port: number; unenforceable: UnenforceableAttribute[] }> };

function written(r: PutAnswer, created: boolean): LoadBalancerWriteResult {
  return { revision: r.revision, created, warnings: r.warnings ?? [], unenforceable: r.unenforceable ?? [] };
}

/**
 * Load balancers on the local engine, as whole canonical documents: read, create, update and
 * delete with the engine's revisions, for every front end (the `seclb` CLI and the Terraform
 * plugin). Terraform- and CLI-agnostic.
 */
export class LocalLoadBalancers {
  /** The live load balancer, or undefined when the engine has none of that name. */
  public static read(client: EngineAdminClient, name: string): Promise<LiveLoadBalancer | undefined> {
    return client.getLoadBalancer(name);
  }

  /**
   * Creates a load balancer that must not exist yet. An existing one of that name is an error
   * (import it instead), never overwritten.
   */
  public static async create(client: EngineAdminClient, document: LoadBalancerDocument): Promise<LoadBalancerWriteResult> {
    try {
      return written(await client.putLoadBalancer(document.name, document, null) as PutAnswer, true);
    } catch (e) {
      if (e instanceof EngineRequestError && e.isStale) throw LocalResourceErrors.loadBalancerExists(document.name);
      throw e;
    }
  }

  /**
   * Replaces the live document of an existing load balancer. `expectedRevision` is the live
   * revision the change was planned against: the engine refuses the write (409,
   * `EngineRequestError.isStale`) when somebody changed it since.
   */
  public static async update(client: EngineAdminClient, document: LoadBalancerDocument, expectedRevision: number): Promise<LoadBalancerWriteResult> {
    const r = await client.putLoadBalancer(document.name, document, expectedRevision) as PutAnswer;
    return written(r, r.created);
  }

  /**
   * Deletes a load balancer; false when it was already gone. With `expectedRevision`, refused
   * when the live revision differs.
   */
  public static async delete(client: EngineAdminClient, name: string, expectedRevision?: number, options: DeleteOptions = {}): Promise<boolean> {
    try {
      await client.deleteLoadBalancer(name, expectedRevision, options);
      return true;
    } catch (e) {
      if (e instanceof EngineRequestError && e.isNotFound) return false;
      throw e;
    }
  }

  private constructor() {}
}
