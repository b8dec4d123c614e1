import { LoadBalancerWriteRequest } from '../../../lib/contract/admin-api';
import { Findings } from '../../../lib/policy/findings';
import { EngineErrors } from '../errors';

/**
 * A load-balancer write as the admin API receives it: the contract's request with the document
 * still undecoded (the model parses it).
 */
export interface LoadBalancerWrite extends Omit<LoadBalancerWriteRequest, 'document'> {
  /** The canonical document, still undecoded. */
  readonly document: unknown;
}

/** Checks the envelope `{ document, expectedRevision }`; the document itself is the model's business. */
export function parseLoadBalancerWrite(body: unknown): LoadBalancerWrite {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw EngineErrors.badRequest('the request body', Findings.quote(body), 'a write is a JSON object { "document": {...}, "expectedRevision": N | null }', 'send that object');
  }
  const b = body as Record<string, unknown>;
  if (typeof b.document !== 'object' || b.document === null || Array.isArray(b.document)) {
    throw EngineErrors.badRequest('body.document', Findings.quote(b.document), 'the whole canonical LoadBalancerDocument is sent on every write', 'send the document as a JSON object');
  }
  if (!('expectedRevision' in b) || !(b.expectedRevision === null || (Number.isInteger(b.expectedRevision) && (b.expectedRevision as number) >= 0))) {
    throw EngineErrors.badRequest('body.expectedRevision', Findings.quote(b.expectedRevision),
      'every write names the revision it was planned against: the load balancer\'s current revision, or null to create it', 'read GET /v1/load-balancers/{name} and send its revision (or null when creating)');
  }
  return { document: b.document, expectedRevision: b.expectedRevision as number | null };
}
