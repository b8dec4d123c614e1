import { Finding, Findings } from '../findings';
import { PolicyTypeName } from '../policy-types/policy-type-name';
import { q } from './rule-helpers';

/** Codes of the policy name rules. */
export const POLICY_NAME_CODES = {
  INVALID: 'SECLB_POLICY_NAME_INVALID',
  RESERVED: 'SECLB_POLICY_NAME_RESERVED',
} as const;

/** Prefixes ELB keeps for its predefined SSL negotiation policies. */
export const RESERVED_POLICY_PREFIXES = ['ELBSecurityPolicy-', 'ELBSample-'];

/**
 * A policy name is made of letters, digits and hyphens, and a custom SSL negotiation policy must
 * not take a name starting with `ELBSecurityPolicy-` or `ELBSample-` (kept for predefined ones).
 *
 * @param predefinedCopy true when the policy is a materialised copy of the predefined policy of the
 *   same name (then the reserved name is ELB's own and allowed)
 */
export function checkPolicyName(path: string, name: string, policyTypeName: string, predefinedCopy: boolean = false): Finding[] {
  if (typeof name !== 'string' || !/^[A-Za-z0-9-]+$/.test(name)) {
    const suggestion = String(name ?? '').replace(/[^A-Za-z0-9-]+/g, '-').replace(/^-+|-+$/g, '');
    return [Findings.error(POLICY_NAME_CODES.INVALID, path, q(name),
      `${path} is ${q(name)}, which is not made of letters, digits and hyphens only.`,
      'ELB policy names consist of letters, digits and hyphens (CreateLoadBalancerPolicy).',
      suggestion ? `rename it, e.g. '${suggestion}'.` : "give the policy a name such as 'my-policy'.")];
  }
  const prefix = RESERVED_POLICY_PREFIXES.find((p) => name.startsWith(p));
  if (prefix && policyTypeName === PolicyTypeName.SSL_NEGOTIATION && !predefinedCopy) {
    return [Findings.error(POLICY_NAME_CODES.RESERVED, path, q(name),
      `${path} is ${q(name)}, which starts with the reserved prefix '${prefix}'.`,
      `Names starting with ${RESERVED_POLICY_PREFIXES.map((p) => `'${p}'`).join(' or ')} belong to ELB's predefined policies; a custom SSL negotiation policy may not use them.`,
      `rename the policy (e.g. '${name.slice(prefix.length) || 'Custom'}-custom'), or reference the predefined policy by its exact name with unchanged content.`)];
  }
  return [];
}
