import { Construct } from 'constructs';
import { PolicyDocument } from '../policy/document/load-balancer-document';
import { PolicyTypeName } from '../policy/policy-types/policy-type-name';
import { CipherPolicies } from '../policy/resolution/cipher-policies';
import { CipherPolicySpec } from '../policy/resolution/cipher-policy-spec';
import { ResolvedCipherPolicy } from '../policy/resolution/resolved-cipher-policy';
import { acknowledge } from './private/acknowledgements';
import { throwIfErrors } from './private/errors';
import { assertSameFramework } from './private/framework-check';

/**
 * Props of `CipherPolicy`: the model's `CipherPolicySpec`, either the relative form (`basedOn`
 * plus `enable` / `disable`; `basedOn` defaults to ELB's default policy, ELBSecurityPolicy-2016-08)
 * or the explicit form (`protocols` and `ciphers`), not both.
 */
export interface CipherPolicyProps extends CipherPolicySpec {}

/**
 * An SSL negotiation policy for HTTPS and SSL listeners, resolved at construction to its
 * canonical form: every protocol, `Server-Defined-Cipher-Order` and all 88 ciphers explicitly
 * `true` or `false`, so nothing depends on AWS-side defaults and there is no perpetual diff.
 *
 * Bind it with a listener's `cipherPolicy`, or with `attachCipherPolicy(port, policy)` on a load
 * balancer (also one imported with `SecureClassicLoadBalancer.fromLoadBalancerName`). The ELB
 * policy is named from its content (`<id>-<hash>`): ELB policies are immutable, so a change is a
 * new policy that replaces the old one without a gap.
 *
 * Invalid input (unknown attribute names, enable/disable conflicts, mixed forms, no usable cipher)
 * throws at construction with the model's finding: code first, then the rule and the fix.
 *
 * @example
 * new CipherPolicy(this, 'MySSLNegotiationPolicy', {
 *   basedOn: SecurityPolicy.ELB_SECURITY_POLICY_2016_08,
 *   enable: ['Protocol-TLSv1', 'DHE-RSA-AES256-SHA'],
 *   disable: ['Protocol-SSLv3'],
 * });
 */
export class CipherPolicy extends Construct {
  /** The canonical policy: enabled protocols and ciphers, server order, complete attributes and content hash. */
  public readonly policy: ResolvedCipherPolicy;
  /** The ELB policy name: the construct id plus the first 8 hex digits of the content hash. */
  public readonly policyName: string;

  constructor(scope: Construct, id: string, props: CipherPolicyProps = {}) {
    super(scope, id);
    assertSameFramework(this);
    const resolution = CipherPolicies.resolve({
      basedOn: props.basedOn,
      enable: props.enable,
      disable: props.disable,
      protocols: props.protocols,
      ciphers: props.ciphers,
      serverDefinedCipherOrder: props.serverDefinedCipherOrder,
    }, id);
    throwIfErrors(this, resolution.findings);
    this.policy = resolution.policy!;
    this.policyName = CipherPolicies.policyName(id, this.policy.contentHash);
  }

  /** The policy as the canonical load-balancer document lists it (type SSLNegotiationPolicyType, complete attributes). */
  public toPolicyDocument(): PolicyDocument {
    return {
      policyName: this.policyName,
      policyTypeName: PolicyTypeName.SSL_NEGOTIATION,
      attributes: this.policy.attributes.slice(),
    };
  }

  /**
   * Accepts a security warning about this policy (e.g. `SECLB_WARN_TLS10_ENABLED`) for a reason:
   * the warning becomes an info annotation that records the reason.
   *
   * @param ruleId the warning's rule id (`SecurityWarningIds`)
   * @param reason why it is accepted, e.g. 'legacy clients until Q3'
   */
  public acknowledge(ruleId: string, reason: string): void {
    acknowledge(this, ruleId, reason);
  }
}
