import { Token } from 'cdktf';
import { IConstruct } from 'constructs';
import { ListenerDocument } from '../../policy/document/load-balancer-document';
import { Finding } from '../../policy/findings';
import { ResolvedCipherPolicy } from '../../policy/resolution/resolved-cipher-policy';
import { SecurityAdvice } from '../../policy/security/security-advice';
import { SecurityWarning } from './acknowledgements';

/** An SSL negotiation policy in use, and how to name it in a message. */
export interface PolicyInUse {
  /** The canonical policy. */
  readonly policy: ResolvedCipherPolicy;
  /** The construct to report on (the `CipherPolicy`, or the load balancer for ELB's default policy). */
  readonly node: IConstruct;
  /** Constructs whose acknowledgement also covers the warning. */
  readonly alsoAcknowledgedBy: IConstruct[];
  /** How the message names the policy, e.g. `CipherPolicy 'Strict'`. */
  readonly label: string;
}

function toWarnings(findings: Finding[], node: IConstruct, alsoAcknowledgedBy: IConstruct[]): SecurityWarning[] {
  return findings.map((f) => ({ ruleId: f.code, node, alsoAcknowledgedBy, message: f.message, fix: f.fix }));
}

/** The security warnings of one SSL negotiation policy in use: the model's advice, reported on a construct. */
export function cipherPolicyWarnings(use: PolicyInUse): SecurityWarning[] {
  return toWarnings(SecurityAdvice.forCipherPolicy(use.policy, use.label, ''), use.node, use.alsoAcknowledgedBy);
}

/** One listener as the warnings see it. */
export interface ListenerUse extends Pick<ListenerDocument, 'protocol' | 'instancePort' | 'instanceProtocol'> {
  /** The path the user wrote, e.g. `listeners[1]`. */
  readonly path: string;
}

/**
 * Warnings about a load balancer's shape (the model's advice): an HTTPS/SSL back end without
 * back-end authentication, HTTP without any HTTPS listener, and a health check on an instance port
 * no listener forwards to (when `healthCheckTarget` is given).
 */
export function loadBalancerWarnings(node: IConstruct, listeners: ListenerUse[], authenticatedPorts: Set<number>, healthCheckTarget?: string): SecurityWarning[] {
  const docs = listeners.map((l) => ({ loadBalancerPort: 0, protocol: l.protocol, instancePort: l.instancePort, instanceProtocol: l.instanceProtocol, policyNames: [] }));
  const findings = SecurityAdvice.forListeners(docs, [...authenticatedPorts], listeners.map((l) => l.path));
  // A port or target known only at apply time cannot be compared.
  const known = healthCheckTarget !== undefined && !Token.isUnresolved(healthCheckTarget) && !docs.some((l) => Token.isUnresolved(l.instancePort));
  if (known) findings.push(...SecurityAdvice.forHealthCheck(healthCheckTarget, docs, 'healthCheck.target'));
  return toWarnings(findings, node, []);
}
