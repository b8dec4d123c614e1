import { LoadBalancerDocuments } from '../../../lib/policy/document/load-balancer-documents';
import { LoadBalancerDocument, PolicyDocument } from '../../../lib/policy/document/load-balancer-document';
import { checkShape } from '../../../lib/policy/document/shape-check';
import { Finding, Findings } from '../../../lib/policy/findings';
import { ATTACHMENT_SHAPE } from '../../../lib/policy/document/policy-attachment-shape';
import { PolicyAttachmentDocument } from '../../../lib/policy/document/policy-attachment-document';
import { canonicalJsonText } from '../../../lib/policy/hashing/canonical-json';
import { LOCAL_RESOURCE_CODES } from './errors';

/** The outcome of reading attachment JSON. */
export interface AttachmentParseResult {
  /** The attachment in canonical order; undefined when `findings` holds an error. */
  readonly attachment?: PolicyAttachmentDocument;
  /** Every error and warning, with paths inside the attachment (e.g. `policies[0].attributes`). */
  readonly findings: Finding[];
}

/** The outcome of merging an attachment into a live document. */
export interface AttachmentMergeResult {
  /** The document to write; undefined when `findings` holds an error. */
  readonly document?: LoadBalancerDocument;
  /** Problems found (a missing listener, or the merged document breaking an ELB rule). */
  readonly findings: Finding[];
}

const byName = (a: PolicyDocument, b: PolicyDocument) => (a.policyName < b.policyName ? -1 : a.policyName > b.policyName ? 1 : 0);

/**
 * Policy attachments (`seclb_policy_attachment`): what an attachment means for a live
 * load-balancer document. An attachment owns its policies by name and the whole policy list of
 * each listener port and back-end port it names; nothing else of the document is touched.
 */
