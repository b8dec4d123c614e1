import { Command, CommanderError } from 'commander';
import { SECLB_VERSION } from '../version';
import { applyCommand, destroyCommand } from './commands/apply';
import { engineCommand } from './commands/engine';
import { planCommand } from './commands/plan';
import { previewCommand } from './commands/preview';
import { providerCommand } from './commands/provider';
import { statusCommand } from './commands/status';
import { certificatesCommand } from './commands/certificates';
import { elbApiCommand } from './commands/elb-api';
import { CommandContext, GlobalOptions } from './context';
import { describeError } from './errors';
import { Output } from './output';

/** Exit code for errors (as `terraform plan`: 0 success, 1 error; 2 for changes only with `--detailed-exitcode`). */
export const EXIT_ERROR = 1;

/**
 * The `seclb` program. Returns the exit code instead of exiting, so tests can run it in-process:
 * 0 success, 1 error (printed on stderr, code first); 2 for a plan with changes only with `--detailed-exitcode`.
 */
export async function runCli(argv: string[]): Promise<number> {
  let exitCode = 0;
  const program = new Command('seclb')
    .description('Plan and apply cdktf-secure-elb stacks against the local engine, and preview AWS plans.')
    .version(SECLB_VERSION)
    .option('--state-dir <dir>', 'the engine\'s state directory (default: the stack\'s provider block, else .seclb)')
    .option('--admin-address <url>', 'the engine\'s admin URL (default: from engine.json in the state directory)')
    .option('--project <dir>', 'the cdktf project directory (holds cdktf.json)', process.cwd())
    .option('--out-dir <dir>', 'the synth output directory (default: cdktf.out.local; cdktf.json "output" when its context sets seclb:target=local)')
    .option('--json', 'machine-readable output')
    .option('--no-color', 'no ANSI colour (also NO_COLOR=1; colour is only used on a terminal)')
    .exitOverride()
    .showHelpAfterError();

  const run = (action: (ctx: CommandContext, ...args: any[]) => Promise<number>) => async (...args: any[]) => {
    const command = args[args.length - 1] as Command;
    const ctx = new CommandContext(command.optsWithGlobals() as GlobalOptions);
    exitCode = await action(ctx, ...args.slice(0, -1));
  };
  for (const c of [engineCommand(run), planCommand(run), applyCommand(run), destroyCommand(run), statusCommand(run), certificatesCommand(run), previewCommand(run), providerCommand(run), elbApiCommand(run)]) {
    program.addCommand(c);
  }
  const override = (c: Command): void => {
    c.exitOverride();
    c.commands.forEach(override);
  };
  override(program);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : EXIT_ERROR;
    const opts = program.opts() as GlobalOptions;
    const { code, message } = describeError(e);
    const output = new Output({ json: opts.json });
    output.error(message);
    if (opts.json) output.printJson({ error: { code, message } });
    return EXIT_ERROR;
  }
}
