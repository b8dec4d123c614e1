import { SeclbResourceType } from '../../../lib/contract/seclb-schema';
import { EngineAdminClient } from '../../deploy/engine-client/engine-admin-client';
import { DiagnosticMessage } from '../diagnostics';
import { TerraformObject } from '../values/terraform-value';

/** What a resource operation needs from the provider instance. */
export interface ResourceContext {
  /** The engine client; throws (an error naming the address or file) when the engine cannot be found. */
  engine(): EngineAdminClient;
}

/** A planned change. */
export interface PlanResult {
  /** The planned new object (null exactly for a destroy). */
  readonly planned: TerraformObject | null;
  /** Attributes whose change replaces the object (Terraform keeps those whose value changes). */
  readonly requiresReplace: string[];
  /** Problems found while planning. */
  readonly diagnostics: DiagnosticMessage[];
}

/** The outcome of an operation that yields a new object (apply, read). */
export interface StateResult {
  /** The new object, or null when it is gone (delete, or vanished on refresh). */
  readonly state: TerraformObject | null;
  /** Problems found. */
  readonly diagnostics: DiagnosticMessage[];
}

/**
 * One seclb resource type's behaviour under Terraform: validation, planning, apply, refresh and
 * import, in terms of decoded values. Handlers never throw on purpose: they return diagnostics,
 * and the provider service turns anything thrown into a diagnostic too.
 */
export interface ResourceHandler {
  /** The schema entry (from lib/contract/seclb-schema.ts). */
  readonly type: SeclbResourceType;
  /** Static checks of a configuration (which may hold unknown values). */
  validate(config: TerraformObject): DiagnosticMessage[];
  /** Plans a create (prior null) or an update. Never called for a destroy (no plan_destroy). */
  plan(prior: TerraformObject | null, proposed: TerraformObject, config: TerraformObject, ctx: ResourceContext): Promise<PlanResult>;
  /** Creates (prior null), updates, or deletes (planned null). */
  apply(prior: TerraformObject | null, planned: TerraformObject | null, ctx: ResourceContext): Promise<StateResult>;
  /** Refreshes from the engine (null when the object is gone). */
  read(current: TerraformObject, ctx: ResourceContext): Promise<StateResult>;
  /** The state `terraform import <address> <id>` starts from (Terraform reads it right after). */
  importState(id: string, ctx: ResourceContext): Promise<StateResult>;
}
