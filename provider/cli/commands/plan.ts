import { Command } from 'commander';
import { chmodSync, writeFileSync } from 'fs';
import { resolve } from 'path';
import { serializePlan } from '../../deploy/plan/plan-file';
import { planExitCode } from '../../deploy/plan/exit-code';
import { parsePlanFormat, PlanFormat, renderPlan } from '../../deploy/render/plan-renderer';
import { CommandContext } from '../context';
import { CliErrors } from '../errors';
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

/** `seclb plan`: desired (the synthesized stack) against live (the engine). Exit 0 no changes, 2 changes, 1 error. */
export function planCommand(run: Run): Command {
  return new Command('plan')
    .description('show what apply would change: desired (the synthesized stack) against live (the engine), drift marked, security classified')
    .option('--stack <name>', 'the stack (default: the only synthesized one)')
    .option('--format <format>', 'text, markdown or json', 'text')
    .option('--out <file>', 'also save the plan (JSON) for `seclb apply FILE`')
    .option('--synth', 'synthesize the app again first (default: only when nothing is synthesized)')
    .action(run(async (ctx, opts: { stack?: string; format: string; out?: string; synth?: boolean }) => {
      const format = ctx.output.json ? PlanFormat.JSON : parsePlanFormat(opts.format);
      ctx.output.progress('reading the stack');
      const session = openStack(ctx, opts);
      ctx.output.progress('reading live state from the engine');
      const { plan } = await planStack(session);
      if (opts.out) writePlanFile(opts.out, serializePlan(plan));
      ctx.output.print(renderPlan(plan, format, { color: ctx.output.color }));
      if (opts.out) ctx.output.note(`plan saved to ${opts.out}: apply it with \`seclb apply ${opts.out}\``);
      return planExitCode(plan);
    }));
}
