import { createHmac } from 'crypto';
import { Finding, Findings } from '../../../lib/policy/findings';
import { ListenerDocument, LoadBalancerDocument, PolicyDocument } from '../../../lib/policy/document/load-balancer-document';
import { PredefinedPolicies } from '../../../lib/policy/predefined/predefined-policies';
import { backendPins } from '../../../lib/policy/queries/backend-pins';
import { effectiveSslPolicy } from '../../../lib/policy/queries/effective-ssl-policy';
import { proxyProtocolPorts } from '../../../lib/policy/queries/proxy-protocol-ports';
import { isHttpProtocol, isSecureProtocol } from '../../../lib/policy/queries/secure-protocol';
import { TlsCapabilities } from '../../../lib/policy/tls/tls-capabilities';
import { TlsServerSettings } from '../../../lib/policy/tls/tls-server-settings';
import { TlsTranslation } from '../../../lib/policy/tls/tls-translation';
import { BackendPinSet } from '../backends/backend-pin';
import { BackendTarget } from '../backends/backend-target';
import { ENGINE_FINDING_CODES } from '../errors';
import { ServerCertificateRecord } from '../certificates/server-certificate';
import { HealthCheckPlan } from '../health/health-check-plan';
import { HealthCheckTarget, parseHealthCheckTarget } from '../health/health-check-target';
import { compileStickiness, Stickiness } from '../backends/stickiness';
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

/** What every part of one compile shares: the document, its policies by name, and the findings so far. */
interface CompileContext {
  readonly doc: LoadBalancerDocument;
  readonly policies: ReadonlyMap<string, PolicyDocument>;
  readonly findings: Finding[];
}

/**
 * Compiles a validated document into what the data plane runs: resolved SSL policies and secure
 * contexts, pinned keys per instance port, targets, the health-check plan. All the policy work
 * happens here, once per applied revision; the data plane then only reads. What a document means
 * (a listener's SSL policy, a back end's pins, proxy-protocol ports, which protocols carry TLS)
 * comes from the model's queries (`lib/policy/queries`); the compiler adds only what running it
 * locally needs (certificates it holds, loopback addresses, secure contexts).
 */
export class LoadBalancerCompiler {
  /**
   * Compiles; returns findings (errors) for what the engine cannot run, e.g. a certificate it
   * does not hold or an instance without a loopback address. Findings come in the order of the
   * parts: listeners, back-end pins, instance addresses, the health-check target.
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
    const ctx: CompileContext = { doc, policies: new Map(doc.policies.map((p) => [p.policyName, p])), findings: [] };
    const listeners = LoadBalancerCompiler.compileListeners(ctx, certificates, capabilities, options);
    const pinsByPort = LoadBalancerCompiler.compilePins(ctx);
    LoadBalancerCompiler.checkInstanceAddresses(ctx);
    const targetsByPort = LoadBalancerCompiler.compileTargets(doc, listeners, pinsByPort);
    const hcTarget = LoadBalancerCompiler.checkHealthCheckTarget(ctx);
    const { findings } = ctx;
    if (Findings.hasErrors(findings) || !hcTarget) return { findings };
    const healthPlan: HealthCheckPlan = {
      loadBalancerName: doc.name,
      healthCheck: doc.healthCheck,
      instances: doc.instances.filter((i) => i.address !== undefined).map((i) => ({ instanceId: i.instanceId, address: i.address! })),
      pins: pinsByPort.get(hcTarget.port),
    };
    return {
      compiled: {
        name: doc.name, document: doc, listeners, targetsByPort, proxyProtocolPorts: proxyProtocolPorts(doc), healthPlan,
        idleTimeoutMs: doc.idleTimeoutSeconds * 1000, notEnforced: LoadBalancerCompiler.notEnforced(doc),
      },
      findings,
    };
  }

  /** Every listener that compiles, in document order (one that does not adds findings instead). */
  private static compileListeners(ctx: CompileContext, certificates: ReadonlyMap<string, ServerCertificateRecord>,
    capabilities: TlsCapabilities, options: CompileOptions): CompiledListener[] {
    // A TLS listener whose content key did not change keeps its secure context (and so its session
    // ticket keys): an apply that touches another listener leaves this one exactly as it was.
    const previousContexts = new Map((options.previous?.listeners ?? []).filter((l) => l.tlsContexts).map((l) => [l.key, l]));
    const listeners: CompiledListener[] = [];
    ctx.doc.listeners.forEach((l, i) => {
      const compiled = LoadBalancerCompiler.compileListener(ctx, l, `listeners[${i}]`, certificates, capabilities, options, previousContexts);
      if (compiled) listeners.push(compiled);
    });
    return listeners;
  }

