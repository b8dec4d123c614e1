import { CipherCatalog } from '../attributes/cipher-catalog';
import { TlsProtocols } from '../attributes/protocols';
import { CipherStrength, TlsProtocol } from '../attributes/types';
import { canonicalProtocol } from '../document/canonical-spelling';
import { ListenerProtocol } from '../document/listener-protocol';
import { ListenerDocument } from '../document/load-balancer-document';
import { Finding, Findings } from '../findings';
import { HealthCheckTargets } from '../health/health-check-targets';
import { strongestPredefinedPolicy } from '../predefined/strongest-predefined-policy';
import { ResolvedCipherPolicy } from '../resolution/resolved-cipher-policy';
import { isSecureProtocol } from '../queries/secure-protocol';
import { SecurityWarningIds } from './security-warning-ids';

const PROTOCOL_RULES: Array<[TlsProtocol, string]> = [
  [TlsProtocol.SSL_V3, SecurityWarningIds.SSLV3_ENABLED],
  [TlsProtocol.TLS_V1, SecurityWarningIds.TLS10_ENABLED],
  [TlsProtocol.TLS_V1_1, SecurityWarningIds.TLS11_ENABLED],
];

// Compared in canonical spelling, so no spelling of a protocol ('https', 'Https') skips a warning.
const isProtocol = (p: string, expected: ListenerProtocol) => canonicalProtocol(p) === expected;

/**
 * Security warnings for settings ELB accepts but that weaken security: weak protocols, 3DES and
 * other weak ciphers, client cipher order, HTTPS/SSL back ends without back-end authentication,
 * and HTTP without HTTPS. Each is a WARNING finding whose code is a `SecurityWarningIds` rule id.
 *
 * The constructs report them at synth (and let users acknowledge them); the deploy core and the
 * engine can show the same advice, so every front end says the same thing.
 */
export class SecurityAdvice {
  /**
   * Warnings for one SSL negotiation policy in use. Legacy ciphers are not warned about
   * (ELB's default policy has them).
   *
   * @param policy the canonical policy
   * @param subject how messages name the policy, e.g. `CipherPolicy 'Strict'`
   * @param path the property path findings carry
   */
  public static forCipherPolicy(policy: ResolvedCipherPolicy, subject: string, path: string): Finding[] {
    const findings: Finding[] = [];
    for (const [protocol, code] of PROTOCOL_RULES) {
      if (!policy.protocols.includes(protocol)) continue;
      const facts = TlsProtocols.find(protocol)!;
      findings.push(Findings.warning(code, path, `'${protocol}'`,
        `${subject} enables '${protocol}': ${facts.reason}.`,
        `${facts.versionName} is legal on Classic ELB but no longer safe.`,
        `disable '${protocol}' (e.g. start from ${strongestPredefinedPolicy().name}) once no client needs it.`));
    }
    const weak = policy.ciphers.map((c) => CipherCatalog.find(c)!).filter((s) => s && s.strength === CipherStrength.WEAK);
    const tripleDes = weak.filter((s) => s.encryption.includes('3DES'));
    const otherWeak = weak.filter((s) => !s.encryption.includes('3DES'));
    const names = (list: typeof weak) => list.map((s) => `'${s.name}'`).join(', ');
    if (tripleDes.length) {
      findings.push(Findings.warning(SecurityWarningIds.TRIPLE_DES, path, names(tripleDes),
        `${subject} enables 3DES: ${names(tripleDes)} (64-bit block cipher, Sweet32).`,
        '3DES suites are classified weak: their 64-bit block allows the Sweet32 attack.',
        `disable ${names(tripleDes)}.`));
    }
    if (otherWeak.length) {
      findings.push(Findings.warning(SecurityWarningIds.WEAK_CIPHER, path, names(otherWeak),
        `${subject} enables weak ciphers: ${otherWeak.map((s) => `'${s.name}' (${s.weaknesses.join(', ')})`).join(', ')}.`,
        'RC4, DES, export, anonymous, MD5-MAC, IDEA, RC2, Kerberos and SSLv2-only suites are classified weak.',
        `disable ${names(otherWeak)}.`));
    }
    if (!policy.serverDefinedCipherOrder) {
      findings.push(Findings.warning(SecurityWarningIds.CLIENT_CIPHER_ORDER, path, "'false'",
        `${subject} has 'Server-Defined-Cipher-Order' false: a client may pick the weakest cipher both sides allow.`,
        'With server order the load balancer picks the first suite of its own list the client offers.',
        "enable 'Server-Defined-Cipher-Order'."));
    }
    return findings;
  }

