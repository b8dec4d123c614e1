import { QueryAnswer } from '../../../provider/engine/elb-api/helpers/query-client';
import { parseQueryXml, XmlValue } from './query-xml';

/**
 * What the differential test leaves out of a `Describe*` answer before comparing the engine's with
 * moto's, and why: values each side invents on its own (request ids, creation times, DNS names and
 * hosted zones, generated certificate ids and upload dates) and what only exists in an AWS account
 * with a VPC (moto places every load balancer in a default VPC with subnets and security groups;
 * the engine, like an EC2-Classic load balancer, has none). Nothing the configuration sets is left out.
 */
export const INVENTED_FIELDS = [
  'ResponseMetadata', 'RequestId', 'CreatedTime', 'DNSName', 'CanonicalHostedZoneName', 'CanonicalHostedZoneNameID',
  'VPCId', 'Subnets', 'SecurityGroups', 'SourceSecurityGroup', 'ServerCertificateId', 'UploadDate', 'Expiration',
];

/** Lists whose order means nothing: sorted by these keys before comparing. */
const SORT_KEYS: Record<string, (v: any) => string> = {
  ListenerDescriptions: (v) => String(v?.Listener?.LoadBalancerPort).padStart(5, '0'),
  BackendServerDescriptions: (v) => String(v?.InstancePort).padStart(5, '0'),
  Instances: (v) => String(v?.InstanceId),
  InstanceStates: (v) => String(v?.InstanceId),
  PolicyDescriptions: (v) => String(v?.PolicyName),
  PolicyAttributeDescriptions: (v) => String(v?.AttributeName),
  Tags: (v) => String(v?.Key),
  AdditionalAttributes: (v) => String(v?.Key),
  PolicyNames: (v) => String(v),
  OtherPolicies: (v) => String(v),
  AvailabilityZones: (v) => String(v),
  ServerCertificateMetadataList: (v) => String(v?.ServerCertificateName),
};

function walk(value: XmlValue, key: string, drop: Set<string>): unknown {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) {
    let items = value.map((v) => walk(v, '', drop));
    const sortKey = SORT_KEYS[key];
    if (sortKey) items = [...items].sort((a, b) => (sortKey(a) < sortKey(b) ? -1 : sortKey(a) > sortKey(b) ? 1 : 0));
    // One AdditionalAttribute per key (moto appends a duplicate on every ModifyLoadBalancerAttributes).
    if (key === 'AdditionalAttributes') items = items.filter((v, i) => i === 0 || SORT_KEYS[key](items[i - 1]) !== SORT_KEYS[key](v));
    // A policy attribute set to false is the same policy as one that leaves it out (AWS answers the whole table).
    if (key === 'PolicyAttributeDescriptions') items = items.filter((v: any) => v?.AttributeValue !== 'false');
    return items;
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (drop.has(k)) continue;
    // An empty element and an absent one read the same to the SDK (empty list, empty string).
    if (v === '' || (Array.isArray(v) && v.length === 0)) continue;
    out[k] = walk(v, k, drop);
  }
  return out;
}

/**
 * An answer as a plain object for comparison: the `<Action>Result` content with INVENTED_FIELDS
 * (plus `extraDrop`) removed, unordered lists sorted, empty elements removed. Throws with the XML
 * when the call did not succeed.
 */
export function normalizeAnswer(action: string, answer: QueryAnswer, extraDrop: string[] = []): unknown {
  if (answer.status !== 200) throw new Error(`${action} answered HTTP ${answer.status}:\n${answer.xml}`);
  const tree = parseQueryXml(answer.xml) as Record<string, any>;
  const result = tree[`${action}Response`]?.[`${action}Result`];
  if (result === undefined) throw new Error(`${action}: no ${action}Response/${action}Result in\n${answer.xml}`);
  return walk(result as XmlValue, `${action}Result`, new Set([...INVENTED_FIELDS, ...extraDrop]));
}
