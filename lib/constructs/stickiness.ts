import { PolicyAttribute } from '../policy/resolution/policy-attribute';
import { PolicyTypeName } from '../policy/policy-types/policy-type-name';
import { attributeNameOf } from './private/policy-attribute-name';

/**
 * Session stickiness for an HTTP or HTTPS listener: which instance a client's requests go to is
 * remembered in a cookie. Create one with `Stickiness.loadBalancerCookie()` or
 * `Stickiness.applicationCookie()`.
 */
export class Stickiness {
  /**
   * Stickiness with the load balancer's own `AWSELB` cookie (LBCookieStickinessPolicyType).
   *
   * @param expirationSeconds the cookie's lifetime in seconds; omit it (or 0) for a browser-session cookie
   */
  public static loadBalancerCookie(expirationSeconds?: number): Stickiness {
    return new Stickiness(PolicyTypeName.LB_COOKIE_STICKINESS, 'LBCookieStickiness',
      expirationSeconds === undefined ? [] : [{ name: attributeNameOf(PolicyTypeName.LB_COOKIE_STICKINESS), value: String(expirationSeconds) }]);
  }

  /**
   * Stickiness whose lifetime follows an application cookie (AppCookieStickinessPolicyType).
   *
   * @param cookieName the application's cookie, e.g. `JSESSIONID`
   */
  public static applicationCookie(cookieName: string): Stickiness {
    return new Stickiness(PolicyTypeName.APP_COOKIE_STICKINESS, 'AppCookieStickiness', [{ name: attributeNameOf(PolicyTypeName.APP_COOKIE_STICKINESS), value: cookieName }]);
  }

  /** The ELB policy type. */
  public readonly policyTypeName: PolicyTypeName;
  /** The stem of the policy name (the content hash is appended). */
  public readonly policyNameStem: string;
  /** The policy's attributes, as ELB takes them. */
  public readonly attributes: PolicyAttribute[];

  private constructor(policyTypeName: PolicyTypeName, policyNameStem: string, attributes: PolicyAttribute[]) {
    this.policyTypeName = policyTypeName;
    this.policyNameStem = policyNameStem;
    this.attributes = attributes;
  }
}
