import { Command } from 'commander';
import { readFileSync } from 'fs';
import { PlanExitCode } from '../../deploy/plan/exit-code';
import { previewAwsPlan } from '../../deploy/preview/aws-preview';
import { renderAwsPreview } from '../../deploy/preview/aws-preview-render';
import { parsePlanFormat, PlanFormat } from '../../deploy/render/plan-renderer';
import { CommandContext } from '../context';
import { CliErrors } from '../errors';
import { writePlanFile } from './plan';

type Run = (action: (ctx: CommandContext, ...args: any[]) => Promise<number>) => (...args: any[]) => Promise<void>;

/**
 * `seclb preview --terraform-plan tfplan.json`: the whole AWS preview of a saved Terraform plan.
 * Exit codes follow `terraform plan`: 0 on success, 1 on error, and 2 for "changes" only with
 * `--detailed-exitcode`.
 */
export function previewCommand(run: Run): Command {
  return new Command('preview')
    .description('the security preview of a saved Terraform plan (terraform show -json) for the AWS target')
    .requiredOption('--terraform-plan <file>', 'the JSON of `terraform show -json PLANFILE`')
    .option('--format <format>', 'markdown, text or json', 'markdown')
    .option('--stack <name>', 'the stack name to show')
    .option('--out <file>', 'also write the rendered preview to FILE')
    .option('--detailed-exitcode', 'exit 2 when Terraform plans any change (as terraform plan -detailed-exitcode)', false)
    .action(run(async (ctx, opts: { terraformPlan: string; format: string; stack?: string; out?: string; detailedExitcode: boolean }) => {
      let text: string;
      try {
        text = readFileSync(opts.terraformPlan, 'utf8');
      } catch (e) {
        throw CliErrors.file(opts.terraformPlan, 'read', (e as Error).message);
      }
      const format = ctx.output.json ? PlanFormat.JSON : parsePlanFormat(opts.format);
      const preview = previewAwsPlan(text, { source: opts.terraformPlan, ...(opts.stack ? { stack: opts.stack } : {}) });
      const rendered = renderAwsPreview(preview, format);
      if (opts.out) writePlanFile(opts.out, rendered);
      ctx.output.print(rendered);
      return opts.detailedExitcode && preview.counts.hasChanges ? PlanExitCode.CHANGES : PlanExitCode.NO_CHANGES;
    }));
}
