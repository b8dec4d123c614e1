import { canonicalDesyncMitigationMode, canonicalHealthCheckTarget, canonicalProtocol, canonicalSpelling } from '../../../lib/policy/document/canonical-spelling';
import { LoadBalancerDocuments } from '../../../lib/policy/document/load-balancer-documents';
import { walkthroughDocument } from '../fixtures/walkthrough-document';

describe('canonical spelling of enum-like values', () => {
  test('protocols in any case become the canonical upper case', () => {
    expect(['https', 'Https', 'HTTPS', 'ssl', 'tcp', 'http'].map(canonicalProtocol)).toEqual(['HTTPS', 'HTTPS', 'HTTPS', 'SSL', 'TCP', 'HTTP']);
  });

  test('a value that is no spelling of an allowed one is returned as written (errors quote it so)', () => {
    expect(canonicalProtocol('htp')).toBe('htp');
    expect(canonicalSpelling(42, ['A'])).toBe(42);
  });

  test('health-check targets get a canonical protocol and keep their path; desync modes are lower case', () => {
    expect(canonicalHealthCheckTarget('https:8443/Health')).toBe('HTTPS:8443/Health');
    expect(canonicalHealthCheckTarget('ftp:21')).toBe('ftp:21');
    expect(canonicalDesyncMitigationMode('STRICTEST')).toBe('strictest');
  });

  test('a parsed document with lower-case protocols normalizes to the canonical spelling', () => {
    const doc = walkthroughDocument();
    const lower = { ...doc, listeners: doc.listeners.map((l) => ({ ...l, protocol: l.protocol.toLowerCase(), instanceProtocol: l.instanceProtocol.toLowerCase() })),
      healthCheck: { ...doc.healthCheck, target: doc.healthCheck.target.toLowerCase() } };
    const parsed = LoadBalancerDocuments.parse(JSON.stringify(lower));
    expect(parsed.findings).toEqual([]);
    expect(LoadBalancerDocuments.serialize(parsed.document!)).toBe(LoadBalancerDocuments.serialize(doc));
  });
});
