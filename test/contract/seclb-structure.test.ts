import { DOCUMENT_SHAPE } from '../../lib/policy/document/document-shape';
import { LoadBalancerDocuments } from '../../lib/policy/document/load-balancer-documents';
import { ATTACHMENT_SHAPE } from '../../lib/policy/document/policy-attachment-shape';
import { SeclbStructure } from '../../lib/contract/seclb-structure';
import { walkthroughDocument } from '../policy/fixtures/walkthrough-document';

// The structured (nested-attribute) form of the policy model's documents: names, round trip and
// the attribute path of a finding.

test('attribute names are the document fields in snake_case', () => {
  expect(['timeoutSeconds', 's3BucketName', 'sslCertificateId', 'crossZoneLoadBalancing', 'name'].map(SeclbStructure.attributeName))
    .toEqual(['timeout_seconds', 's3_bucket_name', 'ssl_certificate_id', 'cross_zone_load_balancing', 'name']);
});

test('a document survives the round trip, absent optional fields stay absent, tag keys are kept as written', () => {
  const doc = { ...walkthroughDocument(), tags: { costCenter: 'x' } };
  const structured = SeclbStructure.toTerraform(DOCUMENT_SHAPE, doc) as any;
  expect(structured.tags).toEqual({ costCenter: 'x' });
  expect('access_log' in structured).toBe(false);
  expect(structured.listeners[0]).toHaveProperty('load_balancer_port');
  // No camelCase attribute name anywhere but inside the tags map.
  const names: string[] = [];
  const walk = (v: any): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) { names.push(k); walk(x); }
  };
  walk({ ...structured, tags: {} });
  expect(names.filter((n) => /[A-Z]/.test(n))).toEqual([]);
  expect(SeclbStructure.fromTerraform(DOCUMENT_SHAPE, structured)).toEqual(doc);
  // Nulls (as Terraform sends absent optional attributes) are dropped on the way back.
  const withNulls = { ...structured, access_log: null, listeners: structured.listeners.map((l: any) => ({ ssl_certificate_id: null, ...l })) };
  expect(LoadBalancerDocuments.serialize(SeclbStructure.fromTerraform(DOCUMENT_SHAPE, withNulls) as any)).toBe(LoadBalancerDocuments.serialize(doc));
});

test('a policy-model path becomes the nested attribute path; unknown parts end it early', () => {
  expect(SeclbStructure.steps(DOCUMENT_SHAPE, 'healthCheck.timeoutSeconds')).toEqual([{ attribute_name: 'health_check' }, { attribute_name: 'timeout_seconds' }]);
  expect(SeclbStructure.steps(DOCUMENT_SHAPE, 'policies[2].attributes[0].value'))
    .toEqual([{ attribute_name: 'policies' }, { element_key_int: 2 }, { attribute_name: 'attributes' }, { element_key_int: 0 }, { attribute_name: 'value' }]);
  expect(SeclbStructure.steps(DOCUMENT_SHAPE, 'tags["a.b"]')).toEqual([{ attribute_name: 'tags' }, { element_key_string: 'a.b' }]);
  expect(SeclbStructure.steps(DOCUMENT_SHAPE, 'healthCheck.nope.x')).toEqual([{ attribute_name: 'health_check' }]);
  expect(SeclbStructure.steps(DOCUMENT_SHAPE, '')).toEqual([]);
  expect(SeclbStructure.steps(ATTACHMENT_SHAPE, 'listeners[0].loadBalancerPort')).toEqual([{ attribute_name: 'listeners' }, { element_key_int: 0 }, { attribute_name: 'load_balancer_port' }]);
});
