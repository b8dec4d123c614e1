import { Lazy } from 'cdktf';
import { Construct } from 'constructs';
import { canonicalHealthCheckTarget, canonicalProtocol } from '../policy/document/canonical-spelling';
import { LoadBalancerDocument } from '../policy/document/load-balancer-document';
import { PredefinedPolicies } from '../policy/predefined/predefined-policies';
import { defaultSslPolicy } from '../policy/queries/effective-ssl-policy';
import { isSecureProtocol } from '../policy/queries/secure-protocol';
import { DeploymentTarget } from '../targets/deployment-target';
import { IDeploymentTarget } from '../targets/deployment-target-interface';
import { RenderedLoadBalancer } from '../targets/rendered-load-balancer';
import { DeploymentTargetKind } from '../targets/target-kind';
import type { IBackendAuth } from './backend-auth-interface';
import { CipherPolicy } from './cipher-policy';
import { ImportedClassicLoadBalancer } from './imported-load-balancer';
import { LoadBalancerListener } from './listener';
import { ISecureClassicLoadBalancer } from './load-balancer-interface';
import { SecureClassicLoadBalancerProps } from './secure-classic-load-balancer-props';
import { acknowledge, reportWarnings, SecurityWarning } from './private/acknowledgements';
import { renderOnSynth } from './private/render-on-synth';
import { cipherPolicyWarnings, loadBalancerWarnings } from './private/security-warnings';
import { validateLoadBalancerDocument } from './private/validate-document';
import { LoadBalancerDocuments } from '../policy/document/load-balancer-documents';
import { assertSameFramework } from './private/framework-check';
import { checkAttachedCipherPolicies } from './private/attached-cipher-policies';
import { backendServerDocuments } from './private/backend-server-documents';
import { healthCheckDocument } from './private/health-check-document';
import { listenerDocuments } from './private/listener-documents';
import { instancePortOf, ListenerEntry } from './private/listener-entry';
import { loadBalancerAttributes } from './private/load-balancer-attributes';
import { PolicyCollector } from './private/policy-collector';

/**
 * An AWS Classic Load Balancer whose TLS settings are checked before deploy: every ELB rule of the
 * policy model fails at synth with its code, the offending property, the rule and the fix, and
 * legal-but-weak settings (TLS 1.0, 3DES, no back-end authentication, HTTP without HTTPS) are
 * reported as warnings with stable rule ids that can be acknowledged with a reason.
 *
 * The construct assembles the canonical `LoadBalancerDocument` when the stack is synthesized (so
 * listeners, instances and policies added later are included) and hands it to its deployment
 * target. On AWS that is an `aws_elb`, one `aws_load_balancer_policy` per policy (complete
 * attributes, content-hashed names, create-before-destroy), one listener policy per listener port,
 * one back-end server policy per instance port and one `aws_elb_attachment` per instance.
 *
 * @example
 * const lb = new SecureClassicLoadBalancer(this, 'MyLoadBalancer', {
 *   name: 'MyLoadBalancer',
 *   availabilityZones: ['us-east-1a'],
 *   listeners: [
 *     { loadBalancerPort: 80, protocol: ListenerProtocol.HTTP, instancePort: 8080, instanceProtocol: ListenerProtocol.HTTP },
 *     { loadBalancerPort: 443, protocol: ListenerProtocol.HTTPS, instancePort: 443, instanceProtocol: ListenerProtocol.HTTPS,
 *       certificate: cert, cipherPolicy: ciphers },
 *   ],
 *   healthCheck: { target: 'HTTP:8080/ping', interval: 30, timeout: 3, healthyThreshold: 2, unhealthyThreshold: 2 },
 *   instances: ['i-4f8cf126', 'i-0bb7ca62'],
 * });
 */
export class SecureClassicLoadBalancer extends Construct implements ISecureClassicLoadBalancer {
  /**
   * A load balancer this stack did not create, by name, so `CipherPolicy` and `BackendAuth` can
   * be adopted in an existing stack one piece at a time. The stack then owns the complete policy
   * list of each listener port and instance port it attaches to.
   */
  public static fromLoadBalancerName(scope: Construct, id: string, loadBalancerName: string): ISecureClassicLoadBalancer {
    return new ImportedClassicLoadBalancer(scope, id, loadBalancerName);
  }

