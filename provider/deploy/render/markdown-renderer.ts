import { SecurityEffect } from '../../../lib/policy';
import { DeployPlan, LoadBalancerPlan, PlanAction, PlanSource } from '../plan/deploy-plan';
import { ChangeOrigin, PlanChange } from '../plan/plan-change';
import { redactPlanForRendering } from '../plan/redaction';
import { SecurityItem } from '../plan/security-item';
import { reviewFacts } from './review-lines';
import { changeSign, formatValue } from './value-format';
import { localMappingRows } from './local-mapping-rows';

/** The first line of every Markdown plan, so a CI job can find and update its own comment. */
export const MARKDOWN_MARKER = '<!-- seclb-plan -->';

/** GitHub refuses comments longer than 65,536 characters; the default budget stays below that. */
export const MARKDOWN_DEFAULT_MAX_LENGTH = 60000;

/** Options of the Markdown renderer. */
export interface MarkdownRenderOptions {
  /**
   * The longest comment to produce, in characters. The summary table always appears; the security
   * tables and then the per-load-balancer sections are cut when they would not fit, with a line
   * saying how many rows or sections were left out.
   * @default MARKDOWN_DEFAULT_MAX_LENGTH
   */
  readonly maxLength?: number;
}

/**
 * Renders a plan as a pull-request comment: a summary table first; then, when present, the
 * security-weakening changes called out with ⚠️; then the strengthening ones; then one collapsible
 * `<details>` section per load balancer that changes (and one for certificates), each a table of
 * changes with drift marked. Stays within `maxLength`.
 */
