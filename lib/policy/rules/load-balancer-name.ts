import { Finding, Findings } from '../findings';
import { q } from './rule-helpers';

/** Codes of the load-balancer name rule. */
export const LOAD_BALANCER_NAME_CODES = {
  INVALID: 'SECLB_LB_NAME_INVALID',
} as const;

const VALID = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,30}[A-Za-z0-9])?$/;

/**
 * A load balancer name is 1-32 letters, digits and hyphens and neither begins nor ends with a
 * hyphen (CreateLoadBalancer).
 */
export function checkLoadBalancerName(path: string, name: string): Finding[] {
  if (typeof name === 'string' && VALID.test(name)) return [];
  const text = typeof name === 'string' ? name : String(name);
  const suggestion = text.replace(/[^A-Za-z0-9-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 32).replace(/-+$/, '');
  const why = text.length === 0 ? 'which is empty'
    : text.length > 32 ? `which is ${text.length} characters long`
      : /^-|-$/.test(text) ? 'which begins or ends with a hyphen'
        : 'which contains characters other than letters, digits and hyphens';
  return [Findings.error(LOAD_BALANCER_NAME_CODES.INVALID, path, q(name),
    `${path} is ${q(name)}, ${why}.`,
    'A Classic ELB name is 1-32 characters of letters, digits and hyphens, and must not begin or end with a hyphen.',
    suggestion ? `use a name such as '${suggestion}'.` : "use a name such as 'my-loadbalancer'.")];
}
