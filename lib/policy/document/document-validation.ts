import { Finding } from '../findings';
import { PolicyTypeName } from '../policy-types/policy-type-name';
import { PredefinedPolicies } from '../predefined/predefined-policies';
import { CipherPolicies } from '../resolution/cipher-policies';
import { resolveSslPolicyAttributes } from '../resolution/shared-resolutions';
import { checkAccessLog } from '../rules/access-log';
import { checkBackendServerPolicyBindings } from '../rules/backend-policy-binding';
import { checkConnectionDraining } from '../rules/connection-draining';
import { checkDesyncMitigationMode } from '../rules/desync-mitigation-mode';
import { checkHealthCheckRanges } from '../rules/health-check-ranges';
import { checkHealthCheckTarget } from '../rules/health-check-target';
import { checkHealthCheckTimeout } from '../rules/health-check-timeout';
import { checkIdleTimeout } from '../rules/idle-timeout';
import { checkInstancePortSecurity } from '../rules/instance-port-security';
import { checkInstances } from '../rules/instances';
import { checkListenerCertificate } from '../rules/listener-certificate';
import { checkListenerPolicyBindings } from '../rules/listener-policy-binding';
import { checkListenerPorts } from '../rules/listener-ports';
import { checkListenerProtocol } from '../rules/listener-protocol';
import { checkProtocolPair } from '../rules/listener-protocol-pair';
import { checkLoadBalancerName } from '../rules/load-balancer-name';
import { checkPolicyAttributes } from '../rules/policy-attributes';
import { checkPolicyName } from '../rules/policy-name';
import { checkPolicyNamesUnique } from '../rules/policy-name-unique';
import { checkPolicyReferences } from '../rules/policy-references';
import { checkPlacementExclusive } from '../rules/placement';
import { checkQuotas } from '../rules/quotas';
import { checkTags } from '../rules/tags';
import { checkUniqueListenerPorts } from '../rules/unique-listener-port';
import { LoadBalancerDocument, PolicyDocument } from './load-balancer-document';

/**
 * True when a policy named like a predefined security policy is ELB's own materialised copy of it:
 * only `Reference-Security-Policy` naming itself, or exactly its content.
 */
function isPredefinedCopy(policy: PolicyDocument): boolean {
  const def = PredefinedPolicies.find(policy.policyName);
  if (!def || policy.policyTypeName !== PolicyTypeName.SSL_NEGOTIATION) return false;
  const attrs = policy.attributes ?? [];
  if (attrs.length === 1 && attrs[0].name === 'Reference-Security-Policy' && attrs[0].value === policy.policyName) return true;
  const resolved = resolveSslPolicyAttributes(attrs).policy;
  return resolved !== undefined && resolved.contentHash === CipherPolicies.fromPredefined(def.name).contentHash;
}

/**
 * Every ELB API rule over a structurally valid document, with paths as the document is written
 * (before normalisation). Findings are de-duplicated and never thrown.
 */
export function validateDocument(doc: LoadBalancerDocument): Finding[] {
  const findings: Finding[] = [];
  const listeners = doc.listeners ?? [];
  const policies = doc.policies ?? [];
  const backendServers = doc.backendServers ?? [];
  const instances = doc.instances ?? [];

  findings.push(...checkLoadBalancerName('name', doc.name));
  findings.push(...checkQuotas('listeners', listeners.length, 'instances', instances.length));
  findings.push(...checkPlacementExclusive('availabilityZones', doc.availabilityZones ?? [], 'subnets', doc.subnets ?? []));

  listeners.forEach((l, i) => {
    const p = `listeners[${i}]`;
    findings.push(...checkListenerProtocol(`${p}.protocol`, l.protocol));
    findings.push(...checkListenerProtocol(`${p}.instanceProtocol`, l.instanceProtocol));
    findings.push(...checkListenerPorts(p, l.loadBalancerPort, l.instancePort));
    findings.push(...checkProtocolPair(p, l.protocol, l.instanceProtocol));
    findings.push(...checkListenerCertificate(p, l.protocol, l.sslCertificateId));
  });
  findings.push(...checkUniqueListenerPorts('listeners', listeners));
  findings.push(...checkInstancePortSecurity('listeners', listeners));

  policies.forEach((policy, i) => {
    const p = `policies[${i}]`;
    findings.push(...checkPolicyName(`${p}.policyName`, policy.policyName, policy.policyTypeName, isPredefinedCopy(policy)));
    if (policy.policyTypeName === PolicyTypeName.SSL_NEGOTIATION) {
      findings.push(...resolveSslPolicyAttributes(policy.attributes ?? [], `${p}.attributes`).findings);
    } else {
      findings.push(...checkPolicyAttributes(p, policy));
    }
  });
  findings.push(...checkPolicyNamesUnique('policies', policies));
  findings.push(...checkPolicyReferences(policies, 'policies', listeners, 'listeners', backendServers, 'backendServers'));
  findings.push(...checkListenerPolicyBindings('listeners', listeners, policies));
  findings.push(...checkBackendServerPolicyBindings('backendServers', backendServers, listeners, 'listeners', policies));

  const hc = doc.healthCheck;
  findings.push(...checkHealthCheckTarget('healthCheck.target', hc.target));
  findings.push(...checkHealthCheckRanges('healthCheck', hc));
  findings.push(...checkHealthCheckTimeout('healthCheck', hc.timeoutSeconds, hc.intervalSeconds));

  findings.push(...checkIdleTimeout('idleTimeoutSeconds', doc.idleTimeoutSeconds));
  findings.push(...checkConnectionDraining('connectionDraining', doc.connectionDraining.timeoutSeconds));
  if (doc.accessLog) {
    const a = doc.accessLog;
    findings.push(...checkAccessLog('accessLog', a.enabled, a.s3BucketName, a.emitIntervalMinutes, a.s3BucketPrefix));
  }
  findings.push(...checkDesyncMitigationMode('desyncMitigationMode', doc.desyncMitigationMode));
  findings.push(...checkTags('tags', doc.tags ?? {}));
  findings.push(...checkInstances('instances', instances));

  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = `${f.code}\u0000${f.path}\u0000${f.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
