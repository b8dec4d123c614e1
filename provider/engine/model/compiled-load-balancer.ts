import { createHmac } from 'crypto';
import { Finding, Findings } from '../../../lib/policy/findings';
import { LoadBalancerDocument, PolicyDocument } from '../../../lib/policy/document/load-balancer-document';
import { SslNegotiationAttributes } from '../../../lib/policy/attributes/ssl-negotiation-attributes';
import { PredefinedPolicies } from '../../../lib/policy/predefined/predefined-policies';
import { PolicyTypeName } from '../../../lib/policy/policy-types/policy-type-name';
import { CipherPolicies } from '../../../lib/policy/resolution/cipher-policies';
import { TlsCapabilities } from '../../../lib/policy/tls/tls-capabilities';
import { TlsServerSettings } from '../../../lib/policy/tls/tls-server-settings';
import { TlsTranslation } from '../../../lib/policy/tls/tls-translation';
import { BackendPinSet } from '../backends/backend-pin';
import { BackendTarget } from '../backends/backend-target';
import { ENGINE_FINDING_CODES } from '../errors';
import { ServerCertificateRecord } from '../certificates/server-certificate';
import { HealthCheckPlan } from '../health/health-checker';
import { parseHealthCheckTarget } from '../health/health-check-target';
import { compileStickiness, Stickiness } from '../listeners/stickiness';
import { ListenerTlsContexts } from '../tls/listener-tls-contexts';
import { PolicyModel } from './policy-model';

/** One listener, compiled once per applied revision. Immutable. */
export interface CompiledListener {
  readonly loadBalancerName: string;
  readonly port: number;
  readonly protocol: 'HTTP' | 'HTTPS' | 'TCP' | 'SSL';
  readonly instanceProtocol: 'HTTP' | 'HTTPS' | 'TCP' | 'SSL';
  readonly instancePort: number;
  /** The TLS contexts of HTTPS/SSL front ends (one, or one per version when the policy's versions have a gap). */
  readonly tlsContexts?: ListenerTlsContexts;
  /** The translated policy (HTTPS/SSL front ends). */
  readonly tlsSettings?: TlsServerSettings;
  /** The SSL negotiation policy's name, or the default's. */
  readonly sslPolicyName?: string;
  /** The certificate's name. */
  readonly certificateName?: string;
  /** Sticky sessions (HTTP/HTTPS listeners with an LB- or app-cookie policy). */
  readonly stickiness?: Stickiness;
  /** `X-Forwarded-Proto` value (`http`/`https`); precomputed. */
  readonly forwardedProto: string;
  /** `X-Forwarded-Port` value; precomputed. */
  readonly forwardedPort: string;
  /** A content key: equal keys mean nothing changed for this listener. */
  readonly key: string;
}

/** How `LoadBalancerCompiler.compile` builds TLS listeners. */
export interface CompileOptions {
  readonly previous?: CompiledLoadBalancer;
  readonly ticketKeySecret?: Buffer;
  readonly secureContexts?: boolean;
}

/** A load balancer compiled from its canonical document. */
export interface CompiledLoadBalancer {
  readonly name: string;
  readonly document: LoadBalancerDocument;
  readonly listeners: readonly CompiledListener[];
  /** Every registered instance's target per instance port (before health filtering). */
  readonly targetsByPort: ReadonlyMap<number, readonly BackendTarget[]>;
  /** Whether each instance port speaks Proxy Protocol v1. */
  readonly proxyProtocolPorts: ReadonlySet<number>;
  readonly healthPlan: HealthCheckPlan;
  readonly idleTimeoutMs: number;
  /** Parts of the document this engine does not enforce (reported, never silently dropped). */
  readonly notEnforced: readonly NotEnforced[];
}

/** One part of a document the local engine accepts but does not enforce. */
export interface NotEnforced {
  /** The document path, e.g. `policies['sticky']` or `connectionDraining`. */
  readonly path: string;
  /** What the engine does instead. */
  readonly reason: string;
}

/** The SSL policy of an HTTPS/SSL listener that names none: the model's default predefined policy. */
const DEFAULT_SSL_POLICY_ATTRIBUTES = [{ name: SslNegotiationAttributes.REFERENCE_SECURITY_POLICY, value: PredefinedPolicies.DEFAULT }];

const attr = (p: PolicyDocument, name: string) => p.attributes.filter((a) => a.name === name).map((a) => a.value);

/**
 * Compiles a validated document into what the data plane runs: resolved SSL policies and secure
 * contexts, pinned keys per instance port, targets, the health-check plan. All the policy work
 * happens here, once per applied revision; the data plane then only reads.
 */
