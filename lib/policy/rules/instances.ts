import { InstanceDocument } from '../document/load-balancer-document';
import { Finding, Findings } from '../findings';
import { q } from './rule-helpers';

/** Codes of the registered instance rules. */
export const INSTANCE_CODES = {
  EMPTY_ID: 'SECLB_INSTANCE_ID_EMPTY',
  DUPLICATE: 'SECLB_INSTANCE_DUPLICATE',
} as const;

/** Registered instance ids are non-empty and each instance is registered once. */
export function checkInstances(path: string, instances: InstanceDocument[]): Finding[] {
  const findings: Finding[] = [];
  const first = new Map<string, number>();
  instances.forEach((inst, i) => {
    const id = inst.instanceId;
    if (typeof id !== 'string' || id.trim() === '') {
      findings.push(Findings.error(INSTANCE_CODES.EMPTY_ID, `${path}[${i}].instanceId`, q(id),
        `${path}[${i}].instanceId is empty.`,
        'Every registered instance has an instance id (ELB answers InvalidInstance otherwise).',
        `set ${path}[${i}].instanceId, e.g. 'i-4f8cf126', or remove the entry.`));
      return;
    }
    const j = first.get(id);
    if (j === undefined) {
      first.set(id, i);
      return;
    }
    findings.push(Findings.error(INSTANCE_CODES.DUPLICATE, `${path}[${i}].instanceId`, q(id),
      `${path}[${i}].instanceId is ${q(id)}, which ${path}[${j}] already registers.`,
      'An instance is registered with a load balancer once.',
      `remove ${path}[${i}].`));
  });
  return findings;
}
