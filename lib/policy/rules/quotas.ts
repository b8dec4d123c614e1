import { fieldRange } from '../document/document-fields';
import { Finding, Findings } from '../findings';

/** Codes of the quota rules. */
export const QUOTA_CODES = {
  NO_LISTENER: 'SECLB_LISTENERS_EMPTY',
  TOO_MANY_LISTENERS: 'SECLB_TOO_MANY_LISTENERS',
  TOO_MANY_INSTANCES: 'SECLB_TOO_MANY_INSTANCES',
} as const;

/** Default quota: listeners per Classic load balancer. */
export const MAX_LISTENERS: number = fieldRange('listeners').max;
/** Default quota: registered instances per Classic load balancer. */
export const MAX_INSTANCES: number = fieldRange('instances').max;

/**
 * A load balancer has 1 to 100 listeners (CreateLoadBalancer needs one; 100 is the default quota)
 * and at most 1000 registered instances (default quota).
 */
export function checkQuotas(listenersPath: string, listenerCount: number, instancesPath: string, instanceCount: number): Finding[] {
  const findings: Finding[] = [];
  if (listenerCount === 0) {
    findings.push(Findings.error(QUOTA_CODES.NO_LISTENER, listenersPath, '[]',
      `${listenersPath} is empty.`,
      'A Classic ELB needs at least one listener (CreateLoadBalancer rejects an empty list).',
      `add a listener, e.g. { loadBalancerPort: 80, protocol: 'HTTP', instancePort: 80, instanceProtocol: 'HTTP' }.`));
  }
  if (listenerCount > MAX_LISTENERS) {
    findings.push(Findings.error(QUOTA_CODES.TOO_MANY_LISTENERS, listenersPath, String(listenerCount),
      `${listenersPath} has ${listenerCount} listeners.`,
      `A Classic ELB has at most ${MAX_LISTENERS} listeners (default quota "Listeners per Classic Load Balancer").`,
      `remove ${listenerCount - MAX_LISTENERS} listeners, or split them over two load balancers (or raise the quota with AWS).`));
  }
  if (instanceCount > MAX_INSTANCES) {
    findings.push(Findings.error(QUOTA_CODES.TOO_MANY_INSTANCES, instancesPath, String(instanceCount),
      `${instancesPath} has ${instanceCount} instances.`,
      `A Classic ELB has at most ${MAX_INSTANCES} registered instances (default quota).`,
      `register at most ${MAX_INSTANCES} instances, or split them over two load balancers (or raise the quota with AWS).`));
  }
  return findings;
}
