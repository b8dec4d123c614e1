import { ListenerDocument, PolicyDocument } from '../document/load-balancer-document';
import { Finding, Findings } from '../findings';
import { PolicyTypeName } from '../policy-types/policy-type-name';
import { isStickiness, policyTypeOf } from './policy-kinds';
import { isHttpProtocol, isSecureProtocol } from '../queries/secure-protocol';
import { upper } from './rule-helpers';

/** Codes of the listener policy binding rules. */
export const LISTENER_POLICY_BINDING_CODES = {
  SSL_ON_PLAIN_LISTENER: 'SECLB_POLICY_SSL_NEGOTIATION_ON_PLAIN_LISTENER',
  MULTIPLE_SSL: 'SECLB_POLICY_MULTIPLE_SSL_NEGOTIATION',
  STICKINESS_ON_TCP_LISTENER: 'SECLB_POLICY_STICKINESS_ON_TCP_LISTENER',
  MULTIPLE_STICKINESS: 'SECLB_POLICY_MULTIPLE_STICKINESS',
  BACKEND_POLICY_ON_LISTENER: 'SECLB_POLICY_BACKEND_POLICY_ON_LISTENER',
  PUBLIC_KEY_ATTACHED: 'SECLB_POLICY_PUBLIC_KEY_ATTACHED',
} as const;

/**
 * Which policies a listener may carry: SSL negotiation only on HTTPS/SSL front ends and at most
 * one; cookie stickiness only on HTTP/HTTPS front ends and at most one; back-end policies
 * (authentication, proxy protocol) go on instance ports instead, and public-key policies are
 * never attached directly. Unknown names are left to the reference rule.
 */
export function checkListenerPolicyBindings(path: string, listeners: ListenerDocument[], policies: PolicyDocument[]): Finding[] {
  const findings: Finding[] = [];
  listeners.forEach((l, i) => {
    const lp = `${path}[${i}]`;
    let firstSsl: number | undefined;
    let firstSticky: number | undefined;
    (l.policyNames ?? []).forEach((name, k) => {
      const at = `${lp}.policyNames[${k}]`;
      const type = policyTypeOf(name, policies);
      if (type === PolicyTypeName.SSL_NEGOTIATION) {
        if (!isSecureProtocol(l.protocol)) {
          findings.push(Findings.error(LISTENER_POLICY_BINDING_CODES.SSL_ON_PLAIN_LISTENER, at, `'${name}'`,
            `${at} is '${name}', an SSL negotiation policy, but ${lp}.protocol is '${l.protocol}'.`,
            'SSL negotiation policies apply only to HTTPS and SSL listeners (InvalidConfigurationRequest otherwise).',
            `remove '${name}' from ${lp}.policyNames, or change ${lp}.protocol to '${upper(l.protocol) === 'TCP' ? 'SSL' : 'HTTPS'}'.`));
        } else if (firstSsl !== undefined) {
          findings.push(Findings.error(LISTENER_POLICY_BINDING_CODES.MULTIPLE_SSL, at, `'${name}'`,
            `${at} is '${name}', a second SSL negotiation policy after ${lp}.policyNames[${firstSsl}] '${l.policyNames[firstSsl]}'.`,
            'A listener has one TLS negotiation configuration, so at most one SSL negotiation policy.',
            `keep one of '${l.policyNames[firstSsl]}' and '${name}'.`));
        } else {
          firstSsl = k;
        }
      } else if (isStickiness(type)) {
        if (!isHttpProtocol(l.protocol)) {
          findings.push(Findings.error(LISTENER_POLICY_BINDING_CODES.STICKINESS_ON_TCP_LISTENER, at, `'${name}'`,
            `${at} is '${name}', a stickiness policy, but ${lp}.protocol is '${l.protocol}'.`,
            'Cookie stickiness needs HTTP: it applies only to HTTP and HTTPS listeners.',
            `remove '${name}' from ${lp}.policyNames, or change ${lp}.protocol to '${upper(l.protocol) === 'SSL' ? 'HTTPS' : 'HTTP'}'.`));
        } else if (firstSticky !== undefined) {
          findings.push(Findings.error(LISTENER_POLICY_BINDING_CODES.MULTIPLE_STICKINESS, at, `'${name}'`,
            `${at} is '${name}', a second stickiness policy after ${lp}.policyNames[${firstSticky}] '${l.policyNames[firstSticky]}'.`,
            'A listener takes at most one cookie stickiness policy (LB cookie or application cookie).',
            `keep one of '${l.policyNames[firstSticky]}' and '${name}'.`));
        } else {
          firstSticky = k;
        }
      } else if (type === PolicyTypeName.BACKEND_SERVER_AUTHENTICATION || type === PolicyTypeName.PROXY_PROTOCOL) {
        findings.push(Findings.error(LISTENER_POLICY_BINDING_CODES.BACKEND_POLICY_ON_LISTENER, at, `'${name}'`,
          `${at} is '${name}', a ${type} policy, which belongs on an instance port, not on a listener.`,
          'Back-end authentication and proxy protocol policies are set per instance port (SetLoadBalancerPoliciesForBackendServer).',
          `move '${name}' to the backendServers entry for instance port ${l.instancePort}.`));
      } else if (type === PolicyTypeName.PUBLIC_KEY) {
        findings.push(publicKeyAttached(at, name));
      }
    });
  });
  return findings;
}

/** The finding for a PublicKeyPolicyType policy attached directly (shared with the back-end rule). */
export function publicKeyAttached(at: string, name: string): Finding {
  return Findings.error(LISTENER_POLICY_BINDING_CODES.PUBLIC_KEY_ATTACHED, at, `'${name}'`,
    `${at} is '${name}', a PublicKeyPolicyType policy, which cannot be attached directly.`,
    'A public-key policy is only referenced from a BackendServerAuthenticationPolicyType policy (attribute PublicKeyPolicyName).',
    `create a BackendServerAuthenticationPolicyType policy with PublicKeyPolicyName '${name}' and attach that to the instance port instead.`);
}
