import { Annotations, Token } from 'cdktf';
import { IConstruct } from 'constructs';
import { LoadBalancerDocument } from '../../policy/document/load-balancer-document';
import { LoadBalancerDocuments } from '../../policy/document/load-balancer-documents';
import { Finding, Findings } from '../../policy/findings';
import { PolicyAttachmentDocument } from '../../targets/policy-attachment-document';
import { throwIfErrors } from './errors';

/**
 * The one place the constructs validate: every rule lives in the policy model
 * (`LoadBalancerDocuments.validate`); this module only
 * - skips findings about values that are tokens (references known only at apply time),
 * - renames document paths to the props the user wrote (`healthCheck.timeoutSeconds` ->
 *   `healthCheck.timeout`),
 * - throws every error at once (code first), and reports model warnings as cdktf warnings.
 */

/** Document paths renamed to the construct props the user wrote, most specific first. */
const PROP_NAMES: Array<[RegExp, string]> = [
  [/\bhealthCheck\.intervalSeconds\b/g, 'healthCheck.interval'],
  [/\bhealthCheck\.timeoutSeconds\b/g, 'healthCheck.timeout'],
  [/\bidleTimeoutSeconds\b/g, 'idleTimeout'],
  [/\bconnectionDraining\.timeoutSeconds\b/g, 'connectionDrainingTimeout'],
  [/\bconnectionDraining\.enabled\b/g, 'connectionDraining'],
  [/\bcrossZoneLoadBalancing\b/g, 'crossZone'],
  [/\baccessLog\.s3BucketName\b/g, 'accessLogs.bucket'],
  [/\baccessLog\.s3BucketPrefix\b/g, 'accessLogs.prefix'],
  [/\baccessLog\.emitIntervalMinutes\b/g, 'accessLogs.interval'],
  [/\baccessLog\b/g, 'accessLogs'],
  [/(listeners\[\d+\])\.sslCertificateId\b/g, '$1.certificate'],
  [/(instances\[\d+\])\.instanceId\b/g, '$1'],
  [/\bserverCertificate\.body\b/g, 'certificateBody'],
  [/\bserverCertificate\.chain\b/g, 'certificateChain'],
  [/\bserverCertificate\.privateKey\b/g, 'privateKey'],
];

/** Renames document paths in a finding to the props the user wrote. */
export function inUserTerms(finding: Finding): Finding {
  const rename = (text: string) => PROP_NAMES.reduce((t, [re, to]) => t.replace(re, to), text);
  return { ...finding, path: rename(finding.path), message: rename(finding.message), fix: rename(finding.fix) };
}

/** Paths (in document terms) whose values are tokens, collected from a document. */
export function tokenPaths(value: unknown, path: string = '', out: string[] = []): string[] {
  if (Token.isUnresolved(value)) {
    out.push(path);
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => tokenPaths(v, `${path}[${i}]`, out));
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) tokenPaths(v, path ? `${path}.${k}` : k, out);
  }
  return out;
}

/** Drops findings about token values: they are checked where they resolve, and skipped where they cannot be known. */
export function withoutTokenFindings(findings: Finding[], unknown: string[]): Finding[] {
  return findings.filter((f) => !unknown.some((p) => f.path === p || f.path.startsWith(`${p}.`) || f.path.startsWith(`${p}[`))
    && !Token.isUnresolved(f.value));
}

/** Throws every error (code first, in the user's terms), and reports warnings as annotations. */
export function report(scope: IConstruct, findings: Finding[]): void {
  const mine = findings.map(inUserTerms);
  throwIfErrors(scope, mine);
  for (const w of Findings.warnings(mine)) Annotations.of(scope).addWarning(Findings.format(w));
}

/** Validates a load balancer's document (listeners and instances in the order the user added them). */
export function validateLoadBalancerDocument(scope: IConstruct, doc: LoadBalancerDocument): void {
  report(scope, withoutTokenFindings(LoadBalancerDocuments.validate(doc), tokenPaths(doc)));
}

/**
 * Validates policies attached to an imported load balancer: the same rules, applied to a document
 * holding only what this stack declares (listener details are unknown, so only the policies and
 * their names are checked).
 */
export function validatePolicyAttachments(scope: IConstruct, doc: PolicyAttachmentDocument): void {
  const findings = LoadBalancerDocuments.validate({
    schemaVersion: LoadBalancerDocuments.SCHEMA_VERSION,
    name: doc.loadBalancerName,
    availabilityZones: [],
    subnets: [],
    securityGroups: [],
    internal: false,
    crossZoneLoadBalancing: true,
    idleTimeoutSeconds: 60,
    connectionDraining: { enabled: false, timeoutSeconds: 300 },
    desyncMitigationMode: 'defensive',
    listeners: [],
    policies: doc.policies,
    backendServers: doc.backendServers,
    healthCheck: { target: 'TCP:80', intervalSeconds: 30, timeoutSeconds: 5, healthyThreshold: 10, unhealthyThreshold: 2 },
    instances: [],
    tags: {},
  }).filter((f) => f.path === 'name' || f.path.startsWith('policies') || f.path.startsWith('backendServers'));
  report(scope, withoutTokenFindings(findings, tokenPaths(doc.loadBalancerName, 'name')));
}
