import { DeployErrors } from '../errors';

/** One entry of `resource_changes[]` in the JSON of `terraform show -json PLANFILE` (the members this preview reads). */
export interface TerraformResourceChange {
  /** The resource address, e.g. `aws_load_balancer_policy.ssl`. */
  readonly address: string;
  /** `managed` or `data`. */
  readonly mode?: string;
  /** The resource type, e.g. `aws_elb`. */
  readonly type: string;
  /**
   * The resource name in its module, e.g. `ssl` for `aws_load_balancer_policy.ssl[0]`.
   * @default - read from the address
   */
  readonly name?: string;
  /**
   * The module that holds it, e.g. `module.web`.
   * @default - the root module
   */
  readonly module_address?: string;
  /** The planned change. */
  readonly change: {
    /** `["no-op"]`, `["create"]`, `["read"]`, `["update"]`, `["delete"]`, `["delete","create"]` or `["create","delete"]`. */
    readonly actions: string[];
    /** The prior value, or null when the resource is created. */
    readonly before: unknown;
    /** The planned value, or null when the resource is deleted. */
    readonly after: unknown;
    /** Which parts of `after` are known only after apply (`true` at those paths). */
    readonly after_unknown?: unknown;
    /** Which parts of `before` are sensitive (`true` at those paths). */
    readonly before_sensitive?: unknown;
    /** Which parts of `after` are sensitive. */
    readonly after_sensitive?: unknown;
    /**
     * The attribute paths that force a replacement, each a list of steps (`["name"]`).
     * @default - none
     */
    readonly replace_paths?: unknown[];
  };
  /**
   * Why Terraform chose the action, e.g. `replace_because_cannot_update`.
   * @default - none
   */
  readonly action_reason?: string;
}

/** The JSON of a saved Terraform plan, as far as the preview reads it. */
export interface TerraformPlanJson {
  /** `1.x`. */
  readonly format_version: string;
  /**
   * The Terraform version that wrote it.
   * @default - not recorded
   */
  readonly terraform_version?: string;
  /** Every resource instance with its planned change. */
  readonly resource_changes: TerraformResourceChange[];
  /**
   * The configuration Terraform planned from: the preview reads which resource refers to which
   * (`expressions.*.references`) to tie a policy to its load balancer when the name is unknown.
   * @default - absent
   */
  readonly configuration?: unknown;
}

/** What stands for a value Terraform knows only after apply. */
export const UNKNOWN_VALUE = '(known after apply)';
/** What stands for a value Terraform marks sensitive. It is never read. */
export const SENSITIVE_VALUE = '(sensitive)';

/**
 * Reads and checks the JSON of `terraform show -json PLANFILE`: a `format_version` of 1.x and a
 * `resource_changes` list whose entries have an address, a type and actions.
 *
 * @param input the JSON text, or the parsed value
 * @param source a name for error messages (the file name)
 * @throws DeployError SECLB_DEPLOY_TERRAFORM_PLAN_FORMAT saying what is missing
 */
export function readTerraformPlan(input: string | unknown, source: string = 'tfplan.json'): TerraformPlanJson {
  let value: unknown = input;
  if (typeof input === 'string') {
    try {
      value = JSON.parse(input);
    } catch (e) {
      throw DeployErrors.terraformPlanFormat(source, `it is not JSON (${(e as Error).message})`);
    }
  }
  if (typeof value !== 'object' || value === null) throw DeployErrors.terraformPlanFormat(source, 'it is not a JSON object');
  const plan = value as Record<string, unknown>;
  if (typeof plan.format_version !== 'string' || !/^1\./.test(plan.format_version)) {
    throw DeployErrors.terraformPlanFormat(source, `its format_version is ${JSON.stringify(plan.format_version)}, not 1.x`);
  }
  const changes = plan.resource_changes ?? [];
  if (!Array.isArray(changes)) throw DeployErrors.terraformPlanFormat(source, 'resource_changes is not a list');
  changes.forEach((rc, i) => {
    const r = rc as Record<string, unknown>;
    const change = r?.change as Record<string, unknown> | undefined;
    if (typeof r?.address !== 'string' || typeof r.type !== 'string' || !change || !Array.isArray(change.actions)) {
      throw DeployErrors.terraformPlanFormat(source, `resource_changes[${i}] lacks address, type or change.actions`);
    }
  });
  return { ...(plan as unknown as TerraformPlanJson), resource_changes: changes as TerraformResourceChange[] };
}

/**
 * Replaces every part of `value` that `mask` marks `true` with `replacement`. Masks mirror the
 * value's shape (objects by member, lists by index), as Terraform writes `after_unknown` and
 * `*_sensitive`.
 */
export function applyMask(value: unknown, mask: unknown, replacement: string): unknown {
  if (mask === true) return replacement;
  if (mask === null || typeof mask !== 'object') return value;
  if (Array.isArray(value)) return value.map((v, i) => applyMask(v, (mask as unknown[])[i], replacement));
  if (Array.isArray(mask)) return value;
  const out: Record<string, unknown> = { ...((value ?? {}) as Record<string, unknown>) };
  for (const [k, m] of Object.entries(mask as Record<string, unknown>)) {
    if (m === true) out[k] = replacement;
    else if (k in out) out[k] = applyMask(out[k], m, replacement);
  }
  return out;
}

/** The prior value with sensitive parts replaced, or undefined when the resource did not exist. */
export function priorValue(rc: TerraformResourceChange): Record<string, unknown> | undefined {
  const { before } = rc.change;
  if (before === null || before === undefined) return undefined;
  return applyMask(before, rc.change.before_sensitive, SENSITIVE_VALUE) as Record<string, unknown>;
}

/**
 * The planned value with unknown parts marked `(known after apply)` and sensitive parts replaced,
 * or undefined when the resource is deleted.
 */
export function plannedValue(rc: TerraformResourceChange): Record<string, unknown> | undefined {
  const { after, actions } = rc.change;
  if (after === null || after === undefined || (actions.length === 1 && actions[0] === 'delete')) return undefined;
  const known = applyMask(after, rc.change.after_unknown, UNKNOWN_VALUE);
  return applyMask(known, rc.change.after_sensitive, SENSITIVE_VALUE) as Record<string, unknown>;
}
