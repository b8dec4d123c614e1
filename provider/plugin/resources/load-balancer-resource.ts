import { LoadBalancerDocuments } from '../../../lib/policy/document/load-balancer-documents';
import { LoadBalancerDocument } from '../../../lib/policy/document/load-balancer-document';
import { Findings } from '../../../lib/policy/findings';
import { DOCUMENT_SHAPE } from '../../../lib/policy/document/document-shape';
import { SECLB_LOAD_BALANCER } from '../../../lib/contract/seclb-schema';
import { SeclbStructure } from '../../../lib/contract/seclb-structure';
import { LocalLoadBalancers } from '../../deploy/local-resources/local-load-balancers';
import { sameDocument } from '../../../lib/policy/queries/same-document';
import { DiagnosticMessage, Diagnostics } from '../diagnostics';
import { PluginErrors } from '../errors';
import { containsUnknown, knownNumber, knownString, TerraformObject, TerraformValue, UNKNOWN } from '../values/terraform-value';
import { deleteUnlessOwnedElsewhere } from './owned-delete';
import { PlanResult, ResourceContext, ResourceHandler, StateResult } from './resource-handler';

/** Where the engine's listeners accept clients (they bind 127.0.0.1). */
export const LOCAL_DNS_NAME = '127.0.0.1';

const ATTRIBUTES = SECLB_LOAD_BALANCER.attributes.map((a) => a.name);

/** Where findings inside `document` point (the nested attribute of the offending field). */
const AT_DOCUMENT = { attribute: 'document', shape: DOCUMENT_SHAPE };

/** The document's JSON text, or undefined when it is null or not fully known. */
function textOf(v: TerraformValue | undefined): string | undefined {
  return v === undefined || v === null || containsUnknown(v) ? undefined : JSON.stringify(SeclbStructure.fromTerraform(DOCUMENT_SHAPE, v));
}

function parsed(v: TerraformValue | undefined): LoadBalancerDocument | undefined {
  const text = textOf(v);
  return text === undefined ? undefined : LoadBalancerDocuments.parse(text).document;
}

/** A document in its structured Terraform form. */
export function structuredDocument(document: LoadBalancerDocument): TerraformValue {
  return SeclbStructure.toTerraform(DOCUMENT_SHAPE, JSON.parse(LoadBalancerDocuments.serialize(document)));
}

/**
 * `seclb_load_balancer`: one load balancer as its canonical document, as nested attributes (so
 * Terraform shows and points at single fields). The document is compared by meaning (normalized
 * form); refresh returns the live document, so changes made on the engine show as drift.
 */
export class LoadBalancerResource implements ResourceHandler {
  public readonly type = SECLB_LOAD_BALANCER;

  public validate(config: TerraformObject): DiagnosticMessage[] {
    const text = textOf(config.document);
    if (text === undefined) return [];
    const result = LoadBalancerDocuments.parse(text);
    const diagnostics = Diagnostics.fromFindings(result.findings, AT_DOCUMENT);
    const name = knownString(config.name);
    if (result.document && name !== undefined && result.document.name !== name) {
      diagnostics.push(...Diagnostics.fromError(PluginErrors.nameMismatch('name', name, 'name', result.document.name, 'document'), 'ValidateResourceConfig', 'name'));
    }
    return diagnostics;
  }

  public async plan(prior: TerraformObject | null, proposed: TerraformObject, config: TerraformObject): Promise<PlanResult> {
    const name = proposed.name;
    if (prior === null) {
      return { planned: { ...proposed, id: name, revision: UNKNOWN, dns_name: UNKNOWN }, requiresReplace: [], diagnostics: [] };
    }
    const before = parsed(prior.document);
    const after = parsed(config.document);
    const same = before !== undefined && after !== undefined && sameDocument(before, after);
    const nameChanged = knownString(prior.name) !== knownString(name);
    // The planned document is the configuration's (Terraform requires it); one of the same
    // meaning keeps the live revision, so it plans as no change.
    const planned: TerraformObject = same && !nameChanged
      ? { ...proposed, id: prior.id, revision: prior.revision, dns_name: prior.dns_name }
      : { ...proposed, id: name, revision: UNKNOWN, dns_name: nameChanged ? UNKNOWN : prior.dns_name };
    return { planned, requiresReplace: ['name'], diagnostics: [] };
  }

  public async apply(prior: TerraformObject | null, planned: TerraformObject | null, ctx: ResourceContext): Promise<StateResult> {
    const client = ctx.engine();
    if (planned === null) {
      const id = knownString(prior?.id ?? null) ?? String(prior?.name);
      return { state: null, diagnostics: await deleteUnlessOwnedElsewhere('load balancer', id, () => LocalLoadBalancers.delete(client, id)) };
    }
    const result = LoadBalancerDocuments.parse(textOf(planned.document) ?? 'null');
    if (!result.document) return { state: prior, diagnostics: Diagnostics.fromFindings(result.findings, AT_DOCUMENT) };
    try {
      const revision = knownNumber(prior?.revision ?? null);
      const written = prior === null || revision === undefined
        ? await LocalLoadBalancers.create(client, result.document)
        : await LocalLoadBalancers.update(client, result.document, revision);
      const state: TerraformObject = { id: result.document.name, name: planned.name, document: planned.document, revision: written.revision, dns_name: LOCAL_DNS_NAME };
      const warnings = [...Findings.warnings(result.findings), ...written.warnings.filter((w) => !result.findings.some((f) => f.code === w.code && f.path === w.path))];
      return { state, diagnostics: [...Diagnostics.fromFindings(warnings, AT_DOCUMENT), ...Diagnostics.unenforceable(written.unenforceable, AT_DOCUMENT)] };
    } catch (e) {
      return { state: prior, diagnostics: Diagnostics.fromError(e, 'ApplyResourceChange', 'document', ATTRIBUTES) };
    }
  }

  public async read(current: TerraformObject, ctx: ResourceContext): Promise<StateResult> {
    const name = knownString(current.id) ?? knownString(current.name) ?? '';
    const live = await LocalLoadBalancers.read(ctx.engine(), name);
    if (!live) return { state: null, diagnostics: [] };
    const mine = parsed(current.document);
    const document = mine !== undefined && sameDocument(mine, live.document)
      ? current.document
      : structuredDocument(live.document);
    return { state: { id: live.name, name: live.name, document, revision: live.revision, dns_name: LOCAL_DNS_NAME }, diagnostics: [] };
  }

  public async importState(id: string, ctx: ResourceContext): Promise<StateResult> {
    if (!(await LocalLoadBalancers.read(ctx.engine(), id))) {
      return { state: null, diagnostics: Diagnostics.fromError(PluginErrors.importNotFound(this.type.typeName, 'load balancer', id), 'ImportResourceState') };
    }
    return { state: { id, name: id, document: null, revision: null, dns_name: null }, diagnostics: [] };
  }
}
