import { ELB_SECURITY_POLICY_2016_08 } from './elb-security-policy-2016-08';
import { ELB_SECURITY_POLICY_TLS_1_2_2017_01 } from './elb-security-policy-tls-1-2-2017-01';
import { ELB_SECURITY_POLICY_TLS_1_1_2017_01 } from './elb-security-policy-tls-1-1-2017-01';
import { ELB_SECURITY_POLICY_2015_05 } from './elb-security-policy-2015-05';
import { ELB_SECURITY_POLICY_2015_03 } from './elb-security-policy-2015-03';
import { ELB_SECURITY_POLICY_2015_02 } from './elb-security-policy-2015-02';
import { ELB_SECURITY_POLICY_2014_10 } from './elb-security-policy-2014-10';
import { ELB_SECURITY_POLICY_2014_01 } from './elb-security-policy-2014-01';
import { ELB_SECURITY_POLICY_2011_08 } from './elb-security-policy-2011-08';
import { ELB_SAMPLE_ELB_DEFAULT_CIPHER_POLICY } from './elb-sample-elb-default-cipher-policy';
import { ELB_SAMPLE_OPENSSL_DEFAULT_CIPHER_POLICY } from './elb-sample-openssl-default-cipher-policy';
import { PredefinedPolicyDefinition } from './predefined-policy-definition';
import { SecurityPolicy } from './security-policy';

const ALL: PredefinedPolicyDefinition[] = [ELB_SECURITY_POLICY_2016_08, ELB_SECURITY_POLICY_TLS_1_2_2017_01, ELB_SECURITY_POLICY_TLS_1_1_2017_01, ELB_SECURITY_POLICY_2015_05, ELB_SECURITY_POLICY_2015_03, ELB_SECURITY_POLICY_2015_02, ELB_SECURITY_POLICY_2014_10, ELB_SECURITY_POLICY_2014_01, ELB_SECURITY_POLICY_2011_08, ELB_SAMPLE_ELB_DEFAULT_CIPHER_POLICY, ELB_SAMPLE_OPENSSL_DEFAULT_CIPHER_POLICY];

/**
 * Every predefined SSL negotiation policy ELB Classic documents, with its exact content.
 */
export class PredefinedPolicies {
  /**
   * The policy ELB gives an HTTPS/SSL listener created without an SSL negotiation policy.
   * A custom policy without `basedOn` starts from it.
   */
  public static readonly DEFAULT: SecurityPolicy = SecurityPolicy.ELB_SECURITY_POLICY_2016_08;

  /** Every predefined policy, newest ELBSecurityPolicy first, then the two samples. */
  public static all(): PredefinedPolicyDefinition[] {
    return ALL.slice();
  }

  /** The policy with this name or alias, or undefined. */
  public static find(name: string): PredefinedPolicyDefinition | undefined {
    return ALL.find((p) => p.name === name || p.aliases.includes(name));
  }

  /** The definition of a policy named by the enum (always present). */
  public static definition(policy: SecurityPolicy): PredefinedPolicyDefinition {
    const found = PredefinedPolicies.find(policy);
    if (!found) {
      throw new Error(`SECLB_INTERNAL: no definition for predefined policy '${policy}'`);
    }
    return found;
  }

  /** Every name (and alias) reserved for predefined policies. */
  public static names(): string[] {
    return ALL.flatMap((p) => [p.name as string, ...p.aliases]);
  }

  private constructor() {}
}
