import { ChangeList } from '../diff/change-list';
import { diffLoadBalancer } from '../diff/load-balancer-diff';
import { reviewSecurity } from '../diff/security-review';
import {
  CertificatePlan, DeployPlan, LoadBalancerPlan, PLAN_FORMAT_VERSION, PLAN_KIND, PlanAction, PlanSource,
} from '../plan/deploy-plan';
import { ChangeAction, ChangeOrigin, ChangeSubject, PlanChange } from '../plan/plan-change';
import { summarizePlan } from '../plan/plan-summary';
import { redactSecrets } from '../plan/redaction';
import { LoadBalancerOwners } from './load-balancer-owners';
import { ELB_RESOURCE_TYPES, terraformSide, TerraformSide } from './terraform-documents';
import { plannedValue, priorValue, readTerraformPlan, TerraformResourceChange } from './terraform-plan-json';

/** Options of `previewTerraformPlan`. */
export interface TerraformPreviewOptions {
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
   * The preview's timestamp.
   * @default - now
   */
  readonly createdAt?: Date;
}

/**
 * The AWS security preview: reads the JSON of `terraform show -json PLANFILE`, finds the Classic ELB
 * resources (`aws_elb`, `aws_load_balancer_policy`, `aws_load_balancer_listener_policy`,
 * `aws_load_balancer_backend_server_policy`, `aws_iam_server_certificate`, `aws_elb_attachment`, and
 * the older `aws_lb_ssl_negotiation_policy`),
 * assembles each side into load balancer documents, and diffs them with the same core as
 * `seclb plan`. An SSL negotiation policy replaced under a new name is paired with the policy it
 * replaces on the same listener (through the listener-policy binder) and classified attribute by
 * attribute. The result is a plan (source `terraform`) for the same renderers; it cannot be applied
 * by seclb. Sensitive values (a certificate's `private_key`) are never read.
 *
 * @param planJson the JSON text or the parsed value
 * @throws DeployError SECLB_DEPLOY_TERRAFORM_PLAN_FORMAT when the input is not plan JSON
 */
export function previewTerraformPlan(planJson: string | unknown, options: TerraformPreviewOptions = {}): DeployPlan {
  const plan = readTerraformPlan(planJson, options.source ?? 'tfplan.json');
  const changes = plan.resource_changes.filter((rc) => (ELB_RESOURCE_TYPES as readonly string[]).includes(rc.type) && rc.mode !== 'data');
  const owners = new LoadBalancerOwners(plan, changes);
  const before = terraformSide(changes, 'before', owners);
  const after = terraformSide(changes, 'after', owners);
  const keys = [...new Set([...before.loadBalancers.keys(), ...after.loadBalancers.keys()])];
  const loadBalancers = keys.map((key) => previewLoadBalancer(key, changes, before, after))
    .sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : 0));
  const serverCertificates = previewCertificates(before, after);
  return redactSecrets({
    kind: PLAN_KIND,
    formatVersion: PLAN_FORMAT_VERSION,
    source: PlanSource.TERRAFORM,
    createdAt: (options.createdAt ?? new Date()).toISOString(),
    ...(options.stack === undefined ? {} : { stack: options.stack }),
    loadBalancers,
    serverCertificates,
    summary: summarizePlan(loadBalancers, serverCertificates),
  });
}

/**
 * One load balancer's plan. `key` is its `aws_elb` address (or its name when the plan has no
 * `aws_elb` for it); the plan carries the planned name, or the prior one when it is deleted.
 */
function previewLoadBalancer(key: string, changes: TerraformResourceChange[], before: TerraformSide, after: TerraformSide): LoadBalancerPlan {
  const b = before.loadBalancers.get(key);
  const a = after.loadBalancers.get(key);
  const name = a?.name ?? b?.name ?? key;
  const elb = changes.find((rc) => rc.type === 'aws_elb' && rc.address === key);
  const actions = elb?.change.actions ?? [];
  const list: PlanChange[] = [];
  if (actions.includes('create') && actions.includes('delete')) {
    list.push({ key: 'loadBalancer', subject: ChangeSubject.ATTRIBUTE, action: ChangeAction.MODIFY,
      label: 'load balancer replaced (destroyed and re-created: its DNS name changes)',
      before: b?.name ?? key, after: a?.name ?? key, origin: ChangeOrigin.CONFIGURATION, resource: elb!.address });
  }
  const certs = { before: before.certificatesById, after: after.certificatesById };
  const elbExisted = elb ? priorValue(elb) !== undefined : b !== undefined;
  const elbRemains = elb ? plannedValue(elb) !== undefined : a !== undefined;
  const diffed = diffLoadBalancer(elbExisted ? b : undefined, elbRemains ? a : undefined, certs);
  list.push(...diffed.map((c) => ({ ...c, resource: addressOf(key, c.key, before, after) })));
  const action = elb && !elbExisted ? PlanAction.CREATE
    : elb && !elbRemains ? PlanAction.DELETE
      : list.length ? PlanAction.UPDATE : PlanAction.NO_OP;
  return {
    name,
    action,
    liveRevision: null,
    changes: list,
    security: b && a && elbExisted && elbRemains ? reviewSecurity(b, a) : [],
    drifted: false,
  };
}

/** The address of the resource that carries a change: the longest matching key, else the `aws_elb`. */
function addressOf(lb: string, key: string, before: TerraformSide, after: TerraformSide): string | undefined {
  for (const side of [after, before]) {
    let probe = key;
    while (probe) {
      const found = side.addresses.get(`${lb}/${probe}`);
      if (found) return found;
      const cut = Math.max(probe.lastIndexOf('.'), probe.lastIndexOf('['));
      probe = cut > 0 ? probe.slice(0, cut) : '';
    }
  }
  return after.addresses.get(lb) ?? before.addresses.get(lb);
}

function previewCertificates(before: TerraformSide, after: TerraformSide): CertificatePlan[] {
  const names = [...new Set([...before.certificatesByName.keys(), ...after.certificatesByName.keys()])].sort();
  return names.map((name) => {
    const b = before.certificatesByName.get(name);
    const a = after.certificatesByName.get(name);
    const list = new ChangeList();
    list.value(`serverCertificates[${name}].fingerprint`, ChangeSubject.CERTIFICATE, `certificate ${name}`, b?.fingerprint, a?.fingerprint);
    const resource = after.addresses.get(`certificates[${name}]`) ?? before.addresses.get(`certificates[${name}]`);
    const changes = list.changes.map((c) => ({ ...c, resource }));
    const action = !b ? PlanAction.CREATE : !a ? PlanAction.DELETE : changes.length ? PlanAction.UPDATE : PlanAction.NO_OP;
    return { name, action, changes, drifted: false };
  });
}
