import { canonicalDesyncMitigationMode } from '../../policy/document/canonical-spelling';
import { LoadBalancerDocument } from '../../policy/document/load-balancer-document';
import type { SecureClassicLoadBalancerProps } from '../secure-classic-load-balancer-props';
import { fieldFromProps } from './props-to-document';

/** The placement and attribute fields of the document (zones to desync mode). */
export type LoadBalancerAttributes = Pick<LoadBalancerDocument, 'availabilityZones' | 'subnets' | 'securityGroups' | 'internal'
| 'crossZoneLoadBalancing' | 'idleTimeoutSeconds' | 'connectionDraining' | 'accessLog' | 'desyncMitigationMode'>;

/**
 * Placement and attributes from the props, each from the prop the field table names, else the
 * table's default; access logs only when `accessLogs` is given.
 */
export function loadBalancerAttributes(props: SecureClassicLoadBalancerProps): LoadBalancerAttributes {
  const list = (path: string) => (fieldFromProps<string[] | undefined>(props, path) ?? []).slice();
  return {
    availabilityZones: list('availabilityZones'),
    subnets: list('subnets'),
    securityGroups: list('securityGroups'),
    internal: fieldFromProps(props, 'internal'),
    crossZoneLoadBalancing: fieldFromProps(props, 'crossZoneLoadBalancing'),
    idleTimeoutSeconds: fieldFromProps(props, 'idleTimeoutSeconds'),
    connectionDraining: {
      enabled: fieldFromProps(props, 'connectionDraining.enabled'),
      timeoutSeconds: fieldFromProps(props, 'connectionDraining.timeoutSeconds'),
    },
    accessLog: props.accessLogs ? {
      enabled: fieldFromProps(props, 'accessLog.enabled'),
      s3BucketName: fieldFromProps(props, 'accessLog.s3BucketName'),
      s3BucketPrefix: fieldFromProps(props, 'accessLog.s3BucketPrefix'),
      emitIntervalMinutes: fieldFromProps(props, 'accessLog.emitIntervalMinutes'),
    } : undefined,
    desyncMitigationMode: canonicalDesyncMitigationMode(fieldFromProps(props, 'desyncMitigationMode')),
  };
}
