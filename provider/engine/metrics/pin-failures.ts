import { PinFailureListener } from '../backends/backend-connector';
import { EngineLogger } from '../logging/logger';
import { LoadBalancerCounters } from './load-balancer-counters';

/**
 * The listener that counts and logs a back end refused by its pins (BackendConnectionErrors and the
 * back-end authentication failures), for proxied traffic and health checks alike. Logs the key the
 * back end presented (public), never anything secret.
 */
export function countPinFailures(loadBalancerName: () => string, counters: LoadBalancerCounters, logger: EngineLogger): PinFailureListener {
  return (target, error, presented) => {
    counters.backendAuthenticationFailures++;
    counters.backendConnectionErrors++;
    logger.warn({ loadBalancer: loadBalancerName(), instanceId: target.instanceId, port: target.port, code: error.code, presentedKeySpki: presented }, error.message);
  };
}
