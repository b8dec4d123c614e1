import { SecurityEffect } from '../../../lib/policy';
import { changeSign, formatTransition } from '../render/value-format';
import { AwsPreview, lbName } from './aws-preview';
import { kindSign } from './aws-preview-markdown';
import { ResourceChangeKind } from './resource-change-kind';

/**
 * Renders the AWS preview for a terminal: Terraform's counts, the banners, the security findings,
 * each changing load balancer with its document changes, and every resource change with its
 * tfcmt label, meaning, replacement cause and values known only after apply.
 */
export function renderAwsPreviewText(preview: AwsPreview): string {
  const c = preview.counts;
  const k = c.byKind;
  const out: string[] = [`Terraform plan security preview${preview.stack ? `: ${preview.stack}` : ''}`];
  if (!c.hasChanges) out.push('No changes.');
  else {
    out.push(`Plan: ${c.terraform.add} to add, ${c.terraform.change} to change, ${c.terraform.destroy} to destroy.`);
    out.push(`add ${k.create}, update ${k.update}, replace ${k['replace-create-before-destroy'] + k['replace-destroy-before-create']}, `
      + `destroy ${k.delete}, no changes ${k['no-op']}, known after apply ${c.knownAfterApply}`);
  }
  for (const b of preview.banners) {
    out.push('', b.kind === 'load-balancer-replaced' ? `!! LOAD BALANCER REPLACED: ${b.text}` : `!! DESTROYED: ${b.text} ${b.addresses.join(', ')}`);
  }
  out.push('', `Security: ${c.weakening} weakening, ${c.postureFindings} finding(s) on new load balancers, ${c.strengthening} strengthening`);
  for (const lb of preview.loadBalancers) {
    for (const i of lb.security) {
      out.push(`  ${i.effect === SecurityEffect.WEAKENS ? 'WEAKENS    ' : 'strengthens'} ${lbName(lb)} ${i.scope} ${i.attribute} ${i.before} -> ${i.after}: ${i.reason}`);
    }
    for (const p of lb.posture) out.push(`  FINDING     ${lbName(lb)} ${p.scope} ${p.rule}: ${p.message}`);
  }
  for (const lb of preview.loadBalancers.filter((l) => l.kind !== ResourceChangeKind.NO_OP)) {
    out.push('', `Load balancer ${lbName(lb)} (${lb.key}): ${lb.label}`);
    for (const ch of lb.changes) out.push(`  ${changeSign(ch)} ${ch.label}: ${formatTransition(ch)}`);
  }
  const changed = preview.resources.filter((r) => r.kind !== ResourceChangeKind.NO_OP);
  if (changed.length) out.push('', 'Resources:');
  for (const r of changed) {
    out.push(`  ${kindSign(r.kind).padEnd(3)} ${r.label.padEnd(8)} ${r.address}${r.meaning ? `  ${r.meaning}` : ''}`);
    if (r.replacePaths.length) out.push(`      replaced because of ${r.replacePaths.join(', ')}`);
    if (r.knownAfterApply.length) out.push(`      known after apply: ${r.knownAfterApply.join(', ')}`);
  }
  return `${out.join('\n')}\n`;
}
