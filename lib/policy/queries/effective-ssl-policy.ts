import { SslNegotiationAttributes } from '../attributes/ssl-negotiation-attributes';
import { ListenerDocument, LoadBalancerDocument, PolicyDocument } from '../document/load-balancer-document';
import { PolicyTypeName } from '../policy-types/policy-type-name';
import { PredefinedPolicies } from '../predefined/predefined-policies';
import { CipherPolicyResolution } from '../resolution/cipher-policy-resolution';
import { PolicyAttribute } from '../resolution/policy-attribute';
import { ResolvedCipherPolicy } from '../resolution/resolved-cipher-policy';
import { resolveSslPolicyAttributes } from '../resolution/shared-resolutions';
import { policyNamed } from './policy-lookup';
import { isSecureProtocol } from './secure-protocol';

/** The path findings about ELB's default SSL negotiation policy carry (a listener that names none). */
export const DEFAULT_SSL_POLICY_PATH = 'defaultSslPolicy';

/** The attributes of ELB's default SSL negotiation policy: a reference to the model's default predefined policy. */
const DEFAULT_SSL_POLICY_ATTRIBUTES: readonly PolicyAttribute[] = Object.freeze([
  Object.freeze({ name: SslNegotiationAttributes.REFERENCE_SECURITY_POLICY, value: PredefinedPolicies.DEFAULT }),
]);

/** The SSL negotiation policy in force on one HTTPS/SSL listener. */
export interface EffectiveSslPolicy {
  /**
   * The SSL negotiation policy the listener names (the first of its `policyNames` that is one).
   * @default - undefined: the listener names none, so ELB's default predefined policy applies
   */
  readonly policy?: PolicyDocument;
  /** The attribute list in force: the named policy's, or a reference to ELB's default. */
  readonly attributes: readonly PolicyAttribute[];
  /** Where those attributes are, for findings: `policies['<name>'].attributes`, or `defaultSslPolicy`. */
  readonly path: string;
  /** The attribute list resolved (`resolveSslPolicyAttributes`): the canonical policy, or the findings that stop it. */
  readonly resolution: CipherPolicyResolution;
}

/**
 * The SSL negotiation policy a listener's handshakes follow: for an HTTPS or SSL front end, the
 * first `SSLNegotiationPolicyType` policy among the listener's `policyNames` (a name that matches
 * no policy is skipped), or ELB's default predefined policy when it names none; undefined for
 * HTTP and TCP listeners, which negotiate nothing. The constructs' warnings, the engine's compiler
 * and the deploy core's security review all take the policy from here.
 *
 * @param doc the load balancer's document (its policies)
 * @param listener one of its listeners
 */
export function effectiveSslPolicy(doc: LoadBalancerDocument, listener: ListenerDocument): EffectiveSslPolicy | undefined {
  if (!isSecureProtocol(listener.protocol)) return undefined;
  const policy = namedSslPolicy(doc, listener);
  if (policy === undefined) {
    return { attributes: DEFAULT_SSL_POLICY_ATTRIBUTES, path: DEFAULT_SSL_POLICY_PATH, resolution: defaultSslPolicyResolution() };
  }
  const path = `policies['${policy.policyName}'].attributes`;
  return { policy, attributes: policy.attributes, path, resolution: resolveSslPolicyAttributes(policy.attributes, path) };
}

/** ELB's default SSL negotiation policy (the model's default predefined policy), resolved. */
export function defaultSslPolicy(): ResolvedCipherPolicy {
  return defaultSslPolicyResolution().policy!;
}

function defaultSslPolicyResolution(): CipherPolicyResolution {
  return resolveSslPolicyAttributes(DEFAULT_SSL_POLICY_ATTRIBUTES as PolicyAttribute[], DEFAULT_SSL_POLICY_PATH);
}

/** The first SSL negotiation policy among the listener's policy names, or undefined. */
function namedSslPolicy(doc: LoadBalancerDocument, listener: ListenerDocument): PolicyDocument | undefined {
  for (const name of listener.policyNames) {
    const policy = policyNamed(doc.policies, name);
    if (policy !== undefined && policy.policyTypeName === PolicyTypeName.SSL_NEGOTIATION) return policy;
  }
  return undefined;
}
