import { IConstruct } from 'constructs';
import { CipherCatalog } from '../../policy/attributes/cipher-catalog';
import { TlsProtocols } from '../../policy/attributes/protocols';
import { CipherStrength, TlsProtocol } from '../../policy/attributes/types';
import { ListenerProtocol } from '../../policy/document/listener-protocol';
import { ResolvedCipherPolicy } from '../../policy/resolution/resolved-cipher-policy';
import { SecurityWarningIds } from '../security-warning-ids';
import { SecurityWarning } from './acknowledgements';

/** The weak protocols with their own rule id. */
const PROTOCOL_RULES: Array<[TlsProtocol, string]> = [
  [TlsProtocol.SSL_V3, SecurityWarningIds.SSLV3_ENABLED],
  [TlsProtocol.TLS_V1, SecurityWarningIds.TLS10_ENABLED],
  [TlsProtocol.TLS_V1_1, SecurityWarningIds.TLS11_ENABLED],
];

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

/**
 * The security warnings of one SSL negotiation policy, from the model's classification: weak
 * protocols (`TlsProtocols` weak flag), 3DES and other WEAK ciphers (`CipherCatalog` strength), and
 * client cipher order. Legacy ciphers are not warned about (2016-08, ELB's default, has them).
 */
export function cipherPolicyWarnings(use: PolicyInUse): SecurityWarning[] {
  const warnings: SecurityWarning[] = [];
  const base = { node: use.node, alsoAcknowledgedBy: use.alsoAcknowledgedBy };
  for (const [protocol, ruleId] of PROTOCOL_RULES) {
    if (!use.policy.protocols.includes(protocol)) continue;
    const facts = TlsProtocols.find(protocol)!;
    warnings.push({ ...base, ruleId,
      message: `${use.label} enables '${protocol}': ${facts.reason}.`,
      fix: `disable '${protocol}' (e.g. basedOn: SecurityPolicy.ELB_SECURITY_POLICY_TLS_1_2_2017_01) once no client needs it.` });
  }
  const weak = use.policy.ciphers.map((c) => CipherCatalog.find(c)!).filter((s) => s && s.strength === CipherStrength.WEAK);
  const tripleDes = weak.filter((s) => s.encryption.includes('3DES'));
  const otherWeak = weak.filter((s) => !s.encryption.includes('3DES'));
  if (tripleDes.length) {
    warnings.push({ ...base, ruleId: SecurityWarningIds.TRIPLE_DES,
      message: `${use.label} enables 3DES: ${tripleDes.map((s) => `'${s.name}'`).join(', ')} (64-bit block cipher, Sweet32).`,
      fix: `disable ${tripleDes.map((s) => `'${s.name}'`).join(', ')}.` });
  }
  if (otherWeak.length) {
    warnings.push({ ...base, ruleId: SecurityWarningIds.WEAK_CIPHER,
      message: `${use.label} enables weak ciphers: ${otherWeak.map((s) => `'${s.name}' (${s.weaknesses.join(', ')})`).join(', ')}.`,
      fix: `disable ${otherWeak.map((s) => `'${s.name}'`).join(', ')}.` });
  }
  if (!use.policy.serverDefinedCipherOrder) {
    warnings.push({ ...base, ruleId: SecurityWarningIds.CLIENT_CIPHER_ORDER,
      message: `${use.label} has 'Server-Defined-Cipher-Order' false: a client may pick the weakest cipher both sides allow.`,
      fix: 'set serverDefinedCipherOrder: true (or enable \'Server-Defined-Cipher-Order\').' });
  }
  return warnings;
}

/** One listener as the warnings see it. */
export interface ListenerUse {
  /** The path the user wrote, e.g. `listeners[1]`. */
  readonly path: string;
  /** Its front-end protocol. */
  readonly protocol: ListenerProtocol;
  /** Its instance port. */
  readonly instancePort: number;
  /** Its back-end protocol. */
  readonly instanceProtocol: ListenerProtocol;
}

/**
 * Warnings about a load balancer's shape: an HTTPS/SSL back end without back-end authentication,
 * and HTTP without any HTTPS listener.
 */
export function loadBalancerWarnings(node: IConstruct, listeners: ListenerUse[], authenticatedPorts: Set<number>): SecurityWarning[] {
  const warnings: SecurityWarning[] = [];
  const base = { node, alsoAcknowledgedBy: [] };
  const secure = (p: ListenerProtocol) => p === ListenerProtocol.HTTPS || p === ListenerProtocol.SSL;
  for (const l of listeners) {
    if (secure(l.instanceProtocol) && !authenticatedPorts.has(l.instancePort)) {
      warnings.push({ ...base, ruleId: SecurityWarningIds.NO_BACKEND_AUTH,
        message: `${l.path}.instanceProtocol is '${l.instanceProtocol}' but instance port ${l.instancePort} has no back-end authentication: the load balancer encrypts to any server that answers, without checking its key.`,
        fix: `add new BackendAuth(this, 'BackendAuth', { loadBalancer, instancePort: ${l.instancePort}, publicKeys: [backendCertificatePem] }).` });
    }
  }
  const http = listeners.filter((l) => l.protocol === ListenerProtocol.HTTP);
  if (http.length && !listeners.some((l) => l.protocol === ListenerProtocol.HTTPS)) {
    warnings.push({ ...base, ruleId: SecurityWarningIds.HTTP_WITHOUT_HTTPS,
      message: `${http.map((l) => l.path).join(', ')} ${http.length > 1 ? 'are' : 'is an'} HTTP listener${http.length > 1 ? 's' : ''} and the load balancer has no HTTPS listener: every request travels in clear text.`,
      fix: 'add an HTTPS listener with a certificate (and redirect HTTP to it in the application).' });
  }
  return warnings;
}
