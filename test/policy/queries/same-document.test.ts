import { LoadBalancerDocuments } from '../../../lib/policy/document/load-balancer-documents';
import { LoadBalancerDocument } from '../../../lib/policy/document/load-balancer-document';
import { ListenerProtocol } from '../../../lib/policy/document/listener-protocol';
import { sameDocument } from '../../../lib/policy/queries/same-document';
import { walkthroughDocument } from '../fixtures/walkthrough-document';

/** A deep copy whose objects list their keys in reverse order. */
function reversedKeys<T>(value: T): T {
  if (Array.isArray(value)) return value.map(reversedKeys) as unknown as T;
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value as object).reverse().map(([k, v]) => [k, reversedKeys(v)])) as T;
}

describe('sameDocument', () => {
  test('a document is the same as itself and as a copy', () => {
    const doc = walkthroughDocument();
    expect(sameDocument(doc, doc)).toBe(true);
    expect(sameDocument(doc, JSON.parse(JSON.stringify(doc)))).toBe(true);
  });

  test('key order, listener order and protocol case carry no meaning', () => {
    const doc = walkthroughDocument();
    const shuffled: LoadBalancerDocument = reversedKeys({
      ...doc,
      listeners: [...doc.listeners].reverse().map((l) => ({ ...l, protocol: l.protocol.toLowerCase() as ListenerProtocol })),
      instances: [...doc.instances].reverse(),
    });
    expect(JSON.stringify(shuffled)).not.toBe(JSON.stringify(doc));
    expect(sameDocument(doc, shuffled)).toBe(true);
    expect(sameDocument(shuffled, doc)).toBe(true);
  });

  test('any change of meaning is a different document', () => {
    const doc = walkthroughDocument();
    const variants: LoadBalancerDocument[] = [
      { ...doc, idleTimeoutSeconds: 61 },
      { ...doc, healthCheck: { ...doc.healthCheck, intervalSeconds: 31 } },
      { ...doc, listeners: doc.listeners.slice(1) },
      { ...doc, tags: { team: 'edge' } },
      // attribute order inside a policy is meaningful
      { ...doc, policies: doc.policies.map((p, i) => (i === 0 ? { ...p, attributes: [...p.attributes].reverse() } : p)) },
    ];
    for (const v of variants) {
      expect(sameDocument(doc, v)).toBe(false);
      expect(LoadBalancerDocuments.serialize(doc)).not.toBe(LoadBalancerDocuments.serialize(v));
    }
  });

  test('it agrees with comparing canonical texts', () => {
    const doc = walkthroughDocument();
    const pairs: Array<[LoadBalancerDocument, LoadBalancerDocument]> = [
      [doc, reversedKeys(doc)], [doc, { ...doc, internal: !doc.internal }], [doc, { ...doc, subnets: [] }],
    ];
    for (const [a, b] of pairs) expect(sameDocument(a, b)).toBe(LoadBalancerDocuments.serialize(a) === LoadBalancerDocuments.serialize(b));
  });
});