export class LoadBalancerCompiler {
  /**
   * Compiles; returns findings (errors) for what the engine cannot run, e.g. a certificate it
   * does not hold or an instance without a loopback address.
   * @param options.previous the live revision; TLS listeners whose content did not change keep its contexts
   * @param options.ticketKeySecret when set, each TLS listener's session-ticket keys are derived
   *   from it and the listener's content key, so every worker of one engine builds the same keys
   *   @default - random ticket keys per context
   * @param options.secureContexts build each TLS listener's secure context (what serves traffic).
   *   The primary of a multi-worker engine serves none and skips them; its workers build their own
   *   (and report what OpenSSL refuses). @default true
   */
  public static compile(doc: LoadBalancerDocument, certificates: ReadonlyMap<string, ServerCertificateRecord>,
    capabilities: TlsCapabilities, options: CompileOptions = {}): { compiled?: CompiledLoadBalancer; findings: Finding[] } {
    const { previous, ticketKeySecret, secureContexts = true } = options;
    const findings: Finding[] = [];
    // A TLS listener whose content key did not change keeps its secure context (and so its session
    // ticket keys): an apply that touches another listener leaves this one exactly as it was.
    const previousContexts = new Map((previous?.listeners ?? []).filter((l) => l.tlsContexts).map((l) => [l.key, l]));
    const policies = new Map(doc.policies.map((p) => [p.policyName, p]));

    const listeners: CompiledListener[] = [];
    doc.listeners.forEach((l, i) => {
      const at = `listeners[${i}]`;
      const protocol = String(l.protocol).toUpperCase() as CompiledListener['protocol'];
      const instanceProtocol = String(l.instanceProtocol).toUpperCase() as CompiledListener['instanceProtocol'];
      const base = {
        loadBalancerName: doc.name, port: l.loadBalancerPort, protocol, instanceProtocol, instancePort: l.instancePort,
        forwardedProto: protocol === 'HTTPS' ? 'https' : 'http', forwardedPort: String(l.loadBalancerPort),
      };
      const stickiness = protocol === 'HTTP' || protocol === 'HTTPS'
        ? compileStickiness(doc.name, l.policyNames.map((n) => policies.get(n)), doc.instances.map((inst) => inst.instanceId)) : undefined;
      if (protocol !== 'HTTPS' && protocol !== 'SSL') {
        listeners.push({ ...base, stickiness, key: JSON.stringify(base) });
        return;
      }
      const certName = l.sslCertificateId ?? '';
      const cert = certificates.get(certName);
      if (!cert) {
        findings.push(Findings.error(ENGINE_FINDING_CODES.UNKNOWN_CERTIFICATE, `${at}.sslCertificateId`, Findings.quote(certName),
          `${at}.sslCertificateId is ${Findings.quote(certName)}, which names no server certificate this engine holds.`,
          'An HTTPS/SSL listener of the local engine names a certificate uploaded with PUT /v1/server-certificates/{name}.',
          `upload it first, or use one of: ${[...certificates.keys()].map((n) => `'${n}'`).join(', ') || '(none uploaded)'}.`));
        return;
      }
      const sslPolicies = l.policyNames.map((n) => policies.get(n)).filter((p): p is PolicyDocument => p?.policyTypeName === PolicyTypeName.SSL_NEGOTIATION);
      const policy = sslPolicies[0];
      const resolution = CipherPolicies.fromAttributes(policy ? policy.attributes : DEFAULT_SSL_POLICY_ATTRIBUTES, policy ? `policies['${policy.policyName}'].attributes` : 'defaultSslPolicy');
      if (!resolution.policy) {
        findings.push(...Findings.errors(resolution.findings));
        return;
      }
      const keyParts = { ...base, certName, certRevision: cert.revision, certDigest: PolicyModel.shortDigest(cert.certificateBody + (cert.certificateChain ?? '')), policy: resolution.policy.contentHash, policyName: policy?.policyName, stickiness: stickiness?.policyName };
      const key = JSON.stringify(keyParts);
      const reuse = previousContexts.get(key);
      if (reuse) {
        listeners.push({ ...reuse, stickiness });
        return;
      }
      const settings = TlsTranslation.translate(resolution.policy, capabilities);
      let tlsContexts: ListenerTlsContexts | undefined;
      if (secureContexts) {
        try {
          const ticketKeys = ticketKeySecret ? createHmac('sha384', ticketKeySecret).update(key).digest() : undefined;
          tlsContexts = ListenerTlsContexts.build(settings, { body: cert.certificateBody, privateKey: cert.privateKey, chain: cert.certificateChain }, ticketKeys);
        } catch (e) {
          findings.push(Findings.error(ENGINE_FINDING_CODES.TLS_CONTEXT, at, Findings.quote(certName),
            `${at}: OpenSSL refused the TLS settings with certificate ${Findings.quote(certName)}: ${(e as Error).message}.`,
            'The engine builds one TLS context per HTTPS/SSL listener from its certificate and SSL negotiation policy.',
            'check that the certificate and key belong together and that the policy enables something this OpenSSL can negotiate.'));
          return;
        }
      }
      listeners.push({ ...base, stickiness, tlsContexts, tlsSettings: settings, sslPolicyName: policy?.policyName ?? `${PredefinedPolicies.DEFAULT} (default)`, certificateName: certName, key });
    });

    // Pins and proxy protocol per instance port.
    const pinsByPort = new Map<number, BackendPinSet>();
    const proxyProtocolPorts = new Set<number>();
    doc.backendServers.forEach((b, bi) => {
      for (const name of b.policyNames) {
        const p = policies.get(name);
        if (!p) continue;
        if (p.policyTypeName === PolicyTypeName.PROXY_PROTOCOL && attr(p, 'ProxyProtocol')[0] === 'true') proxyProtocolPorts.add(b.instancePort);
        if (p.policyTypeName !== PolicyTypeName.BACKEND_SERVER_AUTHENTICATION) continue;
        const keys = new Set<string>(pinsByPort.get(b.instancePort)?.keys ?? []);
        for (const keyPolicyName of attr(p, 'PublicKeyPolicyName')) {
          const kp = policies.get(keyPolicyName);
          const value = kp ? attr(kp, 'PublicKey')[0] : undefined;
          const normalized = value === undefined ? undefined : PolicyModel.normalizePublicKey(value, `policies['${keyPolicyName}'].attributes.PublicKey`);
          if (!normalized?.publicKey) {
            if (normalized) findings.push(...Findings.errors(normalized.findings));
            findings.push(Findings.error(ENGINE_FINDING_CODES.PUBLIC_KEY, `backendServers[${bi}]`, Findings.quote(keyPolicyName),
              `backendServers[${bi}] (port ${b.instancePort}) uses policy '${name}', whose public-key policy ${Findings.quote(keyPolicyName)} is missing or holds no readable PublicKey.`,
              'A BackendServerAuthenticationPolicyType policy names PublicKeyPolicyType policies, each with one PublicKey (base64 SPKI).',
              'declare the public-key policy with the back end\'s key.'));
            continue;
          }
          keys.add(normalized.publicKey);
        }
        pinsByPort.set(b.instancePort, { policyName: name, keys });
      }
    });

    const targetsByPort = new Map<number, BackendTarget[]>();
    const ports = new Map<number, boolean>();
    for (const l of listeners) ports.set(l.instancePort, l.instanceProtocol === 'HTTPS' || l.instanceProtocol === 'SSL');
    doc.instances.forEach((inst, i) => {
      // No address: registered but unmapped (not a target, not checked, OutOfService with a reason).
      if (inst.address !== undefined && !isLoopback(inst.address)) {
        findings.push(Findings.error(ENGINE_FINDING_CODES.INSTANCE_ADDRESS, `instances[${i}].address`, Findings.quote(inst.address),
          `instances[${i}] ('${inst.instanceId}') has address ${Findings.quote(inst.address)}; the local engine reaches instances only on loopback.`,
          'The local engine sends traffic to 127.0.0.0/8 or ::1 only.',
          'set address to a loopback address such as \'127.0.0.11\'.'));
      }
    });
    for (const [port, useTls] of ports) {
      const pins = useTls ? pinsByPort.get(port) : undefined;
      targetsByPort.set(port, doc.instances.filter((inst) => inst.address).map((inst) => ({ instanceId: inst.instanceId, address: inst.address!, port, tls: useTls, pins })));
    }
    const hcTarget = parseHealthCheckTarget(doc.healthCheck.target);
    if (!hcTarget) {
      findings.push(Findings.error(ENGINE_FINDING_CODES.HEALTH_TARGET, 'healthCheck.target', Findings.quote(doc.healthCheck.target),
        `healthCheck.target is ${Findings.quote(doc.healthCheck.target)}.`, 'ELB targets are HTTP:port/path, HTTPS:port/path, TCP:port or SSL:port.', 'use e.g. \'HTTP:80/health\'.'));
    }
    if (Findings.hasErrors(findings)) return { findings };
    const notEnforced = LoadBalancerCompiler.notEnforced(doc);
    const healthPlan: HealthCheckPlan = {
      loadBalancerName: doc.name,
      healthCheck: doc.healthCheck,
      instances: doc.instances.filter((i) => i.address !== undefined).map((i) => ({ instanceId: i.instanceId, address: i.address! })),
      pins: pinsByPort.get(hcTarget!.port),
    };
    return {
      compiled: { name: doc.name, document: doc, listeners, targetsByPort, proxyProtocolPorts, healthPlan, idleTimeoutMs: doc.idleTimeoutSeconds * 1000, notEnforced },
      findings,
    };
  }

  /** What this engine accepts in a document but does not enforce (yet). */
  private static notEnforced(doc: LoadBalancerDocument): NotEnforced[] {
    const out: NotEnforced[] = [];
    if (doc.accessLog?.enabled) out.push({ path: 'accessLog.s3BucketName', reason: 'access logs are written to <stateDir>/access-logs/<name>/ on this machine, not to S3.' });
    out.push({ path: 'desyncMitigationMode', reason: `'${doc.desyncMitigationMode}' is not classified request by request: Node's HTTP parser refuses malformed and ambiguous requests (400) in every mode.` });
    return out;
  }

  private constructor() {}
}

/** True for 127.0.0.0/8 and ::1 (the only addresses the engine sends traffic to). */
export function isLoopback(address: string): boolean {
  return /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.test(address) || address === '::1';
}
