import { Elb } from '@cdktf/provider-aws/lib/elb';
import { Construct } from 'constructs';
import { LoadBalancerDocument } from '../../policy/document/load-balancer-document';

/**
 * Renders the `aws_elb` of a canonical document.
 *
 * - Listener protocols are written in lower case, as the provider stores them, so state and
 *   configuration match exactly.
 * - The health check is always complete (the document makes every default explicit), and so are
 *   cross-zone, idle timeout, draining and desync mode: they equal what AWS would pick, so there is
 *   no diff, and the configuration says what runs.
 * - `instances` is never emitted: instances are registered with one `aws_elb_attachment` each
 *   (see `instance-attachments.ts`); combining both makes them deregister each other.
 * - Empty lists (zones, subnets, security groups) and empty tags are omitted rather than sent as
 *   "none", which the provider would read as "remove all".
 */
export function renderElb(scope: Construct, doc: LoadBalancerDocument): Elb {
  const nonEmpty = (list: string[]) => (list.length ? list : undefined);
  return new Elb(scope, 'Resource', {
    name: doc.name,
    availabilityZones: nonEmpty(doc.availabilityZones),
    subnets: nonEmpty(doc.subnets),
    securityGroups: nonEmpty(doc.securityGroups),
    internal: doc.internal,
    crossZoneLoadBalancing: doc.crossZoneLoadBalancing,
    idleTimeout: doc.idleTimeoutSeconds,
    connectionDraining: doc.connectionDraining.enabled,
    connectionDrainingTimeout: doc.connectionDraining.timeoutSeconds,
    desyncMitigationMode: doc.desyncMitigationMode,
    listener: doc.listeners.map((l) => ({
      lbPort: l.loadBalancerPort,
      lbProtocol: l.protocol.toLowerCase(),
      instancePort: l.instancePort,
      instanceProtocol: l.instanceProtocol.toLowerCase(),
      sslCertificateId: l.sslCertificateId,
    })),
    healthCheck: {
      target: doc.healthCheck.target,
      interval: doc.healthCheck.intervalSeconds,
      timeout: doc.healthCheck.timeoutSeconds,
      healthyThreshold: doc.healthCheck.healthyThreshold,
      unhealthyThreshold: doc.healthCheck.unhealthyThreshold,
    },
    accessLogs: doc.accessLog ? {
      bucket: doc.accessLog.s3BucketName,
      bucketPrefix: doc.accessLog.s3BucketPrefix,
      enabled: doc.accessLog.enabled,
      interval: doc.accessLog.emitIntervalMinutes,
    } : undefined,
    tags: Object.keys(doc.tags).length ? doc.tags : undefined,
  });
}
