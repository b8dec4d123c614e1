import { Lazy } from 'cdktf';
import { Construct } from 'constructs';
import { canonicalDesyncMitigationMode, canonicalHealthCheckTarget, canonicalProtocol } from '../policy/document/canonical-spelling';
import { ListenerProtocol } from '../policy/document/listener-protocol';
import { BackendServerDocument, ListenerDocument, LoadBalancerDocument, PolicyDocument } from '../policy/document/load-balancer-document';
import { ContentHash } from '../policy/hashing/content-hash';
import { PolicyTypeName } from '../policy/policy-types/policy-type-name';
import { CipherPolicies } from '../policy/resolution/cipher-policies';
import { PredefinedPolicies } from '../policy/predefined/predefined-policies';
import { DeploymentTarget } from '../targets/deployment-target';
import { IDeploymentTarget } from '../targets/deployment-target-interface';
import { RenderedLoadBalancer } from '../targets/rendered-load-balancer';
import { DeploymentTargetKind } from '../targets/target-kind';
import type { IBackendAuth } from './backend-auth-interface';
import { CipherPolicy } from './cipher-policy';
import { DesyncMitigationMode } from './desync-mitigation-mode';
import { ImportedClassicLoadBalancer } from './imported-load-balancer';
import { LoadBalancerListener } from './listener';
import { ISecureClassicLoadBalancer } from './load-balancer-interface';
import { SecureClassicLoadBalancerProps } from './secure-classic-load-balancer-props';
import { acknowledge, reportWarnings, SecurityWarning } from './private/acknowledgements';
import { throwError } from './private/errors';
import { renderOnSynth } from './private/render-on-synth';
import { cipherPolicyWarnings, loadBalancerWarnings } from './private/security-warnings';
import { validateLoadBalancerDocument } from './private/validate-document';
import { LoadBalancerDocuments } from '../policy/document/load-balancer-documents';
import { attributeNameOf } from './private/policy-attribute-name';
import { assertSameFramework } from './private/framework-check';

