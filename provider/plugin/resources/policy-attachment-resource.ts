import { Findings } from '../../../lib/policy/findings';
import { ATTACHMENT_SHAPE } from '../../../lib/policy/document/policy-attachment-shape';
import { SECLB_POLICY_ATTACHMENT } from '../../../lib/contract/seclb-schema';
import { SeclbStructure } from '../../../lib/contract/seclb-structure';
import { PolicyAttachmentDocument } from '../../../lib/policy/document/policy-attachment-document';
import { LocalLoadBalancers } from '../../deploy/local-resources/local-load-balancers';
import { LocalPolicyAttachments } from '../../deploy/local-resources/local-policy-attachments';
import { PolicyAttachments } from '../../deploy/local-resources/policy-attachment';
import { DiagnosticMessage, Diagnostics } from '../diagnostics';
import { PluginErrors } from '../errors';
import { containsUnknown, knownString, TerraformObject, TerraformValue, UNKNOWN } from '../values/terraform-value';
import { PlanResult, ResourceContext, ResourceHandler, StateResult } from './resource-handler';

const ATTRIBUTES = SECLB_POLICY_ATTACHMENT.attributes.map((a) => a.name);

/** Where findings inside `attachment` point (the nested attribute of the offending field). */
const AT_ATTACHMENT = { attribute: 'attachment', shape: ATTACHMENT_SHAPE };

/** The attachment's JSON text, or undefined when it is null or not fully known. */
function textOf(v: TerraformValue | undefined): string | undefined {
  return v === undefined || v === null || containsUnknown(v) ? undefined : JSON.stringify(SeclbStructure.fromTerraform(ATTACHMENT_SHAPE, v));
}

function parsed(v: TerraformValue | undefined): PolicyAttachmentDocument | undefined {
  const text = textOf(v);
  return text === undefined ? undefined : PolicyAttachments.parse(text).attachment;
}

/**
 * `seclb_policy_attachment`: policies and port policy lists a stack owns on a load balancer
 * created elsewhere, merged into the live document (read-modify-write with the live revision).
 * Refresh shows what the live load balancer holds of the owned parts, so changes made on the
 * engine show as drift; `attachment` (nested attributes) is compared by meaning.
 */
export class PolicyAttachmentResource implements ResourceHandler {
  public readonly type = SECLB_POLICY_ATTACHMENT;

  public validate(config: TerraformObject): DiagnosticMessage[] {
    const text = textOf(config.attachment);
    if (text === undefined) return [];
    const result = PolicyAttachments.parse(text);
    const diagnostics = Diagnostics.fromFindings(result.findings, AT_ATTACHMENT);
    const name = knownString(config.load_balancer_name);
    if (result.attachment && name !== undefined && result.attachment.loadBalancerName !== name) {
      diagnostics.push(...Diagnostics.fromError(PluginErrors.nameMismatch('load_balancer_name', name, 'loadBalancerName', result.attachment.loadBalancerName, 'attachment'), 'ValidateResourceConfig', 'load_balancer_name'));
    }
    return diagnostics;
  }

  public async plan(prior: TerraformObject | null, proposed: TerraformObject, config: TerraformObject, ctx: ResourceContext): Promise<PlanResult> {
    const before = parsed(prior?.attachment ?? null);
    const after = parsed(config.attachment);
    const nameChanged = prior !== null && knownString(prior.load_balancer_name) !== knownString(proposed.load_balancer_name);
    if (prior !== null && before && after && !nameChanged && PolicyAttachments.equal(before, after)) {
      return { planned: { ...proposed, id: prior.id, revision: prior.revision }, requiresReplace: ['load_balancer_name'], diagnostics: [] };
    }
    const diagnostics: DiagnosticMessage[] = [];
    // Check the merge against the live load balancer now, so rule errors show at plan time.
    if (after && (await LocalLoadBalancers.read(ctx.engine(), after.loadBalancerName))) {
      diagnostics.push(...Diagnostics.fromFindings(await LocalPolicyAttachments.check(ctx.engine(), after, nameChanged ? undefined : before), AT_ATTACHMENT));
    }
    return { planned: { ...proposed, id: proposed.load_balancer_name, revision: UNKNOWN }, requiresReplace: prior ? ['load_balancer_name'] : [], diagnostics };
  }

  public async apply(prior: TerraformObject | null, planned: TerraformObject | null, ctx: ResourceContext): Promise<StateResult> {
    const client = ctx.engine();
    try {
      const previous = parsed(prior?.attachment ?? null);
      if (planned === null) {
        if (previous) await LocalPolicyAttachments.remove(client, previous);
        return { state: null, diagnostics: [] };
      }
      const result = PolicyAttachments.parse(textOf(planned.attachment) ?? 'null');
      if (!result.attachment) return { state: prior, diagnostics: Diagnostics.fromFindings(result.findings, AT_ATTACHMENT) };
      const sameTarget = previous?.loadBalancerName === result.attachment.loadBalancerName;
      const written = await LocalPolicyAttachments.apply(client, result.attachment, sameTarget ? previous : undefined);
      if (written.revision === undefined) return { state: prior, diagnostics: Diagnostics.fromFindings(written.findings, AT_ATTACHMENT) };
      const state: TerraformObject = { id: result.attachment.loadBalancerName, load_balancer_name: planned.load_balancer_name, attachment: planned.attachment, revision: written.revision };
      return { state, diagnostics: [...Diagnostics.fromFindings(Findings.warnings(written.findings), AT_ATTACHMENT), ...Diagnostics.unenforceable(written.unenforceable ?? [], AT_ATTACHMENT)] };
    } catch (e) {
      return { state: prior, diagnostics: Diagnostics.fromError(e, 'ApplyResourceChange', 'attachment', ATTRIBUTES) };
    }
  }

  public async read(current: TerraformObject, ctx: ResourceContext): Promise<StateResult> {
    const name = knownString(current.load_balancer_name) ?? knownString(current.id) ?? '';
    const owned = parsed(current.attachment);
    const live = owned ? await LocalPolicyAttachments.read(ctx.engine(), owned) : await LocalPolicyAttachments.readAll(ctx.engine(), name);
    if (!live) return { state: null, diagnostics: [] };
    const attachment = owned && PolicyAttachments.equal(owned, live.attachment) ? current.attachment : SeclbStructure.toTerraform(ATTACHMENT_SHAPE, JSON.parse(PolicyAttachments.serialize(live.attachment)));
    return { state: { id: name, load_balancer_name: name, attachment, revision: live.revision }, diagnostics: [] };
  }

  public async importState(id: string, ctx: ResourceContext): Promise<StateResult> {
    if (!(await LocalLoadBalancers.read(ctx.engine(), id))) {
      return { state: null, diagnostics: Diagnostics.fromError(PluginErrors.importNotFound(this.type.typeName, 'load balancer', id), 'ImportResourceState') };
    }
    return { state: { id, load_balancer_name: id, attachment: null, revision: null }, diagnostics: [] };
  }
}
