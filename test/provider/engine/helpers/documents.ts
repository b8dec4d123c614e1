import { LoadBalancerDocument, ListenerDocument, PolicyDocument, BackendServerDocument, HealthCheckDocument, InstanceDocument } from '../../../../lib/policy/document/load-balancer-document';
import { ListenerProtocol } from '../../../../lib/policy/document/listener-protocol';
import { CipherPolicies } from '../../../../lib/policy/resolution/cipher-policies';
import { CipherPolicySpec } from '../../../../lib/policy/resolution/cipher-policy-spec';

/** An SSL negotiation policy in canonical form (complete attribute set), resolved by the model. */
export function sslPolicy(policyName: string, spec: { protocols?: string[]; ciphers?: string[]; serverDefinedCipherOrder?: boolean; basedOn?: string }): PolicyDocument {
  const r = CipherPolicies.resolve(spec as CipherPolicySpec, policyName);
  if (!r.policy) throw new Error(`test policy ${policyName} does not resolve: ${JSON.stringify(r.findings)}`);
  return { policyName, policyTypeName: 'SSLNegotiationPolicyType', attributes: r.policy.attributes };
}

/** A public-key policy plus the back-end authentication policy that names it. */
export function backendAuthPolicies(prefix: string, spkis: string[]): PolicyDocument[] {
  const keys = spkis.map((k, i) => ({ policyName: `${prefix}-key-${i}`, policyTypeName: 'PublicKeyPolicyType', attributes: [{ name: 'PublicKey', value: k }] }));
  return [
    ...keys,
    { policyName: `${prefix}-auth`, policyTypeName: 'BackendServerAuthenticationPolicyType', attributes: keys.map((k) => ({ name: 'PublicKeyPolicyName', value: k.policyName })) },
  ];
}

/** A listener. */
export function listener(loadBalancerPort: number, protocol: string, instancePort: number, instanceProtocol: string, extra: Partial<ListenerDocument> = {}): ListenerDocument {
  return { loadBalancerPort, protocol: protocol as ListenerProtocol, instancePort, instanceProtocol: instanceProtocol as ListenerProtocol, policyNames: [], ...extra };
}

/** A complete canonical document with explicit defaults. */
export function lbDocument(name: string, parts: {
  listeners: ListenerDocument[];
  policies?: PolicyDocument[];
  backendServers?: BackendServerDocument[];
  healthCheck?: Partial<HealthCheckDocument> & { target: string };
  instances: InstanceDocument[];
  idleTimeoutSeconds?: number;
}): LoadBalancerDocument {
  return {
    schemaVersion: 1,
    name,
    availabilityZones: ['local-1a'],
    subnets: [],
    securityGroups: [],
    internal: false,
    crossZoneLoadBalancing: true,
    idleTimeoutSeconds: parts.idleTimeoutSeconds ?? 60,
    connectionDraining: { enabled: false, timeoutSeconds: 300 },
    desyncMitigationMode: 'defensive',
    listeners: [...parts.listeners].sort((a, b) => a.loadBalancerPort - b.loadBalancerPort),
    policies: [...(parts.policies ?? [])].sort((a, b) => (a.policyName < b.policyName ? -1 : 1)),
    backendServers: parts.backendServers ?? [],
    healthCheck: { intervalSeconds: 20, timeoutSeconds: 15, healthyThreshold: 2, unhealthyThreshold: 2, ...parts.healthCheck } as HealthCheckDocument,
    instances: [...parts.instances].sort((a, b) => (a.instanceId < b.instanceId ? -1 : 1)),
    tags: {},
  };
}
