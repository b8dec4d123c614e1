import { LoadBalancerDocument } from '../../../lib/policy/document/load-balancer-document';
import { ObjectOwner } from '../../../lib/policy/ownership/object-owner';
import { NotEnforced } from '../model/compiled-load-balancer';

/** A load balancer as the admin API returns it. */
export interface LoadBalancerView {
  readonly name: string;
  readonly revision: number;
  readonly engineRevision: number;
  /** The model's content hash of the document (`LoadBalancerDocuments.revision`). */
  readonly contentRevision: string;
  /** Who created it (`{ tool: 'unknown', stack: '' }` when not on record). */
  readonly owner: ObjectOwner;
  readonly document: LoadBalancerDocument;
  readonly listeners: unknown[];
  readonly counters: Record<string, number>;
  /** Parts of the document the engine accepts but does not enforce. */
  readonly notEnforced: readonly NotEnforced[];
}
