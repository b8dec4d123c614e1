import { SecurityEffect } from '../../../lib/policy';
import { SecurityItem } from '../plan/security-item';
import { PlanChange } from '../plan/plan-change';
import { diffLoadBalancer } from '../diff/load-balancer-diff';
import { reviewSecurity } from '../diff/security-review';
import { elbResourceMeaning } from './elb-resource-meaning';
import { LoadBalancerOwners } from './load-balancer-owners';
import { loadBalancerPosture, PostureFinding } from './load-balancer-posture';
import {
  CHANGE_LABELS, changesInfrastructure, isReplacement, replacePaths, ResourceChangeKind, resourceChangeKind,
  TerraformCounts, terraformCounts, unknownPaths,
} from './resource-change-kind';
import { ELB_RESOURCE_TYPES, terraformSide } from './terraform-documents';
import { readTerraformPlan, TerraformResourceChange } from './terraform-plan-json';

/** The kind marker of the preview's JSON form. */
export const AWS_PREVIEW_KIND = 'seclb-aws-preview';

/** One resource instance Terraform plans for, ELB-related or not. */
export interface PreviewResource {
  /** Its address, e.g. `aws_elb_attachment.web[1]`. */
  readonly address: string;
  /** Its type. */
  readonly type: string;
  /** What Terraform will do. */
  readonly kind: ResourceChangeKind;
  /** The tfcmt-style label: add, update, replace, destroy, read, forget, no changes. */
  readonly label: string;
  /** True for the Classic ELB resource types. */
  readonly elbRelated: boolean;
  /**
   * For ELB-related resources, what it means for security (see `elbResourceMeaning`).
   * @default - none for other types
   */
  readonly meaning?: string;
  /** Attribute paths of the planned value known only after apply (empty when all are known). */
  readonly knownAfterApply: string[];
  /** For replacements, the attribute paths that force it (from `replace_paths`). */
  readonly replacePaths: string[];
  /**
   * Terraform's reason for the action (`action_reason`), e.g. `replace_because_cannot_update`.
   * @default - none
   */
  readonly actionReason?: string;
}

/** A notice that must stand above everything else in a review. */
export interface PreviewBanner {
  /** `delete` (objects are destroyed) or `load-balancer-replaced` (a load balancer's DNS name changes). */
  readonly kind: 'delete' | 'load-balancer-replaced';
  /** The sentence to show. */
  readonly text: string;
  /** The resource addresses concerned. */
  readonly addresses: string[];
}

/** One load balancer (an `aws_elb` and every resource that belongs to it), with its security meaning. */
export interface PreviewLoadBalancer {
  /** The `aws_elb` address, or the name when the plan has no `aws_elb` for it. */
  readonly key: string;
  /**
   * Its name before the change.
   * @default - absent when it is created
   */
  readonly nameBefore?: string;
  /**
   * Its name after the change.
   * @default - absent when it is deleted
   */
  readonly nameAfter?: string;
  /** What happens to the `aws_elb` itself; `update` when only resources that belong to it change. */
  readonly kind: ResourceChangeKind;
  /** The tfcmt-style label. */
  readonly label: string;
  /** Every difference of the load balancer's document (listeners, policies, back ends, instances, ...). */
  readonly changes: PlanChange[];
  /** Security deltas against the prior state (updates and replacements), weakening first. */
  readonly security: SecurityItem[];
  /** The absolute posture of a created or replaced load balancer: what it enables that weakens security. */
  readonly posture: PostureFinding[];
}

/** Counts over the preview. */
export interface PreviewCounts {
  /** Terraform's own add / change / destroy (a replacement counts in add and destroy). */
  readonly terraform: TerraformCounts;
  /** Resources per kind (every kind present, zero when none). */
  readonly byKind: Record<ResourceChangeKind, number>;
  /** Resource instances with at least one value known only after apply. */
  readonly knownAfterApply: number;
  /** Security deltas that weaken security. */
  readonly weakening: number;
  /** Security deltas that strengthen security. */
  readonly strengthening: number;
  /** Posture findings of created or replaced load balancers. */
  readonly postureFindings: number;
  /** True when Terraform would change any infrastructure. */
  readonly hasChanges: boolean;
}