/** A listener as added, with the path the user wrote it at. */
interface ListenerEntry {
  readonly path: string;
  readonly listener: LoadBalancerListener;
}

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

  private assemble(): LoadBalancerDocument {
    const p = this.props;
    for (const [port, policy] of this.attachedCipherPolicies) {
      const owner = this.listeners.find((e) => e.listener.loadBalancerPort === port);
      if (!owner) {
        throwError(this, 'SECLB_CIPHER_POLICY_NO_LISTENER', `attachCipherPolicy(${port})`, String(port),
          `attachCipherPolicy(${port}, '${policy.node.id}') names port ${port}, which has no listener.`,
          'An SSL negotiation policy is bound to a listener (SetLoadBalancerPoliciesOfListener).',
          `add a listener on port ${port}, or attach the policy to one of: ${this.listeners.map((e) => e.listener.loadBalancerPort).join(', ') || 'no listener yet'}.`);
      }
      if (owner.listener.cipherPolicy && owner.listener.cipherPolicy !== policy) {
        throwError(this, 'SECLB_CIPHER_POLICY_CONFLICT', `${owner.path}.cipherPolicy`, `'${owner.listener.cipherPolicy.node.id}'`,
          `${owner.path}.cipherPolicy is '${owner.listener.cipherPolicy.node.id}' but attachCipherPolicy(${port}) gives '${policy.node.id}'.`,
          'A listener has one SSL negotiation policy.',
          'keep one of them.');
      }
    }
    const policies = new Map<string, PolicyDocument>();
    const addPolicy = (doc: PolicyDocument) => {
      if (!policies.has(doc.policyName)) policies.set(doc.policyName, doc);
    };
    const listeners: ListenerDocument[] = this.listeners.map((e) => {
      const l = e.listener;
      const names: string[] = [];
      const cipherPolicy = this.cipherPolicyOf(e);
      if (cipherPolicy) {
        addPolicy(cipherPolicy.toPolicyDocument());
        names.push(cipherPolicy.policyName);
      }
      if (l.stickiness) {
        const doc = {
          policyName: CipherPolicies.policyName(l.stickiness.policyNameStem, ContentHash.of(l.stickiness.attributes)),
          policyTypeName: l.stickiness.policyTypeName,
          attributes: l.stickiness.attributes.slice(),
        };
        addPolicy(doc);
        names.push(doc.policyName);
      }
      return {
        loadBalancerPort: l.loadBalancerPort,
        protocol: l.protocol,
        instancePort: l.instancePort ?? l.loadBalancerPort,
        instanceProtocol: l.instanceProtocol ?? l.protocol,
        sslCertificateId: l.certificate?.certificateArn,
        policyNames: names,
      };
    });
    const backend = new Map<number, string[]>();
    const onPort = (port: number, name: string) => {
      const list = backend.get(port) ?? [];
      if (!list.includes(name)) list.push(name);
      backend.set(port, list);
    };
    for (const auth of this.backendAuths) {
      auth.toPolicyDocuments().forEach(addPolicy);
      onPort(auth.instancePort, auth.policyName);
    }
    if (this.proxyProtocolPorts.length) {
      const attributes = [{ name: attributeNameOf(PolicyTypeName.PROXY_PROTOCOL), value: 'true' }];
      const proxy = { policyName: CipherPolicies.policyName('ProxyProtocol', ContentHash.of(attributes)), policyTypeName: PolicyTypeName.PROXY_PROTOCOL, attributes };
      addPolicy(proxy);
      this.proxyProtocolPorts.forEach((port) => onPort(port, proxy.policyName));
    }
    const backendServers: BackendServerDocument[] = [...backend.entries()].sort(([a], [b]) => a - b)
      .map(([instancePort, policyNames]) => ({ instancePort, policyNames }));
    const hc = p.healthCheck;
    const firstInstancePort = listeners.length ? this.listeners[0].listener.instancePort ?? this.listeners[0].listener.loadBalancerPort : 80;
    const document: LoadBalancerDocument = {
      schemaVersion: 1,
      name: this.name,
      availabilityZones: (p.availabilityZones ?? []).slice(),
      subnets: (p.subnets ?? []).slice(),
      securityGroups: (p.securityGroups ?? []).slice(),
      internal: p.internetFacing === false,
      crossZoneLoadBalancing: p.crossZone ?? true,
      idleTimeoutSeconds: p.idleTimeout ?? 60,
      connectionDraining: { enabled: p.connectionDraining ?? false, timeoutSeconds: p.connectionDrainingTimeout ?? 300 },
      accessLog: p.accessLogs ? {
        enabled: p.accessLogs.enabled ?? true,
        s3BucketName: p.accessLogs.bucket,
        s3BucketPrefix: p.accessLogs.prefix,
        emitIntervalMinutes: p.accessLogs.interval ?? 60,
      } : undefined,
      desyncMitigationMode: canonicalDesyncMitigationMode(p.desyncMitigationMode ?? DesyncMitigationMode.DEFENSIVE),
      listeners,
      policies: [...policies.values()].sort((a, b) => (a.policyName < b.policyName ? -1 : a.policyName > b.policyName ? 1 : 0)),
      backendServers,
      healthCheck: {
        target: hc?.target !== undefined ? canonicalHealthCheckTarget(hc.target) : `TCP:${firstInstancePort}`,
        intervalSeconds: hc?.interval ?? 30,
        timeoutSeconds: hc?.timeout ?? 5,
        healthyThreshold: hc?.healthyThreshold ?? 10,
        unhealthyThreshold: hc?.unhealthyThreshold ?? 2,
      },
      instances: this.instances.map((instanceId) => ({ instanceId })),
      tags: { ...(p.tags ?? {}) },
    };
    return document;
  }

  private warnings(): SecurityWarning[] {
    const warnings: SecurityWarning[] = [];
    const secure = (x: ListenerProtocol) => x === ListenerProtocol.HTTPS || x === ListenerProtocol.SSL;
    for (const e of this.listeners) {
      if (!secure(e.listener.protocol)) continue;
      const cipherPolicy = this.cipherPolicyOf(e);
      if (cipherPolicy) {
        warnings.push(...cipherPolicyWarnings({ policy: cipherPolicy.policy, node: cipherPolicy, alsoAcknowledgedBy: [this],
          label: `CipherPolicy '${cipherPolicy.node.id}' (${e.path}, port ${e.listener.loadBalancerPort})` }));
      } else {
        warnings.push(...cipherPolicyWarnings({ policy: CipherPolicies.fromPredefined(PredefinedPolicies.DEFAULT), node: this, alsoAcknowledgedBy: [],
          label: `${e.path} has no cipherPolicy, so ELB's default ${PredefinedPolicies.DEFAULT}` }));
      }
    }
    const authenticated = new Set(this.backendAuths.map((a) => a.instancePort));
    warnings.push(...loadBalancerWarnings(this, this.listeners.map((e) => ({
      path: e.path,
      protocol: e.listener.protocol,
      instancePort: e.listener.instancePort ?? e.listener.loadBalancerPort,
      instanceProtocol: e.listener.instanceProtocol ?? e.listener.protocol,
    })), authenticated, this.props.healthCheck ? canonicalHealthCheckTarget(this.props.healthCheck.target) : undefined));
    return warnings;
  }
}
