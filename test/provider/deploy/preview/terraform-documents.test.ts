import { Construct } from 'constructs';
import {
  DesyncMitigationMode, ListenerProtocol, LoadBalancerDocument, SecureClassicLoadBalancer,
} from '../../../../lib';
import { DOCUMENT_FIELDS } from '../../../../lib/policy/document/document-fields';
import { LoadBalancerOwners } from '../../../../provider/deploy/preview/load-balancer-owners';
import { terraformSide } from '../../../../provider/deploy/preview/terraform-documents';
import { TerraformResourceChange } from '../../../../provider/deploy/preview/terraform-plan-json';
import { resources, synthJson } from '../../../constructs/helpers';

/**
 * Both directions of the AWS mapping come from the field table: a document rendered to `aws_elb`
 * by the AWS target and read back from the planned values by the preview is the document again.
 */

/** The synthesized `aws_elb` as Terraform's plan JSON shows it: blocks are lists of one. */
function asPlanned(elb: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...elb };
  for (const block of ['health_check', 'access_logs']) if (out[block] !== undefined) out[block] = [out[block]];
  return out;
}

/** The document `build` declares, and the document the preview reads back from its synthesized `aws_elb`. */
function roundTrip(build: (scope: Construct) => SecureClassicLoadBalancer): { written: LoadBalancerDocument; read: LoadBalancerDocument } {
  let written: LoadBalancerDocument | undefined;
  const json = synthJson((s) => { written = build(s).toDocument(); });
  const elb = resources(json, 'aws_elb')[0] as Record<string, unknown>;
  const change: TerraformResourceChange = { address: 'aws_elb.lb', mode: 'managed', type: 'aws_elb', change: { actions: ['create'], before: null, after: asPlanned(elb) } };
  const side = terraformSide([change], 'after', new LoadBalancerOwners({ format_version: '1.2', resource_changes: [change] }, [change]));
  return { written: written!, read: side.loadBalancers.get('aws_elb.lb')! };
}

describe('document -> aws_elb -> document', () => {
  test('every field the table maps to aws_elb comes back as it was, defaults and set values alike', () => {
    for (const props of [
      {},
      {
        internetFacing: false, crossZone: false, idleTimeout: 3700, connectionDraining: true, connectionDrainingTimeout: 30,
        accessLogs: { bucket: 'logs', prefix: 'elb', interval: 5, enabled: false }, desyncMitigationMode: DesyncMitigationMode.STRICTEST,
        tags: { team: 'edge', env: 'test' }, securityGroups: ['sg-2', 'sg-1'],
        healthCheck: { target: 'http:8080/ping', interval: 12, timeout: 4, healthyThreshold: 3, unhealthyThreshold: 6 },
      },
    ]) {
      const { written, read } = roundTrip((scope) => new SecureClassicLoadBalancer(scope, 'Lb', {
        name: 'round-trip', subnets: ['subnet-b', 'subnet-a'],
        listeners: [
          { loadBalancerPort: 80, protocol: ListenerProtocol.HTTP, instancePort: 8080 },
          { loadBalancerPort: 25, protocol: ListenerProtocol.TCP },
        ],
        ...props,
      }));
      // Policies, their bindings and instances live in other resources than aws_elb.
      const mapped = ({ policies, backendServers, instances, ...rest }: LoadBalancerDocument) => JSON.parse(JSON.stringify(rest));
      expect(mapped(read)).toEqual(mapped(written));
      expect(read.listeners.map((l) => l.protocol)).toEqual(['TCP', 'HTTP']);
    }
  });

  test('the table maps every field of the aws_elb the AWS target writes (name, listeners, health check, attributes, access logs, tags)', () => {
    const arguments_ = new Set(DOCUMENT_FIELDS.filter((f) => f.aws).map((f) => f.aws!.name.split('.')[0]));
    const json = synthJson((s) => new SecureClassicLoadBalancer(s, 'Lb', {
      availabilityZones: ['us-east-1a'], listeners: [{ loadBalancerPort: 80, protocol: ListenerProtocol.HTTP }],
      accessLogs: { bucket: 'logs' }, tags: { a: 'b' }, securityGroups: ['sg-1'],
    }));
    const written = Object.keys(resources(json, 'aws_elb')[0]).filter((k) => k !== '//' && k !== 'lifecycle' && k !== 'depends_on');
    expect(written.filter((k) => !arguments_.has(k))).toEqual([]);
  });
});
