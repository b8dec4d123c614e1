import { Command } from 'commander';
import { chmodSync, writeFileSync } from 'fs';
import { resolve } from 'path';
import { serializePlan } from '../../deploy/plan/plan-file';
import { planExitCode } from '../../deploy/plan/exit-code';
import { assertNoUnacknowledgedWarnings } from '../../deploy/plan/strict-mode';
import { DeployErrors } from '../../deploy/errors';
import { parsePlanFormat, PlanFormat, renderPlan } from '../../deploy/render/plan-renderer';
import { CommandContext } from '../context';
import { CliErrors } from '../errors';
import { manifestFile, reviewPlan } from '../plan-review';
import { openStack, planStack } from '../planning';

type Run = (action: (ctx: CommandContext, ...args: any[]) => Promise<number>) => (...args: any[]) => Promise<void>;

/** Writes a plan file (JSON, secrets redacted), mode 0600 (also when it replaces a file of another mode). */
export function writePlanFile(file: string, text: string): void {
  try {
    writeFileSync(resolve(file), text, { mode: 0o600 });
    chmodSync(resolve(file), 0o600);
  } catch (e) {
    throw CliErrors.file(file, 'write', (e as Error).message);
  }
}

/**
 * `seclb plan`: desired (the synthesized stack) against live (the engine), with the synth-time
 * security warnings, what the engine cannot enforce and the plan's digest. Exit codes as
 * `terraform plan`: 0 success, 1 error; 2 for changes only with `--detailed-exitcode`.
 */
export function planCommand(run: Run): Command {
  return new Command('plan')
    .description('show what apply would change: desired (the synthesized stack) against live (the engine), drift marked, security classified')
    .option('--stack <name>', 'the stack (default: the only synthesized one)')
    .option('--format <format>', 'text, markdown or json', 'text')
    .option('--out <file>', 'also save the plan (JSON) for `seclb apply FILE`')
    .option('--synth', 'synthesize the app again first (default: only when nothing is synthesized)')
    .option('--detailed-exitcode', 'exit 2 when there are changes (0 none, 1 error), as terraform plan -detailed-exitcode')
    .option('--strict', 'fail (exit 1, SECLB_DEPLOY_UNACKNOWLEDGED_WARNINGS) on any security warning not acknowledged in the app')
    .action(run(async (ctx, opts: { stack?: string; format: string; out?: string; synth?: boolean; detailedExitcode?: boolean; strict?: boolean }) => {
      const format = ctx.output.json ? PlanFormat.JSON : parsePlanFormat(opts.format);
      ctx.output.progress('reading the stack');
      const session = openStack(ctx, opts);
      ctx.output.progress('reading live state from the engine');
      const planned = await planStack(session);
      const plan = await reviewPlan(session, planned.plan);
      const strict = () => {
        if (!opts.strict) return;
        if (!plan.warnings) throw DeployErrors.manifestFormat(manifestFile(session.file), 'it does not exist, so strict mode cannot see the synth-time warnings');
        assertNoUnacknowledgedWarnings(plan);
      };
      // The plan is shown in full first, so a failing CI job still shows the reviewer everything
      // (with --json only one JSON document is printed: the plan, or the error).
      if (ctx.output.json) strict();
      ctx.output.print(renderPlan(plan, format, { color: ctx.output.color }));
      strict();
      if (opts.out) {
        writePlanFile(opts.out, serializePlan(plan));
        ctx.output.note(`plan saved to ${opts.out}: apply it with \`seclb apply ${opts.out}\``);
      }
      return planExitCode(plan, opts.detailedExitcode === true);
    }));
}
