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
    .description('install the provider into a filesystem mirror and write a Terraform CLI config: yours (TF_CLI_CONFIG_FILE, else ~/.terraformrc) with the mirror added')
    .option('--dir <dir>', 'where to write the mirror and terraform.rc (default: <state-dir>/terraform)')
    .option('--cli-config <file>', 'the CLI configuration to build on (default: TF_CLI_CONFIG_FILE when it exists, else ~/.terraformrc when it exists)')
    .option('--no-cli-config', 'build on no configuration of yours')
    .option('--hashicorp-mirror <dir>', 'also take registry.terraform.io/hashicorp/* providers from this filesystem mirror only (offline machines)')
    .action(run(async (ctx, opts: { dir?: string; cliConfig?: string | false; hashicorpMirror?: string }) => {
      const entry = join(PACKAGE_ROOT, 'build', 'provider', 'plugin', 'main.js');
      if (!existsSync(entry)) throw CliErrors.notBuilt(entry);
      if (typeof opts.cliConfig === 'string' && !existsSync(opts.cliConfig)) {
        throw CliErrors.badOption('--cli-config', opts.cliConfig, 'it names the Terraform CLI configuration file to build on, which must exist', '~/.terraformrc (an existing file), or --no-cli-config to build on none');
      }
      if (opts.hashicorpMirror !== undefined && !existsSync(opts.hashicorpMirror)) {
        throw CliErrors.badOption('--hashicorp-mirror', opts.hashicorpMirror, 'it names the root folder of a filesystem mirror (registry layout), which must exist', '<mirror root> holding registry.terraform.io/hashicorp/..., or leave the option out to use the registry');
      }
      // Loaded lazily: the plugin pulls in gRPC, which the other commands do not need.
      const { installProvider } = await import('../../plugin/install');
      const installed = installProvider({
        dir: resolve(opts.dir ?? join(ctx.stateDirectory(), 'terraform')),
        userCliConfig: opts.cliConfig === false ? null : opts.cliConfig === undefined ? undefined : resolve(opts.cliConfig),
        hashicorpMirror: opts.hashicorpMirror,
      });
      if (ctx.output.json) ctx.output.printJson(installed);
      else {
        ctx.output.print(`seclb provider ${installed.version} installed\n  mirror     ${installed.mirrorDirectory}\n  executable ${installed.executable}\n  cli config ${installed.cliConfigFile}`
          + `${installed.userCliConfigFile && installed.userCliConfigFile !== installed.cliConfigFile ? ` (your ${installed.userCliConfigFile} with the seclb mirror added; yours is unchanged)` : ''}\nUse it with:\n  ${installed.envLine}`);
      }
      return 0;
    }));
  return provider;
}
