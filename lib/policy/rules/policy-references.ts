import { BackendServerDocument, ListenerDocument, PolicyDocument } from '../document/load-balancer-document';
import { Finding, Findings } from '../findings';
import { PolicyTypes } from '../policy-types/policy-type-catalog';
import { PolicyTypeName } from '../policy-types/policy-type-name';
import { policyTypeOf } from './policy-kinds';
import { didYouMean, nearestName } from './rule-helpers';

/** Codes of the policy reference rules. */
export const POLICY_REFERENCE_CODES = {
  NOT_FOUND: 'SECLB_POLICY_NOT_FOUND',
  NOT_A_PUBLIC_KEY_POLICY: 'SECLB_POLICY_NOT_A_PUBLIC_KEY_POLICY',
} as const;

/** Attribute of BackendServerAuthenticationPolicyType that names a public-key policy. */
export const PUBLIC_KEY_POLICY_NAME = 'PublicKeyPolicyName';

/**
 * Every policy name a listener, an instance port or a back-end authentication policy refers to
 * exists (a policy of the load balancer, or for listeners a predefined security policy), and
 * `PublicKeyPolicyName` points at a PublicKeyPolicyType policy.
 */
export function checkPolicyReferences(policies: PolicyDocument[], policiesPath: string,
  listeners: ListenerDocument[], listenersPath: string,
  backendServers: BackendServerDocument[], backendServersPath: string): Finding[] {
  const findings: Finding[] = [];
  const names = policies.map((p) => p.policyName);
  const missing = (at: string, name: string) => {
    const suggestion = nearestName(name, names);
    findings.push(Findings.error(POLICY_REFERENCE_CODES.NOT_FOUND, at, `'${name}'`,
      `${at} is '${name}', which is not a policy of this load balancer.${didYouMean(suggestion)}`,
      'Every referenced policy must exist on the load balancer (ELB answers PolicyNotFound).',
      suggestion ? `use '${suggestion}', or add a policy named '${name}' to ${policiesPath}.` : `add a policy named '${name}' to ${policiesPath}, or remove the reference.`));
  };
  listeners.forEach((l, i) => (l.policyNames ?? []).forEach((name, k) => {
    if (policyTypeOf(name, policies) === undefined) missing(`${listenersPath}[${i}].policyNames[${k}]`, name);
  }));
  backendServers.forEach((b, i) => (b.policyNames ?? []).forEach((name, k) => {
    if (!names.includes(name)) missing(`${backendServersPath}[${i}].policyNames[${k}]`, name);
  }));
  policies.forEach((p, i) => {
    if (p.policyTypeName !== PolicyTypeName.BACKEND_SERVER_AUTHENTICATION) return;
    (p.attributes ?? []).forEach((a, k) => {
      if (a.name !== PUBLIC_KEY_POLICY_NAME) return;
      const at = `${policiesPath}[${i}].attributes[${k}].value`;
      const target = policies.find((t) => t.policyName === a.value);
      if (!target) {
        missing(at, a.value);
      } else if (target.policyTypeName !== PolicyTypeName.PUBLIC_KEY && PolicyTypes.find(target.policyTypeName)) {
        // (a policy of an unknown type is reported by the attribute rule)
        findings.push(Findings.error(POLICY_REFERENCE_CODES.NOT_A_PUBLIC_KEY_POLICY, at, `'${a.value}'`,
          `${at} is '${a.value}', a ${target.policyTypeName} policy, not a PublicKeyPolicyType policy.`,
          'PublicKeyPolicyName names PublicKeyPolicyType policies: the keys a back end may present.',
          `point it at a PublicKeyPolicyType policy (${policies.filter((t) => t.policyTypeName === PolicyTypeName.PUBLIC_KEY).map((t) => `'${t.policyName}'`).join(', ') || 'create one with the back end\'s public key'}).`));
      }
    });
  });
  return findings;
}
