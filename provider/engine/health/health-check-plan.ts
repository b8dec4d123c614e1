import { HealthCheckDocument } from '../../../lib/policy/document/load-balancer-document';
import { BackendPinSet } from '../backends/backend-pin';

/** A registered instance as the health checker sees it. */
export interface CheckedInstance {
  readonly instanceId: string;
  readonly address: string;
}

/** Everything one load balancer's health checks need. */
export interface HealthCheckPlan {
  readonly loadBalancerName: string;
  readonly healthCheck: HealthCheckDocument;
  readonly instances: readonly CheckedInstance[];
  /** Pins of the health-check port, when that instance port has a back-end authentication policy. */
  readonly pins?: BackendPinSet;
}
