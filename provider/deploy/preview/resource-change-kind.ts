import { TerraformResourceChange } from './terraform-plan-json';

/** What Terraform will do to one resource instance, read from `change.actions`. */
export enum ResourceChangeKind {
  /** `["create"]`: a new object. */
  CREATE = 'create',
  /** `["update"]`: changed in place; the object (and, for a load balancer, its DNS name) stays. */
  UPDATE = 'update',
  /** `["create","delete"]`: replaced, the new object created before the old one is destroyed. */
  REPLACE_CREATE_BEFORE_DESTROY = 'replace-create-before-destroy',
  /** `["delete","create"]`: replaced, the old object destroyed first (a gap without it). */
  REPLACE_DESTROY_BEFORE_CREATE = 'replace-destroy-before-create',
  /** `["delete"]`: destroyed. */
  DELETE = 'delete',
  /** `["read"]`: a data source read during apply; changes nothing. */
  READ = 'read',
  /** `["forget"]`: removed from state, the object itself left alone (Terraform 1.7+ `removed` blocks). */
  FORGET = 'forget',
  /** `["no-op"]`: unchanged. */
  NO_OP = 'no-op',
}

/** The labels a pull-request reader knows from tfcmt, one per kind. */
export const CHANGE_LABELS: Record<ResourceChangeKind, string> = {
  [ResourceChangeKind.CREATE]: 'add',
  [ResourceChangeKind.UPDATE]: 'update',
  [ResourceChangeKind.REPLACE_CREATE_BEFORE_DESTROY]: 'replace',
  [ResourceChangeKind.REPLACE_DESTROY_BEFORE_CREATE]: 'replace',
  [ResourceChangeKind.DELETE]: 'destroy',
  [ResourceChangeKind.READ]: 'read',
  [ResourceChangeKind.FORGET]: 'forget',
  [ResourceChangeKind.NO_OP]: 'no changes',
};

/**
 * The kind of a resource change. Terraform writes one of a fixed set of action lists; anything
 * else (a future action) counts as an update so it is never hidden as "no changes".
 */
export function resourceChangeKind(rc: TerraformResourceChange): ResourceChangeKind {
  const a = rc.change.actions.join(',');
  switch (a) {
    case 'create': return ResourceChangeKind.CREATE;
    case 'delete': return ResourceChangeKind.DELETE;
    case 'create,delete': return ResourceChangeKind.REPLACE_CREATE_BEFORE_DESTROY;
    case 'delete,create': return ResourceChangeKind.REPLACE_DESTROY_BEFORE_CREATE;
    case 'read': return ResourceChangeKind.READ;
    case 'forget': return ResourceChangeKind.FORGET;
    case 'no-op': case '': return ResourceChangeKind.NO_OP;
    default: return ResourceChangeKind.UPDATE;
  }
}

/** True for both replacement kinds. */
export function isReplacement(kind: ResourceChangeKind): boolean {
  return kind === ResourceChangeKind.REPLACE_CREATE_BEFORE_DESTROY || kind === ResourceChangeKind.REPLACE_DESTROY_BEFORE_CREATE;
}

/** True when the kind changes real infrastructure (not no-op, read or forget). */
export function changesInfrastructure(kind: ResourceChangeKind): boolean {
  return kind !== ResourceChangeKind.NO_OP && kind !== ResourceChangeKind.READ && kind !== ResourceChangeKind.FORGET;
}

/** Terraform's own "Plan: N to add, N to change, N to destroy" line: a replacement counts as one add and one destroy. */
export interface TerraformCounts {
  /** Objects created (creates and the new half of replacements). */
  readonly add: number;
  /** Objects updated in place. */
  readonly change: number;
  /** Objects destroyed (deletes and the old half of replacements). */
  readonly destroy: number;
}

/** Counts kinds the way `terraform plan` summarizes them. */
export function terraformCounts(kinds: ResourceChangeKind[]): TerraformCounts {
  let add = 0; let change = 0; let destroy = 0;
  for (const k of kinds) {
    if (k === ResourceChangeKind.CREATE || isReplacement(k)) add++;
    if (k === ResourceChangeKind.DELETE || isReplacement(k)) destroy++;
    if (k === ResourceChangeKind.UPDATE) change++;
  }
  return { add, change, destroy };
}

/**
 * The attribute paths of the planned value that Terraform knows only after apply, read from
 * `after_unknown` (objects by member, lists by index), e.g. `instance` or `listener[0].ssl_certificate_id`.
 */
export function unknownPaths(mask: unknown, prefix = ''): string[] {
  if (mask === true) return [prefix || '(the whole value)'];
  if (mask === null || typeof mask !== 'object') return [];
  if (Array.isArray(mask)) return mask.flatMap((m, i) => unknownPaths(m, `${prefix}[${i}]`));
  return Object.entries(mask as Record<string, unknown>).flatMap(([k, m]) => unknownPaths(m, prefix ? `${prefix}.${k}` : k));
}

/**
 * The attribute paths that force a replacement, from `replace_paths` (lists of steps such as
 * `["name"]` or `["listener", 0, "lb_port"]`), written `name` or `listener[0].lb_port`.
 */
export function replacePaths(paths: unknown): string[] {
  if (!Array.isArray(paths)) return [];
  return paths.filter(Array.isArray).map((steps: unknown[]) => steps
    .map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? String(s) : `.${String(s)}`)).join(''));
}
