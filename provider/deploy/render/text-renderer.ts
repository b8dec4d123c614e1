import { SecurityEffect } from '../../../lib/policy';
import { DeployPlan, LoadBalancerPlan, PlanAction, PlanSource, PlanSummary } from '../plan/deploy-plan';
import { ChangeOrigin, PlanChange } from '../plan/plan-change';
import { redactPlanForRendering } from '../plan/redaction';
import { SecurityItem } from '../plan/security-item';
import { reviewFacts } from './review-lines';
import { changeSign, formatTransition, formatValue } from './value-format';
import { localMappingRows } from './local-mapping-rows';

/** Options of the text renderer. */
export interface TextRenderOptions {
  /**
   * Colour with ANSI escapes (green adds, red removes and weakening changes, yellow modifications
   * and drift). The CLI turns it on only on a TTY.
   * @default false
   */
  readonly color?: boolean;
}

const CODES = { red: 31, green: 32, yellow: 33, bold: 1, dim: 2 } as const;
type Style = keyof typeof CODES;

/**
 * Renders a plan for a terminal: one block per load balancer that changes (its changes, drift
 * marked as such, then its security review), certificates, and a closing summary line in the
 * manner of `terraform plan`.
 */
export function renderPlanText(plan: DeployPlan, options: TextRenderOptions = {}): string {
  // The renderer never shows the desired documents, so they are not written out to be scanned.
  const safe = redactPlanForRendering(plan);
  const paint = (style: Style, text: string) => (options.color ? `\u001b[${CODES[style]}m${text}\u001b[0m` : text);
  const lines: string[] = [];
  const title = safe.source === PlanSource.TERRAFORM ? 'Terraform plan security preview' : 'seclb plan';
  lines.push(`${title}${safe.stack ? ` (stack ${safe.stack})` : ''}`, '');
  const changing = safe.loadBalancers.filter((lb) => lb.action !== PlanAction.NO_OP);
  if (!changing.length && !safe.summary.certificateChanges) {
    lines.push('No changes. Live state matches the desired configuration.', '');
  }
  for (const lb of changing) lines.push(...renderLoadBalancer(lb, paint), '');
  const certs = safe.serverCertificates.filter((c) => c.action !== PlanAction.NO_OP);
  if (certs.length) {
    lines.push('Server certificates (by SHA-256 fingerprint):');
    for (const c of certs) {
      for (const ch of c.changes) lines.push(`  ${colourSign(ch, paint)} ${c.name}: ${formatTransition(ch)}${driftNote(ch, paint)}`);
    }
    lines.push('');
  }
  const mapped = localMappingRows(safe.localMapping);
  if (mapped.length) {
    lines.push('Local mapping (what only AWS resolves, as the local target mapped it):');
    for (const r of mapped) {
      const where = r.loadBalancer ? `${r.loadBalancer} ` : '';
      lines.push(`  ${where}${r.kind} ${r.declared} -> ${r.local} [${r.rule}]`);
    }
    lines.push('');
  }
  lines.push(...reviewSection(safe, paint));
  lines.push(summaryLine(safe.summary, paint));
  const facts = reviewFacts(safe);
  if (plan.warnings) lines.push(`Warnings: ${facts.unacknowledged.length ? paint('red', `${facts.unacknowledged.length} unacknowledged`) : '0 unacknowledged'}, ${facts.acknowledged.length} acknowledged. Not enforced by this engine: ${facts.unenforceableCount} attribute(s).`);
  if (facts.digest) lines.push(`Plan digest: ${facts.digest.content} (inputs ${facts.digest.inputs})`);
  return `${lines.join('\n')}\n`;
}

