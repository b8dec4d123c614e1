import { Command } from 'commander';
import { spawnSync } from 'child_process';
import { existsSync } from 'fs';
import { join, resolve } from 'path';
import { PACKAGE_ROOT } from '../../version';
import { CommandContext } from '../context';
import { CliErrors } from '../errors';
import type { InstalledProvider } from '../../../lib/contract/installed-provider';

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
      // The plugin's own installer, run as a program: the CLI does not import the plugin (nor its gRPC).
      const installed = runPluginInstaller(join(PACKAGE_ROOT, 'build', 'provider', 'plugin', 'install-main.js'), {
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

/** Runs the plugin's installer program with `options`; its error (code and message) is raised as its own. */
function runPluginInstaller(program: string, options: { dir: string; userCliConfig?: string | null; hashicorpMirror?: string }): InstalledProvider {
  if (!existsSync(program)) throw CliErrors.notBuilt(program);
  const run = spawnSync(process.execPath, [program, JSON.stringify(options)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  let answer: { installed?: InstalledProvider; error?: { code?: string; message: string } };
  try {
    answer = JSON.parse(run.stdout.trim().split('\n').pop() ?? '');
  } catch {
    throw new Error(`the provider installer ${program} exited ${run.status ?? run.signal} without an answer: ${run.stderr.trim()}`);
  }
  if (answer.installed) return answer.installed;
  throw Object.assign(new Error(answer.error?.message ?? 'the provider installer failed'), { code: answer.error?.code });
}