  /** The load balancer's name, as a reference to the created load balancer. */
  public readonly loadBalancerName: string;
  /** The DNS name clients connect to (a reference). */
  public readonly dnsName: string;
  /** The deployment target this load balancer renders to. */
  public readonly target: IDeploymentTarget;

  private readonly props: SecureClassicLoadBalancerProps;
  private readonly name: string;
  private readonly listeners: ListenerEntry[] = [];
  private readonly instances: string[] = [];
  private readonly proxyProtocolPorts: number[] = [];
  private readonly attachedCipherPolicies = new Map<number, CipherPolicy>();
  private readonly backendAuths: IBackendAuth[] = [];
  private rendered?: RenderedLoadBalancer;

  constructor(scope: Construct, id: string, props: SecureClassicLoadBalancerProps = {}) {
    super(scope, id);
    assertSameFramework(this);
    this.props = props;
    this.target = DeploymentTarget.resolve(this, props.target);
    this.name = props.name ?? (id.replace(/[^A-Za-z0-9-]/g, '-').replace(/^-+/, '').slice(0, 32).replace(/-+$/, '') || 'load-balancer');
    this.loadBalancerName = Lazy.stringValue({ produce: () => this.rendered?.loadBalancerName ?? this.name });
    this.dnsName = Lazy.stringValue({ produce: () => this.rendered?.dnsName ?? '' });
    (props.listeners ?? []).forEach((l, i) => this.addListenerAt(`listeners[${i}]`, l));
    (props.instances ?? []).forEach((instanceId) => this.addInstance(instanceId));
    (props.proxyProtocolPorts ?? []).forEach((port) => this.enableProxyProtocol(port));
    renderOnSynth(this, () => this.render());
  }

  /** Adds a listener (the `listeners` prop goes through the same path). */
  public addListener(listener: LoadBalancerListener): void {
    this.addListenerAt(`listeners[${this.listeners.length}]`, listener);
  }

  /** Registers an EC2 instance; the id may be a token (e.g. an `Instance` resource's `id`). */
  public addInstance(instanceId: string): void {
    this.instances.push(instanceId);
  }

  /** Sends a Proxy Protocol v1 header on back-end connections to `instancePort` (TCP/SSL listeners). */
  public enableProxyProtocol(instancePort: number): void {
    if (!this.proxyProtocolPorts.includes(instancePort)) this.proxyProtocolPorts.push(instancePort);
  }

  /** Uses `cipherPolicy` on the listener at `loadBalancerPort` (which must not name another one). */
  public attachCipherPolicy(loadBalancerPort: number, cipherPolicy: CipherPolicy): void {
    this.attachedCipherPolicies.set(loadBalancerPort, cipherPolicy);
  }

  /** Adds the policies of a `BackendAuth` to its instance port (called by `BackendAuth`). */
  public attachBackendAuth(backendAuth: IBackendAuth): void {
    this.backendAuths.push(backendAuth);
  }

  /**
   * Accepts a security warning about this load balancer, or about a cipher policy or back-end
   * authentication attached to it, for a reason (as cdk-nag suppressions do). The warning is then
   * reported as an info annotation that records the reason.
   *
   * @param ruleId the warning's rule id, e.g. `SECLB_WARN_TLS10_ENABLED` (`SecurityWarningIds`)
   * @param reason why it is accepted, e.g. 'legacy clients until Q3'
   */
  public acknowledge(ruleId: string, reason: string): void {
    acknowledge(this, ruleId, reason);
  }

  /**
   * Where clients reach the listener on `loadBalancerPort`: `127.0.0.1:<local port>` on the local
   * target (the port the engine binds for this load balancer, which may differ from the declared
   * one: see `LocalTargetOptions.loadBalancerPorts`), `<dnsName>:<port>` on AWS. A lazy value,
   * known at synthesis, e.g. for a `TerraformOutput`. The local target also writes one output per
   * listener (`LocalEndpoint<port>` under this construct).
   *
   * @param loadBalancerPort the listener's port as declared
   */
  public listenerEndpoint(loadBalancerPort: number): string {
    return Lazy.stringValue({ produce: () => this.rendered?.listenerEndpoints?.[String(loadBalancerPort)] ?? `${this.dnsName}:${loadBalancerPort}` });
  }