  /**
   * Warnings about a load balancer's listeners: an HTTPS/SSL back end whose instance port has no
   * back-end authentication, and HTTP listeners without any HTTPS listener.
   *
   * @param listeners the listeners
   * @param authenticatedInstancePorts instance ports carrying a back-end authentication policy
   * @param listenerPaths how messages name each listener (same order), e.g. `listeners[0]`
   */
  public static forListeners(listeners: ListenerDocument[], authenticatedInstancePorts: number[], listenerPaths: string[]): Finding[] {
    const findings: Finding[] = [];
    listeners.forEach((l, i) => {
      const path = listenerPaths[i] ?? `listeners[${i}]`;
      if (isSecureProtocol(l.instanceProtocol) && !authenticatedInstancePorts.includes(l.instancePort)) {
        findings.push(Findings.warning(SecurityWarningIds.NO_BACKEND_AUTH, `${path}.instanceProtocol`, `'${canonicalProtocol(l.instanceProtocol)}'`,
          `${path}.instanceProtocol is '${canonicalProtocol(l.instanceProtocol)}' but instance port ${l.instancePort} has no back-end authentication: the load balancer encrypts to any server that answers, without checking its key.`,
          'Without a BackendServerAuthentication policy ELB does not verify back-end certificates at all.',
          `pin the back end's public key on instance port ${l.instancePort} (a PublicKeyPolicyType policy referenced by a BackendServerAuthenticationPolicyType policy; BackendAuth in this library).`));
      }
    });
    const httpIndexes = listeners.map((l, i) => (isProtocol(l.protocol, ListenerProtocol.HTTP) ? i : -1)).filter((i) => i >= 0);
    if (httpIndexes.length && !listeners.some((l) => isProtocol(l.protocol, ListenerProtocol.HTTPS))) {
      const paths = httpIndexes.map((i) => listenerPaths[i] ?? `listeners[${i}]`);
      const many = paths.length > 1;
      findings.push(Findings.warning(SecurityWarningIds.HTTP_WITHOUT_HTTPS, paths[0], "'HTTP'",
        `${paths.join(', ')} ${many ? 'are' : 'is an'} HTTP listener${many ? 's' : ''} and the load balancer has no HTTPS listener: every request travels in clear text.`,
        'Client traffic is only protected on HTTPS/SSL listeners.',
        'add an HTTPS listener with a certificate (and redirect HTTP to it in the application).'));
    }
    return findings;
  }

  /**
   * A warning when the health check probes an instance port that no listener forwards to. ELB
   * accepts any port, but such a check says nothing about the ports that carry traffic: a broken
   * application stays InService, or (when nothing answers on that port) every instance goes
   * OutOfService and clients get 503. A dedicated health port is legitimate: acknowledge it.
   * Targets that do not parse are left to the health-check target rule.
   *
   * @param target the health-check target, e.g. `HTTP:8080/ping`
   * @param listeners the listeners
   * @param path the property path findings carry, e.g. `healthCheck.target`
   */
  public static forHealthCheck(target: string, listeners: ListenerDocument[], path: string): Finding[] {
    const parsed = HealthCheckTargets.parse(target);
    if (!parsed || listeners.length === 0) return [];
    const ports = [...new Set(listeners.map((l) => l.instancePort))].sort((a, b) => a - b);
    if (ports.includes(parsed.port)) return [];
    const served = listeners.find((l) => canonicalProtocol(l.instanceProtocol) === parsed.protocol) ?? listeners[0];
    const suggestion = parsed.path ? `${parsed.protocol}:${served.instancePort}${parsed.path}` : `${parsed.protocol}:${served.instancePort}`;
    return [Findings.warning(SecurityWarningIds.HEALTH_CHECK_PORT_UNSERVED, path, `'${target}'`,
      `${path} is '${target}', but no listener forwards to instance port ${parsed.port} (the listeners' instance ports: ${ports.join(', ')}): the check does not test the ports that serve traffic.`,
      'ELB health-checks the port it is given, any port; instances are taken in or out of service by that answer alone, so a check on an unused port can keep a broken back end in service, or take every instance out of service (503) when nothing answers there.',
      `check a port the listeners forward to, e.g. '${suggestion}', or acknowledge the warning if ${parsed.port} is a dedicated health port.`)];
  }

  private constructor() {}
}
