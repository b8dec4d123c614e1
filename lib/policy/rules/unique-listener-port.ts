import { ListenerDocument } from '../document/load-balancer-document';
import { Finding, Findings } from '../findings';

/** Codes of the one-listener-per-port rule. */
export const UNIQUE_LISTENER_PORT_CODES = {
  DUPLICATE: 'SECLB_LISTENER_DUPLICATE_PORT',
} as const;

/** A load balancer has at most one listener per load balancer port (`DuplicateListener`). */
export function checkUniqueListenerPorts(path: string, listeners: ListenerDocument[]): Finding[] {
  const findings: Finding[] = [];
  const first = new Map<number, number>();
  listeners.forEach((l, i) => {
    const j = first.get(l.loadBalancerPort);
    if (j === undefined) {
      first.set(l.loadBalancerPort, i);
      return;
    }
    findings.push(Findings.error(UNIQUE_LISTENER_PORT_CODES.DUPLICATE, `${path}[${i}].loadBalancerPort`, String(l.loadBalancerPort),
      `${path}[${i}].loadBalancerPort is ${l.loadBalancerPort}, which ${path}[${j}] already listens on.`,
      'A Classic ELB has one listener per load balancer port (ELB answers DuplicateListener).',
      `use another port for ${path}[${i}], or merge it into ${path}[${j}].`));
  });
  return findings;
}
