import { Findings, LoadBalancerDocument, LoadBalancerDocuments } from '../../../lib/policy';
import { DeploymentState, describeServerCertificate, ServerCertificateSummary } from '../diff/deployment-state';
import { DeployErrors } from '../errors';
import { LOCAL_MAPPING_KEY, LoadBalancerLocalMapping, StandInCertificateMapping } from '../../../lib/contract/local-mapping';
import { PlanLocalMapping } from '../plan/deploy-plan';
import { readProviderSettings } from './provider-settings';
import { DOCUMENT_SHAPE, Shape } from '../../../lib/policy/document/document-shape';
import { ATTACHMENT_SHAPE } from '../../../lib/policy/document/policy-attachment-shape';
import { SeclbStructure } from '../../../lib/contract/seclb-structure';

/**
 * What apply uploads for one server certificate. It holds the private key, so it is kept apart
 * from the desired state and never enters a plan: the plan holds only the fingerprint, and apply
 * checks the material against it.
 */
export interface ServerCertificateMaterial {
  /** The certificate name. */
  readonly name: string;
  /** The leaf certificate, PEM. */
  readonly certificateBody: string;
  /**
   * Intermediates, PEM.
   * @default - none
   */
  readonly certificateChain?: string;
  /** The private key, PEM. Never rendered, never written into a plan. */
  readonly privateKey: string;
}

/** A synthesized local-target stack, read. */
export interface LocalStack {
  /** The desired state: documents and certificates by fingerprint (no key material). */
  readonly desired: DeploymentState;
  /** Certificate material for apply, by name order. */
  readonly certificates: ServerCertificateMaterial[];
  /** `seclb_policy_attachment` resources: the load balancer they name and the attachment JSON, parsed. */
  readonly policyAttachments: { readonly loadBalancerName: string; readonly attachment: unknown }[];
  /** The `provider.seclb` settings (`state_directory`, `admin_address`), when present. */
  readonly provider: { readonly stateDirectory?: string; readonly adminAddress?: string };
  /** What the local target mapped, from each resource's `"//".seclb_local` comment (empty lists for stacks without one). */
  readonly mapping: PlanLocalMapping;
}

/** Options of `readLocalStack`. */
export interface ReadLocalStackOptions {
  /**
   * True for a document text already validated by the model on an earlier read (e.g.
   * `ValidatedDocuments.has`): it is then only JSON-parsed. Such texts are canonical
   * (`LoadBalancerDocuments.serialize` output), so the result is the same; the engine validates
   * every write again anyway.
   * @default - every document is parsed and validated
   */
  readonly validated?: (text: string) => boolean;
}

/**
 * Reads the `seclb_*` resources of a synthesized stack (`cdktf.out/stacks/<stack>/cdk.tf.json`, see
 * docs/local-target.md): each `seclb_load_balancer` document is parsed and validated by the policy
 * model; each `seclb_server_certificate` becomes a name + fingerprint for the plan and material
 * for apply.
 *
 * @param input the JSON text or the parsed value
 * @param source the file name, for messages
 * @throws DeployError SECLB_DEPLOY_STACK_FORMAT when the JSON is not readable as seclb resources,
 *   SECLB_DEPLOY_INVALID_DESIRED_DOCUMENT when a document breaks the model's rules (every finding listed)
 */
