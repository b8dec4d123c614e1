import { Command } from 'commander';
import { existsSync } from 'fs';
import { join, resolve } from 'path';
import { PACKAGE_ROOT } from '../../version';
import { CommandContext } from '../context';
import { CliErrors } from '../errors';

type Run = (action: (ctx: CommandContext, ...args: any[]) => Promise<number>) => (...args: any[]) => Promise<void>;

/** `seclb provider install`: publishes the seclb Terraform provider in a local filesystem mirror. */
export function providerCommand(run: Run): Command {
  const provider = new Command('provider').description('the seclb Terraform provider (for cdktf deploy / terraform with the local target)');
  provider.command('install')
    .description('install the provider into a filesystem mirror and write a Terraform CLI config that uses it')
    .option('--dir <dir>', 'where to write the mirror and terraform.rc (default: <state-dir>/terraform)')
    .action(run(async (ctx, opts: { dir?: string }) => {
      const entry = join(PACKAGE_ROOT, 'build', 'provider', 'plugin', 'main.js');
      if (!existsSync(entry)) throw CliErrors.notBuilt(entry);
      // Loaded lazily: the plugin pulls in gRPC, which the other commands do not need.
      const { installProvider } = await import('../../plugin/install');
      const installed = installProvider({ dir: resolve(opts.dir ?? join(ctx.stateDirectory(), 'terraform')) });
      if (ctx.output.json) ctx.output.printJson(installed);
      else ctx.output.print(`seclb provider ${installed.version} installed\n  mirror     ${installed.mirrorDirectory}\n  executable ${installed.executable}\n  cli config ${installed.cliConfigFile}\nUse it with:\n  ${installed.envLine}`);
      return 0;
    }));
  return provider;
}
