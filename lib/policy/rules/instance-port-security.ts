import { ListenerDocument } from '../document/load-balancer-document';
import { Finding, Findings } from '../findings';
import { isSecureProtocol } from '../queries/secure-protocol';
import { upper } from './rule-helpers';

/** Codes of the shared instance port rule. */
export const INSTANCE_PORT_SECURITY_CODES = {
  MISMATCH: 'SECLB_LISTENER_INSTANCE_PORT_SECURITY_MISMATCH',
} as const;

/**
 * Listeners that forward to the same instance port agree on whether that port is reached securely:
 * all HTTPS/SSL or all HTTP/TCP (ELB rejects the second listener otherwise).
 */
export function checkInstancePortSecurity(path: string, listeners: ListenerDocument[]): Finding[] {
  const findings: Finding[] = [];
  const first = new Map<number, number>();
  listeners.forEach((l, i) => {
    if (!['HTTP', 'HTTPS', 'TCP', 'SSL'].includes(upper(l.instanceProtocol))) return;
    const j = first.get(l.instancePort);
    if (j === undefined) {
      first.set(l.instancePort, i);
      return;
    }
    const other = listeners[j];
    if (isSecureProtocol(other.instanceProtocol) === isSecureProtocol(l.instanceProtocol)) return;
    const want = isSecureProtocol(other.instanceProtocol) ? 'HTTPS or SSL' : 'HTTP or TCP';
    findings.push(Findings.error(INSTANCE_PORT_SECURITY_CODES.MISMATCH, `${path}[${i}].instanceProtocol`, `'${l.instanceProtocol}'`,
      `${path}[${i}].instanceProtocol is '${l.instanceProtocol}' but ${path}[${j}] reaches the same instance port ${l.instancePort} with '${other.instanceProtocol}'.`,
      'Listeners sharing an instance port must all use a secure back end (HTTPS/SSL) or all a plain one (HTTP/TCP).',
      `set ${path}[${i}].instanceProtocol to ${want}, or forward it to another instance port.`));
  });
  return findings;
}
