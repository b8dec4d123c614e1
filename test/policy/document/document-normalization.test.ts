import { normalizeDocument, serializeDocument } from '../../../lib/policy/document/document-normalization';
import { LoadBalancerDocument } from '../../../lib/policy/document/load-balancer-document';
import { walkthroughDocument } from '../fixtures/walkthrough-document';

/** The serializer as it was first written: every object copied with its keys sorted. */
function sortedCopy(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedCopy);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value as object).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))) {
    const v = (value as Record<string, unknown>)[key];
    if (v !== undefined) out[key] = sortedCopy(v);
  }
  return out;
}

const reference = (doc: LoadBalancerDocument) => `${JSON.stringify(sortedCopy(normalizeDocument(doc)), null, 2)}\n`;

/** Documents with every kind of part the serializer may reuse or must copy. */
function oddDocuments(): Array<[string, LoadBalancerDocument]> {
  const doc = walkthroughDocument();
  const odd = (change: Record<string, unknown>) => ({ ...doc, ...change } as unknown as LoadBalancerDocument);
  return [
    ['the walk-through document', doc],
    ['tags out of order', odd({ tags: { zeta: '1', Alpha: 'A', alpha: 'a' } })],
    ['an access log with and without a prefix', odd({ accessLog: { enabled: true, s3BucketName: 'logs', s3BucketPrefix: 'p', emitIntervalMinutes: 5 } })],
    ['an access log whose prefix is undefined', odd({ accessLog: { enabled: true, s3BucketName: 'logs', s3BucketPrefix: undefined, emitIntervalMinutes: 5 } })],
    ['attribute values that are objects with keys out of order, a Date and a boxed string', odd({
      policies: [{ policyName: 'p', policyTypeName: 'ProxyProtocolPolicyType', attributes: [
        { name: 'b', value: { z: 1, a: [{ y: 2, b: undefined }], m: undefined } },
        { name: 'c', value: new Date(0) },
        { name: 'd', value: new String('boxed') },
        { name: 'e', value: null },
      ] }],
    })],
    ['tag values that are arrays with holes and undefined members', odd({ tags: { a: [1, , undefined, { b: 2, a: 1 }] } })],
    ['a tag value with its own toJSON and a class instance', odd({ tags: { a: { toJSON: () => 'custom' }, b: new (class Thing { public y = 1; public x = 2; })() } })],
    ['a null-prototype tag value', odd({ tags: { a: Object.assign(Object.create(null), { b: 1, a: 2 }) } })],
    ['zones, subnets and groups that are not strings', odd({ availabilityZones: [{ b: 1, a: 2 }, 'z', 'a'], subnets: [undefined, 'x'], securityGroups: [] })],
    ['an empty document shape', odd({ listeners: [], policies: [], backendServers: [], instances: [], tags: {} })],
  ];
}

describe('serializeDocument', () => {
  test.each(oddDocuments())('writes exactly the text of the sorted copy: %s', (_name, doc) => {
    expect(serializeDocument(doc)).toBe(reference(doc));
  });

  test('numeric tag keys sort as text, like every other key (JavaScript objects list them first)', () => {
    const doc = { ...walkthroughDocument(), tags: { zeta: '1', 10: 'ten', 9: 'nine', Alpha: 'A', alpha: 'a' } } as LoadBalancerDocument;
    const text = serializeDocument(doc);
    const keys = [...text.slice(text.indexOf('"tags"')).matchAll(/^ {4}"([^"]+)":/gm)].map((m) => m[1]);
    expect(keys).toEqual(['10', '9', 'Alpha', 'alpha', 'zeta']);
    expect(JSON.parse(text)).toEqual(JSON.parse(reference(doc)));
  });

  test('leaves the document it is given as it was', () => {
    const doc = walkthroughDocument();
    const before = JSON.stringify(doc);
    serializeDocument(doc);
    expect(JSON.stringify(doc)).toBe(before);
  });
});
