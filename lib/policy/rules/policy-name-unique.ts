import { PolicyDocument } from '../document/load-balancer-document';
import { Finding, Findings } from '../findings';

/** Codes of the unique policy name rule. */
export const POLICY_NAME_UNIQUE_CODES = {
  DUPLICATE: 'SECLB_POLICY_DUPLICATE_NAME',
} as const;

/** Policy names are unique within a load balancer (`DuplicatePolicyName`). */
export function checkPolicyNamesUnique(path: string, policies: PolicyDocument[]): Finding[] {
  const findings: Finding[] = [];
  const first = new Map<string, number>();
  policies.forEach((p, i) => {
    const at = first.get(p.policyName);
    if (at === undefined) {
      first.set(p.policyName, i);
      return;
    }
    findings.push(Findings.error(POLICY_NAME_UNIQUE_CODES.DUPLICATE, `${path}[${i}].policyName`, `'${p.policyName}'`,
      `${path}[${i}].policyName is '${p.policyName}', which ${path}[${at}] already uses.`,
      'Policy names are unique within a load balancer (ELB answers DuplicatePolicyName).',
      `rename one of them, or remove the duplicate ${path}[${i}].`));
  });
  return findings;
}
