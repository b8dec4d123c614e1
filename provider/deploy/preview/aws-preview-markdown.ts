import { SecurityEffect } from '../../../lib/policy';
import { MARKDOWN_DEFAULT_MAX_LENGTH } from '../render/markdown-renderer';
import { changeSign, formatValue } from '../render/value-format';
import { AwsPreview, lbName, PreviewLoadBalancer } from './aws-preview';
import { ResourceChangeKind } from './resource-change-kind';

/** The first line of every Markdown AWS preview, so a CI job can find and update its own comment. */
export const AWS_PREVIEW_MARKER = '<!-- seclb-aws-preview -->';

const SIGNS: Record<ResourceChangeKind, string> = {
  [ResourceChangeKind.CREATE]: '+',
  [ResourceChangeKind.UPDATE]: '~',
  [ResourceChangeKind.REPLACE_CREATE_BEFORE_DESTROY]: '+/-',
  [ResourceChangeKind.REPLACE_DESTROY_BEFORE_CREATE]: '-/+',
  [ResourceChangeKind.DELETE]: '-',
  [ResourceChangeKind.READ]: '<=',
  [ResourceChangeKind.FORGET]: '.',
  [ResourceChangeKind.NO_OP]: ' ',
};

/** The sign Terraform prints before a resource of this kind (`+`, `~`, `-/+`, `+/-`, `-`, `<=`). */
export function kindSign(kind: ResourceChangeKind): string {
  return SIGNS[kind];
}

/**
 * Renders the AWS preview as a pull-request comment: the marker; Terraform's own counts and a
 * count per tfcmt label; a CAUTION banner per replaced load balancer and a WARNING banner listing
 * destroyed resources; the security findings (weakening deltas and new load balancers' posture
 * first, then strengthening); a table of load balancers; then every resource change (ELB-related
 * ones with their meaning) in a collapsible section, cut to stay within `maxLength`.
 */
