import { fieldRange } from '../document/document-fields';
import { BackendServerDocument, ListenerDocument, PolicyDocument } from '../document/load-balancer-document';
import { Finding, Findings } from '../findings';
import { PolicyTypeName } from '../policy-types/policy-type-name';
import { publicKeyAttached } from './listener-policy-binding';
import { isStickiness, policyTypeOf } from './policy-kinds';
import { isHttpProtocol, isSecureProtocol } from '../queries/secure-protocol';
import { isIntegerIn, q, upper } from './rule-helpers';

/** Codes of the back-end (instance port) policy binding rules. */
export const BACKEND_POLICY_BINDING_CODES = {
  PORT_OUT_OF_RANGE: 'SECLB_BACKEND_PORT_OUT_OF_RANGE',
  DUPLICATE_PORT: 'SECLB_BACKEND_DUPLICATE_PORT',
  PORT_UNUSED: 'SECLB_BACKEND_PORT_UNUSED',
  LISTENER_POLICY_ON_BACKEND: 'SECLB_POLICY_LISTENER_POLICY_ON_BACKEND',
  BACKEND_AUTH_ON_PLAIN_BACKEND: 'SECLB_POLICY_BACKEND_AUTH_ON_PLAIN_BACKEND',
  PROXY_PROTOCOL_ON_HTTP_LISTENER: 'SECLB_POLICY_PROXY_PROTOCOL_ON_HTTP_LISTENER',
  PROXY_PROTOCOL_SSL_TO_SSL: 'SECLB_POLICY_PROXY_PROTOCOL_SSL_TO_SSL',
} as const;

/**
 * Which policies an instance port may carry: back-end authentication (only where listeners reach
 * the port over HTTPS/SSL) and proxy protocol (only where TCP/SSL listeners use the port). SSL
 * negotiation and stickiness policies belong on listeners; public-key policies are never attached
 * directly. An instance port no listener forwards to gets a warning (its policies do nothing).
 */
export function checkBackendServerPolicyBindings(path: string, backendServers: BackendServerDocument[],
  listeners: ListenerDocument[], listenersPath: string, policies: PolicyDocument[]): Finding[] {
  const findings: Finding[] = [];
  const first = new Map<number, number>();
  const { min, max } = fieldRange('backendServers[].instancePort');
  backendServers.forEach((b, i) => {
    const bp = `${path}[${i}]`;
    if (!isIntegerIn(b.instancePort, min, max)) {
      findings.push(Findings.error(BACKEND_POLICY_BINDING_CODES.PORT_OUT_OF_RANGE, `${bp}.instancePort`, q(b.instancePort),
        `${bp}.instancePort is ${q(b.instancePort)}, which is not a port from ${min} to ${max}.`,
        `Instance ports are integers from ${min} to ${max}.`,
        `set ${bp}.instancePort to the instance port of a listener.`));
      return;
    }
    const j = first.get(b.instancePort);
    if (j !== undefined) {
      findings.push(Findings.error(BACKEND_POLICY_BINDING_CODES.DUPLICATE_PORT, `${bp}.instancePort`, String(b.instancePort),
        `${bp}.instancePort is ${b.instancePort}, which ${path}[${j}] already describes.`,
        'Each instance port has one policy list (SetLoadBalancerPoliciesForBackendServer replaces the whole list).',
        `merge ${bp}.policyNames into ${path}[${j}].policyNames and remove ${bp}.`));
      return;
    }
    first.set(b.instancePort, i);
    const using = listeners.map((l, k) => ({ l, k })).filter(({ l }) => l.instancePort === b.instancePort);
    if (using.length === 0 && (b.policyNames ?? []).length > 0) {
      findings.push(Findings.warning(BACKEND_POLICY_BINDING_CODES.PORT_UNUSED, `${bp}.instancePort`, String(b.instancePort),
        `${bp}.instancePort is ${b.instancePort}, but no listener forwards to that instance port.`,
        'Back-end policies act on connections to their instance port; with no listener using the port they have no effect.',
        `point a listener's instancePort at ${b.instancePort}, or remove ${bp}.`));
    }
    (b.policyNames ?? []).forEach((name, k) => {
      const at = `${bp}.policyNames[${k}]`;
      const type = policyTypeOf(name, policies);
      if (type === PolicyTypeName.SSL_NEGOTIATION || isStickiness(type)) {
        findings.push(Findings.error(BACKEND_POLICY_BINDING_CODES.LISTENER_POLICY_ON_BACKEND, at, `'${name}'`,
          `${at} is '${name}', a ${type} policy, which belongs on a listener, not on an instance port.`,
          'Instance ports take only BackendServerAuthenticationPolicyType and ProxyProtocolPolicyType policies.',
          `move '${name}' to the policyNames of the listener that should use it.`));
      } else if (type === PolicyTypeName.PUBLIC_KEY) {
        findings.push(publicKeyAttached(at, name));
      } else if (type === PolicyTypeName.BACKEND_SERVER_AUTHENTICATION && using.length > 0 && !using.some(({ l }) => isSecureProtocol(l.instanceProtocol))) {
        const { l, k: li } = using[0];
        findings.push(Findings.error(BACKEND_POLICY_BINDING_CODES.BACKEND_AUTH_ON_PLAIN_BACKEND, at, `'${name}'`,
          `${at} is '${name}', a back-end authentication policy, but ${listenersPath}[${li}] reaches instance port ${b.instancePort} over '${l.instanceProtocol}'.`,
          'Back-end server authentication checks the key a back end presents over TLS, so it applies only where the instance protocol is HTTPS or SSL.',
          `set ${listenersPath}[${li}].instanceProtocol to '${upper(l.instanceProtocol) === 'HTTP' ? 'HTTPS' : 'SSL'}', or remove '${name}'.`));
      } else if (type === PolicyTypeName.PROXY_PROTOCOL) {
        const http = using.find(({ l }) => isHttpProtocol(l.protocol));
        const sslToSsl = using.find(({ l }) => upper(l.protocol) === 'SSL' && upper(l.instanceProtocol) === 'SSL');
        if (!http && sslToSsl) {
          findings.push(Findings.warning(BACKEND_POLICY_BINDING_CODES.PROXY_PROTOCOL_SSL_TO_SSL, at, `'${name}'`,
            `${at} is '${name}', a proxy protocol policy, but ${listenersPath}[${sslToSsl.k}] is an SSL -> SSL listener on instance port ${b.instancePort}.`,
            'ELB\'s listener reference says the end-to-end SSL -> SSL configuration does not support the proxy protocol header.',
            `use SSL -> TCP or TCP -> TCP for ${listenersPath}[${sslToSsl.k}] if the back end needs the proxy protocol header, or remove '${name}'.`));
        }
        if (http) {
          findings.push(Findings.error(BACKEND_POLICY_BINDING_CODES.PROXY_PROTOCOL_ON_HTTP_LISTENER, at, `'${name}'`,
            `${at} is '${name}', a proxy protocol policy, but ${listenersPath}[${http.k}] is an '${http.l.protocol}' listener on instance port ${b.instancePort}.`,
            'Proxy protocol works only with TCP and SSL listeners; HTTP/HTTPS listeners pass client details in X-Forwarded-* headers instead.',
            `change ${listenersPath}[${http.k}].protocol to TCP or SSL, or remove '${name}' and read X-Forwarded-For.`));
        }
      }
    });
  });
  return findings;
}
