import { Construct } from 'constructs';
import { BackendServerDocument, PolicyDocument } from '../policy/document/load-balancer-document';
import { DeploymentTarget } from '../targets/deployment-target';
import { IDeploymentTarget } from '../targets/deployment-target-interface';
import { PolicyAttachmentDocument } from '../policy/document/policy-attachment-document';
import type { IBackendAuth } from './backend-auth-interface';
import type { CipherPolicy } from './cipher-policy';
import { ISecureClassicLoadBalancer } from './load-balancer-interface';
import { acknowledge, reportWarnings } from './private/acknowledgements';
import { renderOnSynth } from './private/render-on-synth';
import { cipherPolicyWarnings } from './private/security-warnings';
import { validatePolicyAttachments } from './private/validate-document';
import { assertSameFramework } from './private/framework-check';

/**
 * A load balancer this stack did not create (`SecureClassicLoadBalancer.fromLoadBalancerName`).
 * It renders only what is attached to it: the policies, and the complete policy list of each
 * listener port and instance port it was given.
 */
export class ImportedClassicLoadBalancer extends Construct implements ISecureClassicLoadBalancer {
  private readonly cipherPolicies = new Map<number, CipherPolicy>();
  private readonly backendAuths: IBackendAuth[] = [];
  private readonly target: IDeploymentTarget;

  constructor(scope: Construct, id: string, public readonly loadBalancerName: string) {
    super(scope, id);
    assertSameFramework(this);
    this.target = DeploymentTarget.resolve(this);
    renderOnSynth(this, () => this.render());
  }

  /** Uses `cipherPolicy` on `loadBalancerPort`; this stack then owns that port's whole policy list. */
  public attachCipherPolicy(loadBalancerPort: number, cipherPolicy: CipherPolicy): void {
    this.cipherPolicies.set(loadBalancerPort, cipherPolicy);
  }

  /** Adds a `BackendAuth`'s policies; this stack then owns its instance port's whole policy list. */
  public attachBackendAuth(backendAuth: IBackendAuth): void {
    this.backendAuths.push(backendAuth);
  }

  /** Accepts a security warning about what is attached here, for a reason. */
  public acknowledge(ruleId: string, reason: string): void {
    acknowledge(this, ruleId, reason);
  }

  private render(): void {
    const policies = new Map<string, PolicyDocument>();
    const add = (d: PolicyDocument) => { if (!policies.has(d.policyName)) policies.set(d.policyName, d); };
    const ports = [...this.cipherPolicies.keys()].sort((a, b) => a - b);
    const listeners = ports.map((loadBalancerPort) => {
      const policy = this.cipherPolicies.get(loadBalancerPort)!;
      add(policy.toPolicyDocument());
      return { loadBalancerPort, policyNames: [policy.policyName] };
    });
    const backend = new Map<number, string[]>();
    for (const auth of this.backendAuths) {
      auth.toPolicyDocuments().forEach(add);
      backend.set(auth.instancePort, [...(backend.get(auth.instancePort) ?? []), auth.policyName]);
    }
    const backendServers: BackendServerDocument[] = [...backend.entries()].sort(([a], [b]) => a - b)
      .map(([instancePort, policyNames]) => ({ instancePort, policyNames }));
    const document: PolicyAttachmentDocument = {
      loadBalancerName: this.loadBalancerName,
      policies: [...policies.values()].sort((a, b) => (a.policyName < b.policyName ? -1 : 1)),
      listeners,
      backendServers,
    };
    validatePolicyAttachments(this, document);
    reportWarnings(ports.flatMap((port) => {
      const policy = this.cipherPolicies.get(port)!;
      return cipherPolicyWarnings({ policy: policy.policy, node: policy, alsoAcknowledgedBy: [this],
        label: `CipherPolicy '${policy.node.id}' (port ${port} of '${this.loadBalancerName}')` });
    }));
    this.target.renderPolicyAttachments(this, document);
  }
}