  /**
   * The canonical document of this load balancer as it stands now: every default explicit,
   * listeners sorted by port, policies by name. Synthesis uses the same document.
   */
  public toDocument(): LoadBalancerDocument {
    return LoadBalancerDocuments.normalize(this.assemble());
  }

  private render(): void {
    // Validated as written (listeners and instances in the order added, so paths match the
    // props), rendered in canonical order.
    const written = this.assemble();
    validateLoadBalancerDocument(this, written, { forAws: this.target.kind === DeploymentTargetKind.AWS });
    reportWarnings(this.warnings());
    this.rendered = this.target.renderLoadBalancer(this, LoadBalancerDocuments.normalize(written));
  }

  private addListenerAt(path: string, listener: LoadBalancerListener): void {
    // The boundary: protocols get their canonical spelling here, once ('https' is HTTPS), so
    // validation, synthesis and the security warnings all see the same value.
    const canonical: LoadBalancerListener = {
      ...listener,
      protocol: canonicalProtocol(listener.protocol),
      instanceProtocol: listener.instanceProtocol === undefined ? undefined : canonicalProtocol(listener.instanceProtocol),
    };
    this.listeners.push({ path, listener: canonical });
  }

  private cipherPolicyOf(entry: ListenerEntry): CipherPolicy | undefined {
    return entry.listener.cipherPolicy ?? this.attachedCipherPolicies.get(entry.listener.loadBalancerPort);
  }

  /** The document as written: each part from its own function (`private/*-document(s).ts`). */
  private assemble(): LoadBalancerDocument {
    const p = this.props;
    checkAttachedCipherPolicies(this, this.listeners, this.attachedCipherPolicies);
    const policies = new PolicyCollector();
    const listeners = listenerDocuments(this.listeners, (e) => this.cipherPolicyOf(e), policies);
    const backendServers = backendServerDocuments(this.backendAuths, this.proxyProtocolPorts, policies);
    const firstInstancePort = this.listeners.length ? instancePortOf(this.listeners[0].listener) : 80;
    return {
      schemaVersion: 1,
      name: this.name,
      ...loadBalancerAttributes(p),
      listeners,
      policies: policies.sorted(),
      backendServers,
      healthCheck: healthCheckDocument(p, firstInstancePort),
      instances: this.instances.map((instanceId) => ({ instanceId })),
      tags: { ...(p.tags ?? {}) },
    };
  }

  private warnings(): SecurityWarning[] {
    const warnings: SecurityWarning[] = [];
    for (const e of this.listeners) {
      if (!isSecureProtocol(e.listener.protocol)) continue;
      const cipherPolicy = this.cipherPolicyOf(e);
      if (cipherPolicy) {
        warnings.push(...cipherPolicyWarnings({ policy: cipherPolicy.policy, node: cipherPolicy, alsoAcknowledgedBy: [this],
          label: `CipherPolicy '${cipherPolicy.node.id}' (${e.path}, port ${e.listener.loadBalancerPort})` }));
      } else {
        warnings.push(...cipherPolicyWarnings({ policy: defaultSslPolicy(), node: this, alsoAcknowledgedBy: [],
          label: `${e.path} has no cipherPolicy, so ELB's default ${PredefinedPolicies.DEFAULT}` }));
      }
    }
    const authenticated = new Set(this.backendAuths.map((a) => a.instancePort));
    warnings.push(...loadBalancerWarnings(this, this.listeners.map((e) => ({
      path: e.path,
      protocol: e.listener.protocol,
      instancePort: instancePortOf(e.listener),
      instanceProtocol: e.listener.instanceProtocol ?? e.listener.protocol,
    })), authenticated, this.props.healthCheck ? canonicalHealthCheckTarget(this.props.healthCheck.target) : undefined));
    return warnings;
  }
}
