import { Command } from 'commander';
import { readFileSync } from 'fs';
import { planExitCode } from '../../deploy/plan/exit-code';
import { parsePlanFormat, PlanFormat, renderPlan } from '../../deploy/render/plan-renderer';
import { previewTerraformPlan } from '../../deploy/preview/terraform-plan-preview';
import { CommandContext } from '../context';
import { CliErrors } from '../errors';
import { writePlanFile } from './plan';

type Run = (action: (ctx: CommandContext, ...args: any[]) => Promise<number>) => (...args: any[]) => Promise<void>;

/** `seclb preview --terraform-plan tfplan.json`: the AWS security preview. Exit 0 no ELB changes, 2 changes, 1 error. */
export function previewCommand(run: Run): Command {
  return new Command('preview')
    .description('the security preview of a saved Terraform plan (terraform show -json) for the AWS target')
    .requiredOption('--terraform-plan <file>', 'the JSON of `terraform show -json PLANFILE`')
    .option('--format <format>', 'markdown, text or json', 'markdown')
    .option('--stack <name>', 'the stack name to show')
    .option('--out <file>', 'also write the rendered preview to FILE')
    .action(run(async (ctx, opts: { terraformPlan: string; format: string; stack?: string; out?: string }) => {
      let text: string;
      try {
        text = readFileSync(opts.terraformPlan, 'utf8');
      } catch (e) {
        throw CliErrors.file(opts.terraformPlan, 'read', (e as Error).message);
      }
      const plan = previewTerraformPlan(text, { source: opts.terraformPlan, ...(opts.stack ? { stack: opts.stack } : {}) });
      const rendered = renderPlan(plan, ctx.output.json ? PlanFormat.JSON : parsePlanFormat(opts.format), { color: ctx.output.color });
      if (opts.out) writePlanFile(opts.out, rendered);
      ctx.output.print(rendered);
      return planExitCode(plan);
    }));
}
