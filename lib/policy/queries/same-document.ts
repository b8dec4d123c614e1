import { serializeDocument } from '../document/document-normalization';
import { LoadBalancerDocument } from '../document/load-balancer-document';

/**
 * True when two documents mean the same load balancer: their canonical texts
 * (`LoadBalancerDocuments.serialize`: normalized, keys sorted) are equal, so order and case that
 * carry no meaning never count as a difference. Two documents whose members are the same values
 * in the same order are answered without writing the texts (the common case when a plan compares
 * 1,000 unchanged load balancers).
 */
export function sameDocument(a: LoadBalancerDocument, b: LoadBalancerDocument): boolean {
  return sameMembers(a, b) || serializeDocument(a) === serializeDocument(b);
}

/** Identical plain JSON values (objects with the same members in the same order): such values write the same JSON. */
function sameMembers(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  const proto = Object.getPrototypeOf(a);
  if (proto !== Object.getPrototypeOf(b) || 'toJSON' in a) return false;
  if (Array.isArray(a)) {
    if (proto !== Array.prototype || !Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameMembers(a[i], b[i])) return false;
    return true;
  }
  if (proto !== Object.prototype && proto !== null) return false;
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  const keys = Object.keys(x);
  const others = Object.keys(y);
  if (keys.length !== others.length) return false;
  for (let i = 0; i < keys.length; i++) {
    if (keys[i] !== others[i] || !sameMembers(x[keys[i]], y[keys[i]])) return false;
  }
  return true;
}
