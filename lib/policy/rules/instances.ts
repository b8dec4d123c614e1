import { InstanceDocument } from '../document/load-balancer-document';
import { Finding, Findings } from '../findings';
import { q } from './rule-helpers';

/** Codes of the registered instance rules. */
export const INSTANCE_CODES = {
  EMPTY_ID: 'SECLB_INSTANCE_ID_EMPTY',
  DUPLICATE: 'SECLB_INSTANCE_DUPLICATE',
  INVALID_FORMAT: 'SECLB_INSTANCE_ID_INVALID',
} as const;

/** An EC2 instance id: `i-` and 8 (older ids) or 17 lower-case hexadecimal digits. */
export const EC2_INSTANCE_ID = /^i-(?:[0-9a-f]{8}|[0-9a-f]{17})$/;

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

/**
 * A literal EC2 instance id has EC2's form, `i-` and 8 or 17 lower-case hex digits (ELB answers
 * `InvalidInstance` otherwise). Applied where a user names EC2 instances (the constructs'
 * `instances`); a reference resolved only at apply time is checked by whoever resolves it. The
 * canonical document's `instanceId` is not held to it, because the local engine also names back
 * ends of its own there.
 */
export function checkInstanceIdFormat(path: string, instanceId: string): Finding[] {
  if (typeof instanceId !== 'string' || instanceId.trim() === '' || EC2_INSTANCE_ID.test(instanceId)) return [];
  const lower = instanceId.toLowerCase();
  const why = lower !== instanceId && EC2_INSTANCE_ID.test(lower) ? `which has upper-case letters (EC2 writes ${q(lower)})`
    : !instanceId.startsWith('i-') ? "which does not start with 'i-'"
      : `whose part after 'i-', ${q(instanceId.slice(2))}, is not 8 or 17 lower-case hex digits`;
  return [Findings.error(INSTANCE_CODES.INVALID_FORMAT, path, q(instanceId),
    `${path} is ${q(instanceId)}, ${why}.`,
    "An EC2 instance id is 'i-' followed by 8 or 17 lower-case hexadecimal digits (ELB answers InvalidInstance otherwise).",
    EC2_INSTANCE_ID.test(lower) ? `write it as ${q(lower)}.`
      : `use the instance's id as EC2 shows it (e.g. 'i-0123456789abcdef0'), or pass the instance resource's id attribute (a reference).`)];
}