  /** One listener: plain (HTTP/TCP) as it is; HTTPS/SSL with its certificate, SSL policy and secure contexts. */
  private static compileListener(ctx: CompileContext, l: ListenerDocument, at: string,
    certificates: ReadonlyMap<string, ServerCertificateRecord>, capabilities: TlsCapabilities, options: CompileOptions,
    previousContexts: ReadonlyMap<string, CompiledListener>): CompiledListener | undefined {
    const { doc, policies, findings } = ctx;
    const protocol = String(l.protocol).toUpperCase() as CompiledListener['protocol'];
    const instanceProtocol = String(l.instanceProtocol).toUpperCase() as CompiledListener['instanceProtocol'];
    const base = {
      loadBalancerName: doc.name, port: l.loadBalancerPort, protocol, instanceProtocol, instancePort: l.instancePort,
      forwardedProto: protocol === 'HTTPS' ? 'https' : 'http', forwardedPort: String(l.loadBalancerPort),
    };
    const stickiness = isHttpProtocol(protocol)
      ? compileStickiness(doc.name, l.policyNames.map((n) => policies.get(n)), doc.instances.map((inst) => inst.instanceId)) : undefined;
    const ssl = effectiveSslPolicy(doc, l);
    if (!ssl) return { ...base, stickiness, key: JSON.stringify(base) };
    const certName = l.sslCertificateId ?? '';
    const cert = certificates.get(certName);
    if (!cert) {
      findings.push(Findings.error(ENGINE_FINDING_CODES.UNKNOWN_CERTIFICATE, `${at}.sslCertificateId`, Findings.quote(certName),
        `${at}.sslCertificateId is ${Findings.quote(certName)}, which names no server certificate this engine holds.`,
        'An HTTPS/SSL listener of the local engine names a certificate uploaded with PUT /v1/server-certificates/{name}.',
        `upload it first, or use one of: ${[...certificates.keys()].map((n) => `'${n}'`).join(', ') || '(none uploaded)'}.`));
      return undefined;
    }
    const resolved = ssl.resolution.policy;
    if (!resolved) {
      findings.push(...Findings.errors(ssl.resolution.findings));
      return undefined;
    }
    const policyName = ssl.policy?.policyName;
    const keyParts = { ...base, certName, certRevision: cert.revision, certDigest: PolicyModel.shortDigest(cert.certificateBody + (cert.certificateChain ?? '')), policy: resolved.contentHash, policyName, stickiness: stickiness?.policyName };
    const key = JSON.stringify(keyParts);
    const reuse = previousContexts.get(key);
    if (reuse) return { ...reuse, stickiness };
    const settings = TlsTranslation.translate(resolved, capabilities);
    const tlsContexts = LoadBalancerCompiler.buildContexts(ctx, at, certName, cert, settings, key, options);
    if (tlsContexts === null) return undefined;
    return { ...base, stickiness, tlsContexts, tlsSettings: settings, sslPolicyName: policyName ?? `${PredefinedPolicies.DEFAULT} (default)`, certificateName: certName, key };
  }

  /**
   * A TLS listener's secure contexts; undefined when `options.secureContexts` is false, null (with
   * a finding) when OpenSSL refuses the settings.
   */
  private static buildContexts(ctx: CompileContext, at: string, certName: string, cert: ServerCertificateRecord,
    settings: TlsServerSettings, key: string, options: CompileOptions): ListenerTlsContexts | undefined | null {
    const { ticketKeySecret, secureContexts = true } = options;
    if (!secureContexts) return undefined;
    try {
      const ticketKeys = ticketKeySecret ? createHmac('sha384', ticketKeySecret).update(key).digest() : undefined;
      return ListenerTlsContexts.build(settings, { body: cert.certificateBody, privateKey: cert.privateKey, chain: cert.certificateChain }, ticketKeys);
    } catch (e) {
      ctx.findings.push(Findings.error(ENGINE_FINDING_CODES.TLS_CONTEXT, at, Findings.quote(certName),
        `${at}: OpenSSL refused the TLS settings with certificate ${Findings.quote(certName)}: ${(e as Error).message}.`,
        'The engine builds one TLS context per HTTPS/SSL listener from its certificate and SSL negotiation policy.',
        'check that the certificate and key belong together and that the policy enables something this OpenSSL can negotiate.'));
      return null;
    }
  }

