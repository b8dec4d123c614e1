import { fieldRange } from '../document/document-fields';
import { Finding, Findings } from '../findings';
import { isIntegerIn, q } from './rule-helpers';

/** Codes of the listener port rule. */
export const LISTENER_PORT_CODES = {
  OUT_OF_RANGE: 'SECLB_LISTENER_PORT_OUT_OF_RANGE',
} as const;

/**
 * A listener's load balancer port and instance port are integers from 1 to 65535 (VPC rules; the
 * EC2-Classic port list is retired).
 */
export function checkListenerPorts(path: string, loadBalancerPort: number, instancePort: number): Finding[] {
  const findings: Finding[] = [];
  const check = (field: string, value: number) => {
    const { min, max } = fieldRange(`listeners[].${field}`);
    if (isIntegerIn(value, min, max)) return;
    findings.push(Findings.error(LISTENER_PORT_CODES.OUT_OF_RANGE, `${path}.${field}`, q(value),
      `${path}.${field} is ${q(value)}, which is not a port from ${min} to ${max}.`,
      `Classic ELB listener ports (LoadBalancerPort and InstancePort) are integers from ${min} to ${max}.`,
      `set ${path}.${field} to a port from ${min} to ${max}, e.g. ${field === 'instancePort' ? 8080 : 443}.`));
  };
  check('loadBalancerPort', loadBalancerPort);
  check('instancePort', instancePort);
  return findings;
}