/** The whole AWS preview of a saved Terraform plan. JSON-serialisable; holds no key material. */
export interface AwsPreview {
  /** Always `seclb-aws-preview`. */
  readonly kind: string;
  /** When it was made (ISO 8601). */
  readonly createdAt: string;
  /**
   * The stack name shown.
   * @default - none
   */
  readonly stack?: string;
  /**
   * The Terraform version that wrote the plan.
   * @default - not recorded
   */
  readonly terraformVersion?: string;
  /** Counts. */
  readonly counts: PreviewCounts;
  /** Deletions and load-balancer replacements, to show first. */
  readonly banners: PreviewBanner[];
  /** Load balancers, by name. */
  readonly loadBalancers: PreviewLoadBalancer[];
  /** Every resource change, in plan order. */
  readonly resources: PreviewResource[];
}

/** Options of `previewAwsPlan`. */
export interface AwsPreviewOptions {
  /**
   * The plan file's name, for error messages.
   * @default 'tfplan.json'
   */
  readonly source?: string;
  /**
   * The stack name to show.
   * @default - none
   */
  readonly stack?: string;
  /**
   * The timestamp.
   * @default - now
   */
  readonly createdAt?: Date;
}

/**
 * The whole AWS preview of `terraform show -json PLANFILE`: every resource change counted and
 * classified (create, update in place, replace create-before-destroy or destroy-before-create,
 * delete, read, no-op; values known only after apply; what forces a replacement); banners for
 * deletions and for load-balancer replacements (the DNS name changes); each ELB-related resource
 * with its security meaning; each load balancer's document diff, its security deltas and, when it
 * is new or replaced, its absolute posture (what it enables), all from the policy model.
 *
 * @param planJson the JSON text or the parsed value
 * @throws DeployError SECLB_DEPLOY_TERRAFORM_PLAN_FORMAT when the input is not plan JSON
 */
export function previewAwsPlan(planJson: string | unknown, options: AwsPreviewOptions = {}): AwsPreview {
  const plan = readTerraformPlan(planJson, options.source ?? 'tfplan.json');
  const managed = plan.resource_changes.filter((rc) => rc.mode !== 'data' || resourceChangeKind(rc) === ResourceChangeKind.READ);
  const resources = managed.map(previewResource);
  const elbChanges = plan.resource_changes.filter((rc) => (ELB_RESOURCE_TYPES as readonly string[]).includes(rc.type) && rc.mode !== 'data');
  const owners = new LoadBalancerOwners(plan, elbChanges);
  const before = terraformSide(elbChanges, 'before', owners);
  const after = terraformSide(elbChanges, 'after', owners);
  const certs = { before: before.certificatesById, after: after.certificatesById };
  const keys = [...new Set([...before.loadBalancers.keys(), ...after.loadBalancers.keys()])];
  const loadBalancers = keys.map((key): PreviewLoadBalancer => {
    const b = before.loadBalancers.get(key);
    const a = after.loadBalancers.get(key);
    const elb = elbChanges.find((rc) => rc.type === 'aws_elb' && rc.address === key);
    const elbKind = elb ? resourceChangeKind(elb) : undefined;
    const existed = elbKind ? elbKind !== ResourceChangeKind.CREATE : b !== undefined;
    const remains = elbKind ? elbKind !== ResourceChangeKind.DELETE : a !== undefined;
    const changes = diffLoadBalancer(existed ? b : undefined, remains ? a : undefined, certs);
    const kind = elbKind && elbKind !== ResourceChangeKind.NO_OP ? elbKind
      : changes.length ? ResourceChangeKind.UPDATE : ResourceChangeKind.NO_OP;
    const fresh = kind === ResourceChangeKind.CREATE || isReplacement(kind);
    return {
      key,
      ...(existed && b ? { nameBefore: b.name } : {}),
      ...(remains && a ? { nameAfter: a.name } : {}),
      kind,
      label: CHANGE_LABELS[kind],
      changes,
      security: existed && remains && b && a ? reviewSecurity(b, a) : [],
      posture: fresh && a ? loadBalancerPosture(a) : [],
    };
  }).sort((x, y) => lbName(x).localeCompare(lbName(y)));
  const kinds = resources.map((r) => r.kind);
  const byKind = Object.fromEntries(Object.values(ResourceChangeKind).map((k) => [k, kinds.filter((x) => x === k).length])) as Record<ResourceChangeKind, number>;
  const security = loadBalancers.flatMap((l) => l.security);
  return {
    kind: AWS_PREVIEW_KIND,
    createdAt: (options.createdAt ?? new Date()).toISOString(),
    ...(options.stack === undefined ? {} : { stack: options.stack }),
    ...(plan.terraform_version === undefined ? {} : { terraformVersion: plan.terraform_version }),
    counts: {
      terraform: terraformCounts(kinds),
      byKind,
      knownAfterApply: resources.filter((r) => r.knownAfterApply.length && changesInfrastructure(r.kind)).length,
      weakening: security.filter((i) => i.effect === SecurityEffect.WEAKENS).length,
      strengthening: security.filter((i) => i.effect === SecurityEffect.STRENGTHENS).length,
      postureFindings: loadBalancers.reduce((n, l) => n + l.posture.length, 0),
      hasChanges: kinds.some(changesInfrastructure),
    },
    banners: banners(resources, loadBalancers),
    loadBalancers,
    resources,
  };
}

