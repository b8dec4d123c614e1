import { createHash } from 'crypto';
import { PolicyDocument } from '../../../lib/policy/document/load-balancer-document';
import { PolicyTypeName } from '../../../lib/policy/policy-types/policy-type-name';
import { BackendTarget } from './backend-target';

/** ELB's stickiness cookie name (elb-facts §6.4). */
export const STICKY_COOKIE = 'AWSELB';

/** Attributes copied from an application cookie onto AWSELB (elb-facts §6.4), lower case. */
const COPIED_ATTRIBUTES = new Set(['path', 'port', 'domain', 'secure', 'httponly', 'discard', 'max-age', 'expires', 'version', 'comment', 'commenturl', 'samesite']);

/** A listener's stickiness, compiled once per revision. */
export type Stickiness =
  | { readonly kind: 'lb-cookie'; readonly policyName: string; readonly cookieSuffix: string; readonly values: ReadonlyMap<string, string> }
  | { readonly kind: 'app-cookie'; readonly policyName: string; readonly appCookie: string; readonly values: ReadonlyMap<string, string> };

/** The opaque AWSELB value naming an instance of a load balancer (stable, precomputed per revision). */
export function stickyValue(loadBalancerName: string, instanceId: string): string {
  return createHash('sha256').update(`${loadBalancerName}\0${instanceId}`).digest('hex').slice(0, 40).toUpperCase();
}

/**
 * Compiles the stickiness policy attached to a listener (the first LB- or app-cookie policy it
 * names), or undefined. `values` maps each AWSELB value back to its instance id.
 */
export function compileStickiness(loadBalancerName: string, policies: readonly (PolicyDocument | undefined)[], instanceIds: readonly string[]): Stickiness | undefined {
  const policy = policies.find((p) => p?.policyTypeName === PolicyTypeName.LB_COOKIE_STICKINESS || p?.policyTypeName === PolicyTypeName.APP_COOKIE_STICKINESS);
  if (!policy) return undefined;
  const values = new Map(instanceIds.map((id) => [stickyValue(loadBalancerName, id), id]));
  const attr = (name: string) => policy.attributes.find((a) => a.name === name)?.value;
  if (policy.policyTypeName === PolicyTypeName.LB_COOKIE_STICKINESS) {
    const seconds = Number(attr('CookieExpirationPeriod') ?? '0');
    return { kind: 'lb-cookie', policyName: policy.policyName, cookieSuffix: seconds > 0 ? `; Max-Age=${seconds}; Path=/` : '; Path=/', values };
  }
  return { kind: 'app-cookie', policyName: policy.policyName, appCookie: attr('CookieName') ?? '', values };
}

/** The AWSELB value of a Cookie header, or undefined (a scan, no full parse). */
export function readStickyCookie(cookieHeader: string | undefined): string | undefined {
  if (!cookieHeader) return undefined;
  let at = cookieHeader.indexOf(`${STICKY_COOKIE}=`);
  while (at > 0 && cookieHeader[at - 1] !== ' ' && cookieHeader[at - 1] !== ';') at = cookieHeader.indexOf(`${STICKY_COOKIE}=`, at + 1);
  if (at < 0) return undefined;
  const start = at + STICKY_COOKIE.length + 1;
  const end = cookieHeader.indexOf(';', start);
  return cookieHeader.slice(start, end < 0 ? undefined : end).trim();
}

/** The InService target an AWSELB value names, or undefined (unknown value, or the instance is not InService). */
export function stickyTarget(stickiness: Stickiness, value: string | undefined, inService: readonly BackendTarget[]): BackendTarget | undefined {
  if (!value) return undefined;
  const id = stickiness.values.get(value);
  if (!id) return undefined;
  for (const t of inService) if (t.instanceId === id) return t;
  return undefined;
}

/**
 * For an app-cookie policy: the AWSELB Set-Cookie to add when the back end's response sets the
 * application cookie (attributes copied from it), or undefined.
 */
export function appCookieFollower(stickiness: Stickiness & { kind: 'app-cookie' }, setCookies: string[] | undefined, value: string): string | undefined {
  if (!setCookies) return undefined;
  for (const c of setCookies) {
    const parts = c.split(';');
    const eq = parts[0].indexOf('=');
    if (eq < 0 || parts[0].slice(0, eq).trim() !== stickiness.appCookie) continue;
    const copied = parts.slice(1).map((p) => p.trim()).filter((p) => COPIED_ATTRIBUTES.has(p.split('=')[0].trim().toLowerCase()));
    return [`${STICKY_COOKIE}=${value}`, ...copied].join('; ');
  }
  return undefined;
}
