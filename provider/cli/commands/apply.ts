import { Command } from 'commander';
import { readFileSync } from 'fs';
import { createInterface } from 'readline';
import { AppliedRecord } from '../../deploy/apply/applied-record';
import { applyPlan, ApplyResult } from '../../deploy/apply/apply-plan';
import { removeStackAttachments } from '../../deploy/stack/stack-attachments';
import { stackPlanForFile } from '../../deploy/stack/stack-plan';
import { parsePlan } from '../../deploy/plan/plan-file';
import { verifyPlanDigest } from '../../deploy/plan/plan-digest';
import { planInputs, reviewPlan } from '../plan-review';
import { DeployPlan } from '../../deploy/plan/deploy-plan';
import { PlanFormat, renderPlan } from '../../deploy/render/plan-renderer';
import { CommandContext } from '../context';
import { CliErrors } from '../errors';
import { openStack, planStack, PlannedStack } from '../planning';
import { waitInService } from './status';
import { LeftObject } from '../../deploy/apply/destroy-scope';

type Run = (action: (ctx: CommandContext, ...args: any[]) => Promise<number>) => (...args: any[]) => Promise<void>;

async function approve(ctx: CommandContext, command: string): Promise<void> {
  if (!process.stdin.isTTY) throw CliErrors.approvalRequired(command);
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  const answer = await new Promise<string>((r) => rl.question('\nApply these changes? Only \'yes\' is accepted: ', r));
  rl.close();
  if (answer.trim() !== 'yes') throw CliErrors.approvalDeclined();
  void ctx;
}

/** Carries out a plan, records what was applied, prints the result. */
async function execute(ctx: CommandContext, planned: PlannedStack, plan: DeployPlan, destroy: boolean, forceOwner = false): Promise<ApplyResult> {
  const result = await applyPlan(planned.client, plan, {
    forceOwner,
    certificates: planned.local.certificates,
    lastApplied: planned.lastApplied,
    attached: planned.attached,
    onProgress: (p) => ctx.output.progress(`[${p.step}/${p.steps}] ${p.description}`),
    onRecord: (state) => (destroy ? undefined : AppliedRecord.write(planned.stateDirectory, planned.stack, state)),
  });
  if (destroy) AppliedRecord.remove(planned.stateDirectory, planned.stack);
  ctx.output.done(`${result.changes.length} change(s) applied`);
  return result;
}

function report(ctx: CommandContext, result: ApplyResult, stack: string, left?: LeftObject[]): void {
  if (ctx.output.json) {
    ctx.output.printJson({ stack, applied: result.changes, ...(left ? { left: left.map((l) => ({ kind: l.kind, name: l.name, owner: l.owner })) } : {}) });
    return;
  }
  if (left?.length) ctx.output.print(renderLeft(left));
  if (!result.changes.length) {
    ctx.output.print('No changes. Live state matches the stack.');
    return;
  }
  const lines = result.changes.map((c) => `  ${c.action.padEnd(7)} ${c.kind} ${c.name}${c.revision === undefined ? '' : ` (revision ${c.revision})`}`);
  ctx.output.print(`Applied ${result.changes.length} change(s) to stack '${stack}':\n${lines.join('\n')}`);
}

/**
 * `seclb apply [PLANFILE]`: applies exactly the plan shown (or saved), refused when live moved, and
 * a PLANFILE refused when it was modified or its synthesized stack changed (its digest).
 */
