import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'fs';
import { homedir } from 'os';
import { join, resolve } from 'path';
import { SECLB_PROVIDER } from '../../lib/contract/seclb-schema';
import { PACKAGE_ROOT, SECLB_VERSION } from '../version';
import { MirrorMethod, mergeCliConfig } from './cli-config';
import { PluginErrors } from './errors';
import type { InstalledProvider } from '../../lib/contract/installed-provider';

/** Options of `installProvider`. */
export interface InstallProviderOptions {
  /** Where to write the mirror and the CLI configuration file (created if missing). */
  readonly dir: string;
  /**
   * The provider version to publish in the mirror.
   * @default - the package version
   */
  readonly version?: string;
  /**
   * A filesystem mirror (registry layout) to take `registry.terraform.io/hashicorp/*` providers
   * from (and from nowhere else), for machines with no registry access.
   * @default - none: hashicorp providers come from wherever the user's configuration says
   */
  readonly hashicorpMirror?: string;
  /**
   * The compiled plugin entry the launcher runs.
   * @default - `build/provider/plugin/main.js` of the installed seclb package
   */
  readonly entry?: string;
  /**
   * The user's CLI configuration to build on (kept as written; our mirror is added to it);
   * `null` for none.
   * @default - `userCliConfigFile()`: `TF_CLI_CONFIG_FILE` when that file exists, else `~/.terraformrc` when it exists
   */
  readonly userCliConfig?: string | null;
}

/** What `installProvider` wrote (the contract `seclb provider install` reads). */
export type { InstalledProvider } from '../../lib/contract/installed-provider';

/**
 * The CLI configuration Terraform reads for this user today: `TF_CLI_CONFIG_FILE` when it names
 * an existing file, else `~/.terraformrc` when it exists, else none.
 */
export function userCliConfigFile(env: NodeJS.ProcessEnv = process.env, home: string = homedir()): string | undefined {
  if (env.TF_CLI_CONFIG_FILE && existsSync(env.TF_CLI_CONFIG_FILE)) return resolve(env.TF_CLI_CONFIG_FILE);
  const rc = join(home, '.terraformrc');
  return existsSync(rc) ? rc : undefined;
}

/** Terraform's `<os>_<arch>` for this machine. */
export function terraformPlatform(): string {
  const os = process.platform === 'win32' ? 'windows' : process.platform;
  const arch = ({ x64: 'amd64', arm64: 'arm64', ia32: '386', arm: 'arm' } as Record<string, string>)[process.arch] ?? process.arch;
  return `${os}_${arch}`;
}

/**
 * Installs the seclb provider where Terraform finds it with no registry (tfplugin6.md §6.5): an
 * unpacked filesystem mirror `registry.terraform.io/cdktf-secure-elb/seclb/<version>/<os>_<arch>/`
 * holding a launcher `terraform-provider-seclb_v<version>` (a `#!node` script that loads the
 * compiled plugin of the installed seclb package, not of any source checkout), and a CLI
 * configuration file (mode 0600: a user's file may hold credentials): the user's own
 * configuration as written, with our mirror added for our provider and excluded from every other
 * method (`mergeCliConfig`), `direct {}` for everything else when they had no
 * `provider_installation`, and `disable_checkpoint` unless they set it. The user's file itself is
 * never modified.
 *
 * The launcher's bytes depend only on the paths, so rebuilding the plugin does not change the
 * package hash Terraform records in `.terraform.lock.hcl`; moving the package or changing the
 * version does (run `terraform init -upgrade` after deleting the lock entry, or use a fresh dir).
 */
export function installProvider(options: InstallProviderOptions): InstalledProvider {
  const dir = resolve(options.dir);
  const version = options.version ?? SECLB_VERSION;
  const entry = resolve(options.entry ?? join(PACKAGE_ROOT, 'build', 'provider', 'plugin', 'main.js'));
  if (!existsSync(entry)) throw PluginErrors.installFailed(dir, `the compiled plugin ${entry} is missing (run npm run build)`);
  const [host, namespace, type] = SECLB_PROVIDER.source.split('/');
  const mirrorDirectory = join(dir, 'mirror');
  const packageDir = join(mirrorDirectory, host, namespace, type, version, terraformPlatform());
  const executable = join(packageDir, `terraform-provider-${type}_v${version}`);
  const node = /\s/.test(process.execPath) ? '/usr/bin/env node' : process.execPath;
  const cliConfigFile = join(dir, 'terraform.rc');
  const userCliConfig = options.userCliConfig === undefined ? userCliConfigFile() : options.userCliConfig ?? undefined;
  const mirrors: MirrorMethod[] = [
    { path: mirrorDirectory, include: [SECLB_PROVIDER.source] },
    ...(options.hashicorpMirror ? [{ path: resolve(options.hashicorpMirror), include: ['registry.terraform.io/hashicorp/*'] }] : []),
  ];
  let base = '';
  if (userCliConfig) {
    try {
      base = readFileSync(userCliConfig, 'utf8');
    } catch (e) {
      throw PluginErrors.installFailed(dir, `the CLI configuration ${userCliConfig} cannot be read (${(e as Error).message})`);
    }
  }
  // Merged before anything is written: a configuration that cannot be merged changes nothing.
  // Run again on its own output (TF_CLI_CONFIG_FILE already ours): the first run's header says where it came from.
  const previousHeader = /^# Written by seclb provider install.*\n/.exec(base)?.[0];
  const header = userCliConfig === cliConfigFile && previousHeader ? previousHeader
    : `# Written by seclb provider install${userCliConfig ? ` from ${userCliConfig} (unchanged; run the install again after editing it)` : ''}.\n`;
  const config = mergeCliConfig(previousHeader ? base.slice(previousHeader.length) : base, userCliConfig ?? cliConfigFile, mirrors);
  try {
    mkdirSync(packageDir, { recursive: true });
    writeFileSync(executable, `#!${node}\n// The seclb Terraform provider: loads the compiled plugin of the installed seclb package.\nrequire(${JSON.stringify(entry)});\n`);
    chmodSync(executable, 0o755);
    writeFileSync(cliConfigFile, `${header}${config}`, { mode: 0o600 });
    chmodSync(cliConfigFile, 0o600);
  } catch (e) {
    throw PluginErrors.installFailed(dir, (e as Error).message);
  }
  return { mirrorDirectory, executable, cliConfigFile, userCliConfigFile: userCliConfig, version, envLine: `export TF_CLI_CONFIG_FILE=${cliConfigFile}` };
}