export function readLocalStack(input: string | unknown, source: string = 'cdk.tf.json', options: ReadLocalStackOptions = {}): LocalStack {
  let json: unknown = input;
  if (typeof input === 'string') {
    try {
      json = JSON.parse(input);
    } catch (e) {
      throw DeployErrors.stackFormat(source, '', `is not JSON (${(e as Error).message})`);
    }
  }
  const root = (json ?? {}) as { resource?: Record<string, Record<string, Record<string, unknown>>>; provider?: Record<string, unknown> };
  const resources = root.resource ?? {};
  const loadBalancers: LoadBalancerDocument[] = [];
  const mapping: { loadBalancers: PlanLocalMapping['loadBalancers']; standInCertificates: PlanLocalMapping['standInCertificates'] } = { loadBalancers: [], standInCertificates: [] };
  for (const [id, r] of Object.entries(resources.seclb_load_balancer ?? {})) {
    const path = `resource.seclb_load_balancer.${id}.document`;
    const mapped = localMappingOf<LoadBalancerLocalMapping>(r);
    if (mapped && typeof r.name === 'string') mapping.loadBalancers.push({ name: r.name, instances: mapped.instances ?? [], listeners: mapped.listeners ?? [] });
    const text = documentText(source, path, r.document, DOCUMENT_SHAPE);
    if (options.validated?.(text)) {
      loadBalancers.push(JSON.parse(text) as LoadBalancerDocument);
      continue;
    }
    const parsed = LoadBalancerDocuments.parse(text);
    if (!parsed.document || Findings.hasErrors(parsed.findings)) {
      throw DeployErrors.invalidDesiredDocument(source, path, Findings.formatAll(Findings.errors(parsed.findings)));
    }
    loadBalancers.push(parsed.document);
  }
  const certificates: ServerCertificateMaterial[] = [];
  const summaries: ServerCertificateSummary[] = [];
  for (const [id, r] of Object.entries(resources.seclb_server_certificate ?? {})) {
    const at = `resource.seclb_server_certificate.${id}`;
    const name = literal(source, `${at}.name`, r.name);
    const certificateBody = literal(source, `${at}.certificate_body`, r.certificate_body);
    const privateKey = literal(source, `${at}.private_key`, r.private_key);
    const chain = r.certificate_chain === undefined || r.certificate_chain === null ? undefined : literal(source, `${at}.certificate_chain`, r.certificate_chain);
    certificates.push({ name, certificateBody, privateKey, ...(chain === undefined ? {} : { certificateChain: chain }) });
    const standIn = localMappingOf<StandInCertificateMapping>(r);
    if (standIn && typeof standIn.standInFor === 'string') mapping.standInCertificates.push({ name, standInFor: standIn.standInFor });
    summaries.push(describeServerCertificate(name, certificateBody));
  }
  const policyAttachments = Object.entries(resources.seclb_policy_attachment ?? {}).map(([id, r]) => {
    const at = `resource.seclb_policy_attachment.${id}`;
    const text = documentText(source, `${at}.attachment`, r.attachment, ATTACHMENT_SHAPE);
    try {
      return { loadBalancerName: literal(source, `${at}.load_balancer_name`, r.load_balancer_name), attachment: JSON.parse(text) as unknown };
    } catch (e) {
      throw DeployErrors.stackFormat(source, `${at}.attachment`, `is not JSON (${(e as Error).message})`);
    }
  });
  return {
    desired: { loadBalancers, serverCertificates: summaries },
    certificates: certificates.sort((a, b) => (a.name < b.name ? -1 : 1)),
    policyAttachments,
    mapping: {
      loadBalancers: mapping.loadBalancers.sort((a, b) => (a.name < b.name ? -1 : 1)),
      standInCertificates: mapping.standInCertificates.sort((a, b) => (a.name < b.name ? -1 : 1)),
    },
    provider: readProviderSettings(root),
  };
}

/** A resource's `"//".seclb_local` comment (what the local target mapped), when it has one. */
function localMappingOf<T>(resource: Record<string, unknown>): Partial<T> | undefined {
  const comment = resource['//'];
  const value = comment && typeof comment === 'object' ? (comment as Record<string, unknown>)[LOCAL_MAPPING_KEY] : undefined;
  return value && typeof value === 'object' ? value as Partial<T> : undefined;
}

/**
 * A document attribute as the JSON text of the policy model: the structured form (nested
 * attributes, seclb schema version 1) or the JSON string older synths wrote (version 0).
 */
function documentText(source: string, path: string, value: unknown, shape: Shape): string {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return literal(source, path, value);
  const text = JSON.stringify(SeclbStructure.fromTerraform(shape, value));
  if (text.includes('${')) throw DeployErrors.stackFormat(source, path, 'holds an unresolved ${...} reference');
  return text;
}

function literal(source: string, path: string, value: unknown): string {
  if (typeof value !== 'string') throw DeployErrors.stackFormat(source, path, `is ${value === undefined ? 'missing' : `a ${typeof value}`}, not a string`);
  if (value.includes('${')) throw DeployErrors.stackFormat(source, path, 'holds an unresolved ${...} reference');
  return value;
}