export function applyCommand(run: Run): Command {
  return new Command('apply')
    .description('apply the plan (computed now and shown, or PLANFILE from `seclb plan --out`); refused if live state moved since')
    .argument('[planfile]', 'a plan saved with `seclb plan --out FILE`')
    .option('--stack <name>', 'the stack (default: the plan file\'s, or the only synthesized one)')
    .option('--auto-approve', 'do not ask for approval')
    .option('--synth', 'synthesize the app again first (not with PLANFILE)')
    .option('--wait', 'then wait until every instance is InService')
    .option('--timeout <seconds>', 'with --wait: the longest wait', '60')
    .action(run(async (ctx, planfile: string | undefined, opts: { stack?: string; autoApprove?: boolean; synth?: boolean; wait?: boolean; timeout: string }) => {
      let planned: PlannedStack;
      let plan: DeployPlan;
      if (planfile) {
        let text: string;
        try {
          text = readFileSync(planfile, 'utf8');
        } catch (e) {
          throw CliErrors.file(planfile, 'read', (e as Error).message);
        }
        plan = parsePlan(text, planfile);
        if (opts.stack && plan.stack && opts.stack !== plan.stack) throw CliErrors.planStackMismatch(plan.stack, opts.stack);
        const session = openStack(ctx, { stack: opts.stack ?? plan.stack });
        // Only a sealed file, unmodified, made from the stack file as it is now.
        verifyPlanDigest(JSON.parse(text), planfile, planInputs(session));
        planned = { ...session, ...stackPlanForFile(session, plan) };
      } else {
        ctx.output.progress('planning');
        planned = await planStack(openStack(ctx, opts));
        plan = planned.plan;
        if (!plan.summary.hasChanges) {
          report(ctx, { changes: [] }, planned.stack);
          return 0;
        }
        // Shown with the same review as `seclb plan` (synth warnings, what the engine cannot enforce).
        if (!ctx.output.json) ctx.output.print(renderPlan(await reviewPlan(planned, plan), PlanFormat.TEXT, { color: ctx.output.color }));
        if (!opts.autoApprove) await approve(ctx, 'apply');
      }
      const result = await execute(ctx, planned, plan, false);
      report(ctx, result, planned.stack);
      if (opts.wait) await waitInService(ctx, planned.client, Number(opts.timeout));
      return 0;
    }));
}

/** The objects a destroy leaves to their owners, one line each with the reason. */
function renderLeft(left: LeftObject[]): string {
  return left.map((l) => `~ left ${l.kind.replace('-', ' ')} ${l.name}: ${l.reason}`).join('\n');
}

/**
 * `seclb destroy`: deletes what the stack declares (load balancers, then certificates), except
 * objects another tool or stack created on the engine (listed as left), unless `--force-owner`.
 */
export function destroyCommand(run: Run): Command {
  return new Command('destroy')
    .description('delete every load balancer and certificate the stack declares and created from the engine')
    .option('--stack <name>', 'the stack (default: the only synthesized one)')
    .option('--auto-approve', 'do not ask for approval')
    .option('--force-owner', 'also delete declared objects another tool or stack created (or whose owner is not on record)')
    .action(run(async (ctx, opts: { stack?: string; autoApprove?: boolean; forceOwner?: boolean }) => {
      ctx.output.progress('planning the destroy');
      const planned = await planStack(openStack(ctx, opts), 'destroy', { forceOwner: opts.forceOwner === true });
      const attachments = planned.local.policyAttachments;
      if (!planned.plan.summary.hasChanges && !attachments.length) {
        AppliedRecord.remove(planned.stateDirectory, planned.stack);
        report(ctx, { changes: [] }, planned.stack, planned.left);
        return 0;
      }
      if (!ctx.output.json) {
        ctx.output.print(renderPlan(planned.plan, PlanFormat.TEXT, { color: ctx.output.color }));
        if (planned.left?.length) ctx.output.print(renderLeft(planned.left));
        for (const a of attachments) ctx.output.print(`- the stack's policy attachment on load balancer ${a.loadBalancerName} will be removed`);
      }
      if (!opts.autoApprove) await approve(ctx, 'destroy');
      const result = await execute(ctx, planned, planned.plan, true, opts.forceOwner === true);
      // Policies this stack attached to load balancers it does not own: removed by the deploy core.
      const removed = await removeStackAttachments(planned.client, attachments);
      report(ctx, { changes: [...result.changes, ...removed] }, planned.stack, ctx.output.json ? planned.left : undefined);
      return 0;
    }));
}