export class PolicyAttachments {
  /**
   * Reads attachment JSON: syntax, structure (unknown keys rejected), and every ELB rule that
   * concerns the load balancer name and the policies themselves. Never throws.
   */
  public static parse(text: string): AttachmentParseResult {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      return { findings: [Findings.error(LOCAL_RESOURCE_CODES.ATTACHMENT_FORMAT, '', '',
        `The attachment is not valid JSON: ${(e as Error).message}.`,
        'A policy attachment is one JSON object (a PolicyAttachmentDocument).', 'fix the JSON syntax at the position given.')] };
    }
    const structural = checkShape(value, ATTACHMENT_SHAPE, '');
    if (structural.length > 0) return { findings: structural };
    const attachment = PolicyAttachments.normalize(value as PolicyAttachmentDocument);
    const findings = PolicyAttachments.validate(attachment);
    return Findings.hasErrors(findings) ? { findings } : { attachment, findings };
  }

  /**
   * The ELB rules about the name and the policies (the listeners they go on belong to another
   * stack, so rules relating policies to listeners are checked at merge time instead).
   */
  public static validate(attachment: PolicyAttachmentDocument): Finding[] {
    return LoadBalancerDocuments.validatePolicies(attachment.loadBalancerName, attachment.policies)
      .map((f) => (f.path === 'name' ? { ...f, path: 'loadBalancerName' } : f));
  }

  /** Canonical order: policies by name, listener and back-end bindings by port. */
  public static normalize(attachment: PolicyAttachmentDocument): PolicyAttachmentDocument {
    return {
      loadBalancerName: attachment.loadBalancerName,
      policies: [...attachment.policies].map((p) => ({ policyName: p.policyName, policyTypeName: p.policyTypeName, attributes: p.attributes.map((a) => ({ name: a.name, value: a.value })) })).sort(byName),
      listeners: [...attachment.listeners].map((l) => ({ loadBalancerPort: l.loadBalancerPort, policyNames: [...l.policyNames] })).sort((a, b) => a.loadBalancerPort - b.loadBalancerPort),
      backendServers: [...attachment.backendServers].map((b) => ({ instancePort: b.instancePort, policyNames: [...b.policyNames] })).sort((a, b) => a.instancePort - b.instancePort),
    };
  }

  /** Canonical JSON text of an attachment (normalized, keys sorted, final newline). */
  public static serialize(attachment: PolicyAttachmentDocument): string {
    return canonicalJsonText(PolicyAttachments.normalize(attachment));
  }

  /** True when two attachments mean the same (formatting and order of sorted lists aside). */
  public static equal(a: PolicyAttachmentDocument, b: PolicyAttachmentDocument): boolean {
    return PolicyAttachments.serialize(a) === PolicyAttachments.serialize(b);
  }

  /**
   * Merges `desired` into the live document: policies `previous` owned and `desired` no longer
   * declares are removed, `desired`'s policies replace same-named ones, and each listener or
   * back-end port `desired` names gets exactly its policy list. Ports `previous` owned and
   * `desired` no longer names lose the removed policies. The result is validated with every ELB
   * rule (paths are those of the merged document).
   */
  public static merge(live: LoadBalancerDocument, desired: PolicyAttachmentDocument, previous?: PolicyAttachmentDocument): AttachmentMergeResult {
    const findings: Finding[] = [];
    const dropped = new Set((previous?.policies ?? []).map((p) => p.policyName));
    for (const p of desired.policies) dropped.delete(p.policyName);
    const replaced = new Set(desired.policies.map((p) => p.policyName));
    const policies = [...live.policies.filter((p) => !replaced.has(p.policyName) && !dropped.has(p.policyName)), ...desired.policies].sort(byName);
    const strip = (names: string[]) => names.filter((n) => !dropped.has(n));

    const listenerLists = new Map(desired.listeners.map((l) => [l.loadBalancerPort, l.policyNames]));
    desired.listeners.forEach((l, i) => {
      if (!live.listeners.some((x) => x.loadBalancerPort === l.loadBalancerPort)) {
        findings.push(Findings.error(LOCAL_RESOURCE_CODES.ATTACHMENT_LISTENER_MISSING, `listeners[${i}].loadBalancerPort`, String(l.loadBalancerPort),
          `listeners[${i}].loadBalancerPort is ${l.loadBalancerPort}, but load balancer '${live.name}' has no listener on that port (it has ${live.listeners.map((x) => x.loadBalancerPort).join(', ') || 'none'}).`,
          'An attachment sets the policy list of listeners that exist on the load balancer.',
          'add the listener to the load balancer first, or correct the port.'));
      }
    });
    const listeners = live.listeners.map((l) => ({ ...l, policyNames: [...(listenerLists.get(l.loadBalancerPort) ?? strip(l.policyNames))] }));

    const backendLists = new Map(desired.backendServers.map((b) => [b.instancePort, b.policyNames]));
    const ports = new Set([...live.backendServers.map((b) => b.instancePort), ...backendLists.keys()]);
    const backendServers = [...ports].sort((a, b) => a - b).map((instancePort) => {
      const live0 = live.backendServers.find((b) => b.instancePort === instancePort);
      return { instancePort, policyNames: [...(backendLists.get(instancePort) ?? strip(live0?.policyNames ?? []))] };
    }).filter((b) => b.policyNames.length > 0);

    if (Findings.hasErrors(findings)) return { findings };
    const document: LoadBalancerDocument = { ...live, policies, listeners, backendServers };
    const ruleFindings = LoadBalancerDocuments.validate(document);
    if (Findings.hasErrors(ruleFindings)) return { findings: ruleFindings };
    return { document: LoadBalancerDocuments.normalize(document), findings: ruleFindings };
  }

  /**
   * What the live document holds of the parts `owned` claims: its policies by name (absent ones
   * left out), and the live policy list of each listener and back-end port it names (empty when
   * the port has none). Equal to `owned` exactly when nobody changed those parts.
   */
  public static extract(live: LoadBalancerDocument, owned: PolicyAttachmentDocument): PolicyAttachmentDocument {
    const names = new Set(owned.policies.map((p) => p.policyName));
    return PolicyAttachments.normalize({
      loadBalancerName: live.name,
      policies: live.policies.filter((p) => names.has(p.policyName)),
      listeners: owned.listeners.map((l) => ({ loadBalancerPort: l.loadBalancerPort, policyNames: live.listeners.find((x) => x.loadBalancerPort === l.loadBalancerPort)?.policyNames ?? [] })),
      backendServers: owned.backendServers.map((b) => ({ instancePort: b.instancePort, policyNames: live.backendServers.find((x) => x.instancePort === b.instancePort)?.policyNames ?? [] })),
    });
  }

  /**
   * Everything policy-related on a live load balancer, as an attachment: what `terraform import`
   * of an attachment adopts (every policy, every listener and back-end port list).
   */
  public static everything(live: LoadBalancerDocument): PolicyAttachmentDocument {
    return PolicyAttachments.normalize({
      loadBalancerName: live.name,
      policies: live.policies,
      listeners: live.listeners.map((l) => ({ loadBalancerPort: l.loadBalancerPort, policyNames: l.policyNames })),
      backendServers: live.backendServers,
    });
  }

  /**
   * The live document without the attachment: its policies removed, and their names removed
   * from every listener and back-end port list (a back-end port left with no policy is dropped).
   */
  public static remove(live: LoadBalancerDocument, attachment: PolicyAttachmentDocument): LoadBalancerDocument {
    const names = new Set(attachment.policies.map((p) => p.policyName));
    return LoadBalancerDocuments.normalize({
      ...live,
      policies: live.policies.filter((p) => !names.has(p.policyName)),
      listeners: live.listeners.map((l) => ({ ...l, policyNames: l.policyNames.filter((n) => !names.has(n)) })),
      backendServers: live.backendServers.map((b) => ({ ...b, policyNames: b.policyNames.filter((n) => !names.has(n)) })).filter((b) => b.policyNames.length > 0),
    });
  }

  private constructor() {}
}