/** The synth-time warnings and what the engine cannot enforce, each with a heading. */
function reviewSection(plan: DeployPlan, paint: (s: Style, t: string) => string): string[] {
  const facts = reviewFacts(plan);
  const out: string[] = [];
  if (plan.warnings) {
    out.push(`Security warnings at synth: ${plan.warnings.length ? `${facts.unacknowledged.length} unacknowledged, ${facts.acknowledged.length} acknowledged` : 'none'}`);
    for (const w of facts.unacknowledged) out.push(`  ${paint('red', 'UNACKNOWLEDGED')} ${w.ruleId} on ${w.constructPath}: ${w.message}`);
    for (const w of facts.acknowledged) out.push(`  acknowledged ${w.ruleId} on ${w.constructPath}: ${w.reason} (${w.message})`);
    out.push('');
  }
  // Plans computed outside `seclb plan` (no review attached) and Terraform previews have no engine to ask.
  if (plan.source !== PlanSource.SECLB || (!plan.enforcement && !plan.warnings)) return out;
  const gaps = plan.enforcement?.listeners ?? [];
  out.push(`Not enforced by this engine (${facts.enforcementNote}): ${plan.enforcement ? (gaps.length ? `${facts.unenforceableCount} attribute(s) on ${gaps.length} listener(s)` : 'nothing') : 'unknown'}`);
  for (const g of gaps) {
    const refused = g.canNegotiate ? '' : paint('red', ' [refuses every handshake]');
    out.push(`  load balancer ${g.loadBalancer} listener ${g.port} (policy ${g.policyName})${refused}:`);
    for (const u of g.unenforceable) out.push(`    ${paint('yellow', '!')} ${u.attribute}: ${u.reason}`);
  }
  out.push('');
  return out;
}

function renderLoadBalancer(lb: LoadBalancerPlan, paint: (s: Style, t: string) => string): string[] {
  const sign = lb.action === PlanAction.CREATE ? paint('green', '+') : lb.action === PlanAction.DELETE ? paint('red', '-') : paint('yellow', '~');
  const revision = lb.liveRevision === null ? '' : ` (live revision ${JSON.stringify(lb.liveRevision)})`;
  const out = [`${sign} load balancer ${paint('bold', lb.name)} will be ${verb(lb.action)}${revision}`];
  for (const ch of lb.changes) out.push(`    ${colourSign(ch, paint)} ${ch.label}${ch.resource ? ` [${ch.resource}]` : ''}: ${formatTransition(ch)}${driftNote(ch, paint)}`);
  if (lb.security.length) {
    out.push('    Security:');
    for (const item of lb.security) out.push(`      ${securityLine(item, paint)}`);
  }
  return out;
}

/** One security item as a line: effect, scope, attribute, values, reason. */
export function securityLine(item: SecurityItem, paint: (s: Style, t: string) => string = (_s, t) => t): string {
  const tag = item.effect === SecurityEffect.WEAKENS ? paint('red', 'WEAKENS') : paint('green', 'strengthens');
  const drift = item.origin === ChangeOrigin.DRIFT ? ' [reverts drift]' : '';
  return `${tag} ${item.scope} ${item.attribute}: ${item.before} → ${item.after} (${item.reason})${drift}`;
}

function colourSign(ch: PlanChange, paint: (s: Style, t: string) => string): string {
  const s = changeSign(ch);
  return paint(s === '+' ? 'green' : s === '-' ? 'red' : 'yellow', s);
}

function driftNote(ch: PlanChange, paint: (s: Style, t: string) => string): string {
  if (ch.origin !== ChangeOrigin.DRIFT) return '';
  const last = ch.lastApplied === undefined ? '' : `; last applied ${formatValue(ch.lastApplied)}`;
  return paint('yellow', `  [drift: changed outside seclb${last}]`);
}

function verb(action: PlanAction): string {
  return action === PlanAction.CREATE ? 'created' : action === PlanAction.DELETE ? 'deleted' : action === PlanAction.UPDATE ? 'updated' : 'left unchanged';
}

function summaryLine(s: PlanSummary, paint: (s: Style, t: string) => string): string {
  const plan = `Plan: ${s.create} to create, ${s.update} to update, ${s.delete} to delete, ${s.noOp} unchanged; ${s.certificateChanges} certificate change(s).`;
  const security = `Security: ${s.weakening ? paint('red', `${s.weakening} weakening`) : '0 weakening'}, ${s.strengthening} strengthening.`;
  const drift = s.driftChanges ? ` Drift: ${s.driftChanges} change(s) revert edits made outside seclb.` : '';
  return `${plan} ${security}${drift}`;
}
