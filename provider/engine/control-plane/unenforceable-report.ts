import { ENGINE_LOG_CODES } from '../errors';
import { EngineLogger } from '../logging/logger';
import { CompiledLoadBalancer } from '../model/compiled-load-balancer';

/**
 * Logs what of a compiled load balancer this engine accepts but does not enforce: document parts
 * (info), policy attributes this OpenSSL cannot negotiate (warning), and listeners on which nothing
 * can be negotiated at all (error).
 */
export function reportUnenforceable(logger: EngineLogger, compiled: CompiledLoadBalancer): void {
  if (compiled.notEnforced.length) logger.info({ loadBalancer: compiled.name, notEnforced: compiled.notEnforced }, 'parts of the document the local engine does not enforce');
  for (const l of compiled.listeners) {
    if (!l.tlsSettings) continue;
    if (l.tlsSettings.unenforceable.length) {
      logger.warn({ loadBalancer: compiled.name, port: l.port, sslPolicyName: l.sslPolicyName, unenforceable: l.tlsSettings.unenforceable, source: l.tlsSettings.capabilitySource },
        `${ENGINE_LOG_CODES.UNENFORCEABLE}: the policy enables attributes this OpenSSL cannot negotiate; they are not offered`);
    }
    if (!l.tlsSettings.canNegotiate) {
      logger.error({ loadBalancer: compiled.name, port: l.port, sslPolicyName: l.sslPolicyName },
        `${ENGINE_LOG_CODES.CANNOT_NEGOTIATE}: nothing this policy enables can be negotiated here; every handshake on this listener is refused`);
    }
  }
}
