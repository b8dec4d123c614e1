import { LoadBalancerDocuments } from '../../../lib/policy/document/load-balancer-documents';
import { checkPlacementExclusive, checkPlacementGiven } from '../../../lib/policy/rules/placement';
import { walkthroughDocument } from '../fixtures/walkthrough-document';
import { expectOnly } from './expect-finding';

describe('checkPlacementExclusive', () => {
  test('accepts zones only, subnets only, and neither (the document does not require placement)', () => {
    expect(checkPlacementExclusive('availabilityZones', ['us-east-1a'], 'subnets', [])).toEqual([]);
    expect(checkPlacementExclusive('availabilityZones', [], 'subnets', ['subnet-1'])).toEqual([]);
    expect(checkPlacementExclusive('availabilityZones', [], 'subnets', [])).toEqual([]);
  });

  test('rejects both', () => {
    const f = expectOnly(checkPlacementExclusive('availabilityZones', ['us-east-1a'], 'subnets', ['subnet-1', 'subnet-2']), 'SECLB_PLACEMENT_ZONES_AND_SUBNETS',
      /^availabilityZones \(1\) and subnets \(2\) are both given\.$/);
    expect(f.rule).toMatch(/exactly one of AvailabilityZones and Subnets \(both: ValidationError "Only one of SubnetIds or AvailabilityZones may be specified"\)/);
    expect(f.fix).toMatch(/^in a VPC keep subnets .* and remove availabilityZones; outside a VPC keep availabilityZones only\.$/);
  });

  test('a document with both is refused by the codec (engine admin API, deploy core)', () => {
    const doc = { ...walkthroughDocument(), subnets: ['subnet-1'] };
    const parsed = LoadBalancerDocuments.parse(JSON.stringify(doc));
    expect(parsed.document).toBeUndefined();
    expect(parsed.findings.map((f) => f.code)).toEqual(['SECLB_PLACEMENT_ZONES_AND_SUBNETS']);
  });
});

describe('checkPlacementGiven', () => {
  test('accepts zones or subnets', () => {
    expect(checkPlacementGiven('availabilityZones', ['us-east-1a'], 'subnets', [])).toEqual([]);
    expect(checkPlacementGiven('availabilityZones', [], 'subnets', ['subnet-1'])).toEqual([]);
  });

  test('rejects neither', () => {
    const f = expectOnly(checkPlacementGiven('availabilityZones', [], 'subnets', []), 'SECLB_PLACEMENT_MISSING',
      /^availabilityZones and subnets are both empty\.$/);
    expect(f.fix).toMatch(/^set subnets to the VPC subnets to serve from \(one per zone\)/);
  });
});