export function renderAwsPreviewMarkdown(preview: AwsPreview, maxLength: number = MARKDOWN_DEFAULT_MAX_LENGTH): string {
  const c = preview.counts;
  const k = c.byKind;
  const out: string[] = [AWS_PREVIEW_MARKER, `### Terraform plan security preview${preview.stack ? `: \`${preview.stack}\`` : ''}`, ''];
  if (!c.hasChanges) {
    out.push('**No changes.** Terraform plans nothing for this pull request.', '');
  } else {
    out.push(`**Plan: ${c.terraform.add} to add, ${c.terraform.change} to change, ${c.terraform.destroy} to destroy.**`, '');
    out.push('| add | update | replace | destroy | no changes | known after apply |', '|---:|---:|---:|---:|---:|---:|');
    out.push(`| ${k.create} | ${k.update} | ${k['replace-create-before-destroy'] + k['replace-destroy-before-create']} | ${k.delete} | ${k['no-op']} | ${c.knownAfterApply} |`, '');
  }
  for (const b of preview.banners) {
    if (b.kind === 'load-balancer-replaced') out.push('> [!CAUTION]', `> **Load balancer replaced.** ${cell(b.text)}`, '');
    else out.push('> [!WARNING]', `> **Resources destroyed.** ${cell(b.text)} ${b.addresses.map(code).join(', ')}`, '');
  }
  const weak = preview.loadBalancers.flatMap((lb) => lb.security.filter((i) => i.effect === SecurityEffect.WEAKENS).map((i) => ({ lb, i })));
  const strong = preview.loadBalancers.flatMap((lb) => lb.security.filter((i) => i.effect === SecurityEffect.STRENGTHENS).map((i) => ({ lb, i })));
  const posture = preview.loadBalancers.flatMap((lb) => lb.posture.map((p) => ({ lb, p })));
  out.push(`#### Security: ${c.weakening ? `⚠️ ${c.weakening}` : '0'} weakening, ${c.postureFindings ? `⚠️ ${c.postureFindings}` : '0'} finding(s) on new load balancers, ${c.strengthening} strengthening`, '');
  if (weak.length || strong.length) {
    out.push('| | Load balancer | Where | Attribute | Before | After | Why |', '|---|---|---|---|---|---|---|');
    for (const { lb, i } of [...weak, ...strong]) {
      const where = i.beforePolicy || i.afterPolicy ? `${cell(i.scope)}<br>${code(i.beforePolicy ?? '-')} → ${code(i.afterPolicy ?? '-')}` : cell(i.scope);
      out.push(`| ${i.effect === SecurityEffect.WEAKENS ? '⚠️ weakens' : '✅ strengthens'} | ${code(lbName(lb))} | ${where} | ${code(i.attribute)} | ${code(i.before)} | ${code(i.after)} | ${cell(i.reason)} |`);
    }
    out.push('');
  }
  if (posture.length) {
    out.push('New or replaced load balancers, judged on what they enable:', '');
    out.push('| Load balancer | Where | Rule | Finding | Fix |', '|---|---|---|---|---|');
    for (const { lb, p } of posture) out.push(`| ${code(lbName(lb))} | ${cell(p.scope)} | ${code(p.rule)} | ${cell(p.message)} | ${cell(p.fix)} |`);
    out.push('');
  }
  const lbs = preview.loadBalancers.filter((l) => l.kind !== ResourceChangeKind.NO_OP);
  if (lbs.length) {
    out.push('#### Load balancers', '');
    // Half the comment at most for the load balancers' sections; the resource list gets the rest.
    let used = out.join('\n').length;
    let omitted = 0;
    for (const lb of lbs) {
      const section = loadBalancerSection(lb);
      const size = section.join('\n').length + 2;
      if (omitted || used + size > maxLength / 2) omitted++;
      else { out.push(...section, ''); used += size; }
    }
    if (omitted) out.push(`_${omitted} more load balancer(s) left out to fit a pull-request comment; see \`--format text\`._`, '');
  }
  const changed = preview.resources.filter((r) => r.kind !== ResourceChangeKind.NO_OP);
  if (changed.length) {
    const rows = changed.map((r) => {
      const notes = [r.meaning ? cell(r.meaning) : '', r.replacePaths.length ? `replaced because of ${r.replacePaths.map(code).join(', ')}` : '',
        r.knownAfterApply.length ? `known after apply: ${r.knownAfterApply.slice(0, 6).map(code).join(', ')}${r.knownAfterApply.length > 6 ? ', …' : ''}` : '']
        .filter(Boolean).join('<br>');
      return `| ${code(kindSign(r.kind))} ${r.label} | ${code(r.address)} | ${notes} |`;
    });
    const head = [`<details><summary><b>Resources</b>: ${changed.length} change(s), ${changed.filter((r) => r.elbRelated).length} ELB-related</summary>`, '',
      '| Action | Resource | Meaning |', '|---|---|---|'];
    let used = out.join('\n').length + head.join('\n').length + 200;
    const kept: string[] = [];
    for (const row of rows) {
      if (used + row.length + 1 > maxLength) break;
      kept.push(row);
      used += row.length + 1;
    }
    out.push(...head, ...kept);
    if (kept.length < rows.length) out.push('', `_${rows.length - kept.length} more resource(s) left out to fit a pull-request comment; see \`--format text\`._`);
    out.push('', '</details>');
  }
  return `${out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}

function loadBalancerSection(lb: PreviewLoadBalancer): string[] {
  const out = [`<details><summary><b>${cell(lbName(lb))}</b>: ${lb.label} (${lb.changes.length} change(s)${lb.posture.length ? `, ⚠️ ${lb.posture.length} finding(s)` : ''})</summary>`, ''];
  out.push(`${code(lb.key)}`, '');
  if (lb.changes.length) {
    out.push('| | Change | Before | After |', '|---|---|---|---|');
    for (const ch of lb.changes) {
      out.push(`| ${changeSign(ch)} | ${cell(ch.label)} | ${ch.before === undefined ? '' : code(formatValue(ch.before))} | ${ch.after === undefined ? '' : code(formatValue(ch.after))} |`);
    }
  }
  out.push('', '</details>');
  return out;
}

/** Inline code safe inside a table cell. */
function code(text: string): string {
  return `\`${text.replace(/`/g, "'").replace(/\|/g, '\\|').replace(/\n/g, ' ')}\``;
}

function cell(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\|/g, '\\|').replace(/\n/g, ' ');
}
