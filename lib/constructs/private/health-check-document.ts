import { canonicalHealthCheckTarget } from '../../policy/document/canonical-spelling';
import { HealthCheckDocument } from '../../policy/document/load-balancer-document';
import type { SecureClassicLoadBalancerProps } from '../secure-classic-load-balancer-props';
import { fieldFromProps } from './props-to-document';

/**
 * The health check part of the document: the target as written (canonical spelling), else ELB's
 * default `TCP:<first instance port>`; each number from its prop, else the field table's default.
 *
 * @param firstInstancePort the instance port of the first listener (80 when there is none)
 */
export function healthCheckDocument(props: SecureClassicLoadBalancerProps, firstInstancePort: number): HealthCheckDocument {
  const target = props.healthCheck?.target;
  return {
    target: target !== undefined ? canonicalHealthCheckTarget(target) : `TCP:${firstInstancePort}`,
    intervalSeconds: fieldFromProps(props, 'healthCheck.intervalSeconds'),
    timeoutSeconds: fieldFromProps(props, 'healthCheck.timeoutSeconds'),
    healthyThreshold: fieldFromProps(props, 'healthCheck.healthyThreshold'),
    unhealthyThreshold: fieldFromProps(props, 'healthCheck.unhealthyThreshold'),
  };
}