export function renderPlanMarkdown(plan: DeployPlan, options: MarkdownRenderOptions = {}): string {
  const budget = new Budget(options.maxLength ?? MARKDOWN_DEFAULT_MAX_LENGTH);
  // The renderer never shows the desired documents, so they are not written out to be scanned.
  const safe = redactPlanForRendering(plan);
  const s = safe.summary;
  const title = safe.source === PlanSource.TERRAFORM ? 'Terraform plan security preview' : 'seclb plan';
  const out: string[] = [MARKDOWN_MARKER, `### ${title}${safe.stack ? `: \`${safe.stack}\`` : ''}`, ''];
  out.push('| Create | Update | Delete | Unchanged | Certificates | Weakening | Strengthening | Drift |');
  out.push('|---:|---:|---:|---:|---:|---:|---:|---:|');
  out.push(`| ${s.create} | ${s.update} | ${s.delete} | ${s.noOp} | ${s.certificateChanges} | ${s.weakening ? `⚠️ ${s.weakening}` : '0'} | ${s.strengthening} | ${s.driftChanges} |`);
  out.push('');
  const facts = reviewFacts(safe);
  if (facts.digest) out.push(`Plan digest: ${code(facts.digest.content)} (inputs ${code(facts.digest.inputs)}); \`seclb apply\` refuses a plan file that no longer matches it.`, '');
  const all = safe.loadBalancers.flatMap((lb) => lb.security.map((item) => ({ lb: lb.name, item })));
  const weakening = all.filter((x) => x.item.effect === SecurityEffect.WEAKENS);
  const strengthening = all.filter((x) => x.item.effect === SecurityEffect.STRENGTHENS);
  budget.spend(out);
  if (weakening.length) {
    out.push(`#### ⚠️ ${weakening.length} change(s) weaken security`, '');
    out.push(...budget.rows(securityTable(weakening), 2, 'weakening change(s)'), '');
  }
  if (strengthening.length) {
    out.push(`#### ✅ ${strengthening.length} change(s) strengthen security`, '');
    out.push(...budget.rows(securityTable(strengthening), 2, 'strengthening change(s)'), '');
  }
  if (safe.warnings) {
    budget.spend([`#### Security warnings at synth: ${facts.unacknowledged.length} unacknowledged, ${facts.acknowledged.length} acknowledged`, '']);
    out.push(`#### ${facts.unacknowledged.length ? '⚠️ ' : ''}Security warnings at synth: ${facts.unacknowledged.length} unacknowledged, ${facts.acknowledged.length} acknowledged`, '');
    if (safe.warnings.length) {
      const table = ['| Rule | Construct | Status | Detail |', '|---|---|---|---|'];
      for (const w of [...facts.unacknowledged, ...facts.acknowledged]) {
        const status = w.acknowledged ? `acknowledged: ${cell(w.reason ?? '')}` : '**unacknowledged**';
        table.push(`| ${code(w.ruleId)} | ${code(w.constructPath)} | ${status} | ${cell(w.message)} |`);
      }
      out.push(...budget.rows(table, 2, 'warning(s)'), '');
    }
  }
  const gaps = safe.enforcement?.listeners ?? [];
  if (safe.source === PlanSource.SECLB && (safe.enforcement || safe.warnings)) {
    budget.spend(['#### Not enforced by this engine: 000 attribute(s) on 000 listener(s)', '', `_${facts.enforcementNote}._`, '']);
    out.push(`#### ${gaps.length ? '🚫 ' : ''}Not enforced by this engine: ${safe.enforcement ? `${facts.unenforceableCount} attribute(s) on ${gaps.length} listener(s)` : 'unknown'}`, '',
      `_${cell(facts.enforcementNote)}._`, '');
  }
  if (gaps.length) {
    const table = ['| Load balancer | Listener | Policy | Attribute | Why |', '|---|---|---|---|---|'];
    for (const g of gaps) {
      for (const u of g.unenforceable) table.push(`| ${code(g.loadBalancer)} | ${g.port}${g.canNegotiate ? '' : ' (refuses every handshake)'} | ${code(g.policyName)} | ${code(u.attribute)} | ${cell(u.reason)} |`);
    }
    out.push(...budget.rows(table, 2, 'attribute(s)'), '');
  }
  if (!s.hasChanges) out.push('No changes. Live state matches the desired configuration.', '');
  const sections = safe.loadBalancers.filter((l) => l.action !== PlanAction.NO_OP).map((lb) => details(lb));
  const certs = safe.serverCertificates.filter((c) => c.action !== PlanAction.NO_OP);
  if (certs.length) {
    sections.push([`<details><summary><b>Server certificates</b>: ${certs.length} change(s), compared by SHA-256 fingerprint</summary>`, '',
      ...changeTable(certs.flatMap((c) => c.changes)), '', '</details>']);
  }
  const mapped = localMappingRows(safe.localMapping);
  if (mapped.length) {
    const standIns = mapped.filter((r) => r.kind === 'certificate').length;
    sections.push([`<details><summary><b>Local mapping</b>: ${mapped.length} item(s)${standIns ? `, ${standIns} stand-in certificate(s)` : ''}</summary>`, '',
      '| Load balancer | What | Declared | Local | By |', '|---|---|---|---|---|',
      ...mapped.map((r) => `| ${r.loadBalancer ? code(r.loadBalancer) : ''} | ${r.kind} | ${code(r.declared)} | ${cell(r.local)} | ${code(r.rule)} |`),
      '', '</details>']);
  }
  let omitted = 0;
  for (const section of sections) {
    if (omitted || !budget.fits(section)) omitted++;
    else out.push(...section, '');
  }
  if (omitted) out.push(`_${omitted} more section(s) left out to fit a pull-request comment; the full plan is in \`seclb plan --format text\` or \`--format json\`._`);
  return `${out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}

/** Counts characters against the comment limit, keeping room for the closing notes. */
class Budget {
  private used = 0;
  constructor(private readonly max: number) {}

  /** Records lines already written. */
  public spend(lines: string[]): void {
    this.used += lines.reduce((n, l) => n + l.length + 1, 0);
  }

  /** True (and spent) when the lines fit. */
  public fits(lines: string[]): boolean {
    const size = lines.reduce((n, l) => n + l.length + 1, 0) + 1;
    if (this.used + size > this.max - 300) return false;
    this.used += size;
    return true;
  }

  /** The table's header lines and as many rows as fit, plus a line counting the rows left out. */
  public rows(table: string[], header: number, what: string): string[] {
    const kept = table.slice(0, header);
    this.spend(kept);
    let i = header;
    for (; i < table.length && this.fits([table[i]]); i++) kept.push(table[i]);
    if (i < table.length) kept.push('', `_${table.length - i} more ${what} left out to fit a pull-request comment._`);
    return kept;
  }
}

function securityTable(rows: { lb: string; item: SecurityItem }[]): string[] {
  const out = ['| Load balancer | Where | Attribute | Before | After | Why |', '|---|---|---|---|---|---|'];
  for (const { lb, item } of rows) {
    const drift = item.origin === ChangeOrigin.DRIFT ? ' (reverts drift)' : '';
    const policies = item.beforePolicy || item.afterPolicy ? `<br>${code(item.beforePolicy ?? '-')} → ${code(item.afterPolicy ?? '-')}` : '';
    out.push(`| ${code(lb)} | ${cell(item.scope)}${policies} | ${code(item.attribute)} | ${code(item.before)} | ${code(item.after)} | ${cell(item.reason)}${drift} |`);
  }
  return out;
}

function details(lb: LoadBalancerPlan): string[] {
  const weak = lb.security.filter((i) => i.effect === SecurityEffect.WEAKENS).length;
  const notes = [`${lb.changes.length} change(s)`];
  if (weak) notes.push(`⚠️ ${weak} weakening`);
  if (lb.drifted) notes.push('drift');
  const revision = lb.liveRevision === null ? '' : ` Planned against live revision ${code(String(lb.liveRevision))}.`;
  return [
    `<details><summary><b>${escapeHtml(lb.name)}</b>: ${lb.action} (${notes.join(', ')})</summary>`, '',
    `${actionSentence(lb.action)}${revision}`, '',
    ...changeTable(lb.changes), '', '</details>',
  ];
}

function changeTable(changes: PlanChange[]): string[] {
  const out = ['| | Change | Before | After | Origin |', '|---|---|---|---|---|'];
  for (const ch of changes) {
    const origin = ch.origin === ChangeOrigin.DRIFT
      ? `drift: changed outside seclb${ch.lastApplied === undefined ? '' : ` (last applied ${code(formatValue(ch.lastApplied))})`}`
      : 'configuration';
    const before = ch.before === undefined ? '' : code(formatValue(ch.before));
    const after = ch.after === undefined ? '' : code(formatValue(ch.after));
    const where = ch.resource ? `<br><sub>${code(ch.resource)}</sub>` : '';
    out.push(`| ${changeSign(ch)} | ${cell(ch.label)}${where} | ${before} | ${after} | ${origin} |`);
  }
  return out;
}

function actionSentence(action: PlanAction): string {
  return action === PlanAction.CREATE ? 'Will be created.' : action === PlanAction.DELETE ? 'Will be deleted.' : 'Will be updated in place.';
}

/** Inline code safe inside a table cell (pipes escaped, backticks replaced). */
function code(text: string): string {
  return `\`${text.replace(/`/g, "'").replace(/\|/g, '\\|').replace(/\n/g, ' ')}\``;
}

function cell(text: string): string {
  return escapeHtml(text).replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