/** A load balancer's name for display: `old → new` for a rename. */
export function lbName(lb: PreviewLoadBalancer): string {
  if (lb.nameBefore && lb.nameAfter && lb.nameBefore !== lb.nameAfter) return `${lb.nameBefore} → ${lb.nameAfter}`;
  return lb.nameAfter ?? lb.nameBefore ?? lb.key;
}

function previewResource(rc: TerraformResourceChange): PreviewResource {
  const kind = resourceChangeKind(rc);
  const meaning = elbResourceMeaning(rc);
  const elbRelated = (ELB_RESOURCE_TYPES as readonly string[]).includes(rc.type);
  return {
    address: rc.address,
    type: rc.type,
    kind,
    label: CHANGE_LABELS[kind],
    elbRelated,
    ...(meaning === undefined ? {} : { meaning }),
    knownAfterApply: kind === ResourceChangeKind.DELETE ? [] : unknownPaths(rc.change.after_unknown),
    replacePaths: replacePaths(rc.change.replace_paths),
    ...(rc.action_reason ? { actionReason: rc.action_reason } : {}),
  };
}

function banners(resources: PreviewResource[], loadBalancers: PreviewLoadBalancer[]): PreviewBanner[] {
  const out: PreviewBanner[] = [];
  for (const lb of loadBalancers.filter((l) => isReplacement(l.kind))) {
    const forced = resources.find((r) => r.address === lb.key)?.replacePaths ?? [];
    const order = lb.kind === ResourceChangeKind.REPLACE_DESTROY_BEFORE_CREATE
      ? 'destroyed first, then created again (it serves nothing in between)'
      : 'created anew before the old one is destroyed';
    out.push({
      kind: 'load-balancer-replaced',
      text: `Load balancer ${lbName(lb)} (${lb.key}) is replaced: ${order}. Its DNS name changes: `
        + `update every DNS record and client that points at it.${forced.length ? ` Forced by: ${forced.join(', ')}.` : ''}`,
      addresses: [lb.key],
    });
  }
  const destroyed = resources.filter((r) => r.kind === ResourceChangeKind.DELETE || isReplacement(r.kind));
  if (destroyed.length) {
    const deleted = destroyed.filter((r) => r.kind === ResourceChangeKind.DELETE).length;
    out.push({
      kind: 'delete',
      text: `${destroyed.length} resource(s) will be destroyed (${deleted} deleted, ${destroyed.length - deleted} replaced).`,
      addresses: destroyed.map((r) => r.address),
    });
  }
  return out;
}