  /**
   * The pinned keys per instance port (the model's `backendPins`; several authentication policies
   * on one port pool their keys). A key the engine cannot read is an error.
   */
  private static compilePins(ctx: CompileContext): Map<number, BackendPinSet> {
    const pinsByPort = new Map<number, BackendPinSet>();
    for (const pin of backendPins(ctx.doc)) {
      const keys = new Set<string>(pinsByPort.get(pin.instancePort)?.keys ?? []);
      for (const key of pin.keys) {
        if (key.publicKey === undefined) {
          const at = `backendServers[${pin.backendIndex}]`;
          ctx.findings.push(...Findings.errors(key.findings));
          ctx.findings.push(Findings.error(ENGINE_FINDING_CODES.PUBLIC_KEY, at, Findings.quote(key.keyPolicyName),
            `${at} (port ${pin.instancePort}) uses policy '${pin.policyName}', whose public-key policy ${Findings.quote(key.keyPolicyName)} is missing or holds no readable PublicKey.`,
            'A BackendServerAuthenticationPolicyType policy names PublicKeyPolicyType policies, each with one PublicKey (base64 SPKI).',
            'declare the public-key policy with the back end\'s key.'));
          continue;
        }
        keys.add(key.publicKey);
      }
      pinsByPort.set(pin.instancePort, { policyName: pin.policyName, keys });
    }
    return pinsByPort;
  }

  /**
   * An instance's address must be loopback, the only addresses the local engine sends traffic to.
   * No address at all is allowed: registered but unmapped (not a target, not checked, OutOfService
   * with a reason).
   */
  private static checkInstanceAddresses(ctx: CompileContext): void {
    ctx.doc.instances.forEach((inst, i) => {
      if (inst.address !== undefined && !isLoopback(inst.address)) {
        ctx.findings.push(Findings.error(ENGINE_FINDING_CODES.INSTANCE_ADDRESS, `instances[${i}].address`, Findings.quote(inst.address),
          `instances[${i}] ('${inst.instanceId}') has address ${Findings.quote(inst.address)}; the local engine reaches instances only on loopback.`,
          'The local engine sends traffic to 127.0.0.0/8 or ::1 only.',
          'set address to a loopback address such as \'127.0.0.11\'.'));
      }
    });
  }

  /**
   * The targets of each instance port the listeners forward to: every instance with an address,
   * over TLS when the port's back-end protocol carries it (then with the port's pins).
   */
  private static compileTargets(doc: LoadBalancerDocument, listeners: readonly CompiledListener[],
    pinsByPort: ReadonlyMap<number, BackendPinSet>): Map<number, BackendTarget[]> {
    const ports = new Map<number, boolean>();
    for (const l of listeners) ports.set(l.instancePort, isSecureProtocol(l.instanceProtocol));
    const targetsByPort = new Map<number, BackendTarget[]>();
    for (const [port, useTls] of ports) {
      const pins = useTls ? pinsByPort.get(port) : undefined;
      targetsByPort.set(port, doc.instances.filter((inst) => inst.address).map((inst) => ({ instanceId: inst.instanceId, address: inst.address!, port, tls: useTls, pins })));
    }
    return targetsByPort;
  }

  /** The parsed health-check target, or undefined (with a finding) when the engine cannot read it. */
  private static checkHealthCheckTarget(ctx: CompileContext): HealthCheckTarget | undefined {
    const { doc } = ctx;
    const hcTarget = parseHealthCheckTarget(doc.healthCheck.target);
    if (!hcTarget) {
      ctx.findings.push(Findings.error(ENGINE_FINDING_CODES.HEALTH_TARGET, 'healthCheck.target', Findings.quote(doc.healthCheck.target),
        `healthCheck.target is ${Findings.quote(doc.healthCheck.target)}.`, 'ELB targets are HTTP:port/path, HTTPS:port/path, TCP:port or SSL:port.', 'use e.g. \'HTTP:80/health\'.'));
    }
    return hcTarget;
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
