import { LoadBalancerDocument } from '../../../lib/policy';
import { TlsCapabilities } from '../../../lib/policy/tls/tls-capabilities';
import { UnenforceableAttribute } from '../../../lib/policy/tls/tls-server-settings';
import { TlsTranslation } from '../../../lib/policy/tls/tls-translation';
import { listenerCipherPolicy } from '../diff/security-review';

/** What one HTTPS/SSL listener's policy enables that the engine cannot enforce. */
export interface ListenerEnforcementGap {
  /** The load balancer. */
  readonly loadBalancer: string;
  /** The listener's load balancer port (as the document declares it). */
  readonly port: number;
  /** The SSL negotiation policy in force on it. */
  readonly policyName: string;
  /** The enabled attributes this engine cannot offer, and why. */
  readonly unenforceable: UnenforceableAttribute[];
  /** False when nothing the policy enables can be negotiated: the listener refuses every handshake. */
  readonly canNegotiate: boolean;
}

/** The enforcement gaps of a plan's desired documents on the engine it was planned against. */
export interface EnforcementReport {
  /** Where the capability facts come from: the engine's own probe (`/v1/status` `tls.capabilities.source`). */
  readonly capabilitySource: string;
  /** One entry per HTTPS/SSL listener with a gap, by load balancer name, then port. */
  readonly listeners: ListenerEnforcementGap[];
}

/**
 * The gaps between what each desired TLS listener enables and what the engine can enforce, judged
 * with the engine's own capability report and the same translation the engine applies
 * (`TlsTranslation.translate`), so the plan shows exactly what the engine will report after apply.
 *
 * @param documents the desired load balancer documents
 * @param capabilities the capabilities the engine reported (`GET /v1/status`, `tls.capabilities`)
 */
export function enforcementGaps(documents: LoadBalancerDocument[], capabilities: TlsCapabilities): EnforcementReport {
  const listeners: ListenerEnforcementGap[] = [];
  for (const doc of [...documents].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    for (const l of [...doc.listeners].sort((a, b) => a.loadBalancerPort - b.loadBalancerPort)) {
      const policy = listenerCipherPolicy(doc, l);
      if (!policy) continue;
      const settings = TlsTranslation.translate(policy.policy, capabilities);
      if (!settings.unenforceable.length && settings.canNegotiate) continue;
      listeners.push({ loadBalancer: doc.name, port: l.loadBalancerPort, policyName: policy.name, unenforceable: settings.unenforceable, canNegotiate: settings.canNegotiate });
    }
  }
  return { capabilitySource: capabilities.source, listeners };
}

/**
 * Reads the capability report of `GET /v1/status` (`tls.capabilities`).
 * @returns undefined when the answer carries none (an engine older than the report)
 */
export function capabilitiesFromStatus(status: Record<string, unknown>): TlsCapabilities | undefined {
  const caps = (status.tls as { capabilities?: Partial<TlsCapabilities> } | undefined)?.capabilities;
  if (!caps || !Array.isArray(caps.protocols) || !Array.isArray(caps.ciphers)) return undefined;
  return { protocols: caps.protocols, ciphers: caps.ciphers, source: typeof caps.source === 'string' ? caps.source : 'engine' };
}
