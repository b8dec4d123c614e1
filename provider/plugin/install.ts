import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'fs';
import { join, resolve } from 'path';
import { SECLB_PROVIDER } from '../../lib/targets/local/seclb-schema';
import { PACKAGE_ROOT, SECLB_VERSION } from '../version';
import { PluginErrors } from './errors';

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
   * A filesystem mirror (registry layout) holding hashicorp/* providers, included for them.
   * @default - `/opt/tf-plugins` when it exists, else none
   */
  readonly hashicorpMirror?: string;
  /**
   * The compiled plugin entry the launcher runs.
   * @default - `build/provider/plugin/main.js` of this package
   */
  readonly entry?: string;
}

/** What `installProvider` wrote. */
export interface InstalledProvider {
  /** The filesystem mirror's root. */
  readonly mirrorDirectory: string;
  /** The executable Terraform starts. */
  readonly executable: string;
  /** The CLI configuration file. */
  readonly cliConfigFile: string;
  /** The version published. */
  readonly version: string;
  /** The line to run (or put in the environment) so Terraform and cdktf use the file: `export TF_CLI_CONFIG_FILE=...`. */
  readonly envLine: string;
}

/** Terraform's `<os>_<arch>` for this machine. */
export function terraformPlatform(): string {
  const os = process.platform === 'win32' ? 'windows' : process.platform;
  const arch = ({ x64: 'amd64', arm64: 'arm64', ia32: '386', arm: 'arm' } as Record<string, string>)[process.arch] ?? process.arch;
  return `${os}_${arch}`;
}

const hcl = (s: string) => JSON.stringify(s);

/**
 * Installs the seclb provider where Terraform finds it with no registry (tfplugin6.md §6.5): an
 * unpacked filesystem mirror `registry.terraform.io/cdktf-secure-elb/seclb/<version>/<os>_<arch>/`
 * holding a launcher `terraform-provider-seclb_v<version>` (a `#!node` script that loads the
 * compiled plugin from this package), and a CLI configuration file with that mirror for our
 * provider, the machine's mirror for hashicorp/*, and `disable_checkpoint`.
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
  const hashicorpMirror = options.hashicorpMirror ?? (existsSync('/opt/tf-plugins') ? '/opt/tf-plugins' : undefined);
  const [host, namespace, type] = SECLB_PROVIDER.source.split('/');
  const mirrorDirectory = join(dir, 'mirror');
  const packageDir = join(mirrorDirectory, host, namespace, type, version, terraformPlatform());
  const executable = join(packageDir, `terraform-provider-${type}_v${version}`);
  const node = /\s/.test(process.execPath) ? '/usr/bin/env node' : process.execPath;
  const cliConfigFile = join(dir, 'terraform.rc');
  try {
    mkdirSync(packageDir, { recursive: true });
    writeFileSync(executable, `#!${node}\n// The seclb Terraform provider: loads the compiled plugin of the cdktf-secure-elb package.\nrequire(${JSON.stringify(entry)});\n`);
    chmodSync(executable, 0o755);
    const mirrors = [
      `  filesystem_mirror {\n    path    = ${hcl(mirrorDirectory)}\n    include = [${hcl(SECLB_PROVIDER.source)}]\n  }`,
      ...(hashicorpMirror ? [`  filesystem_mirror {\n    path    = ${hcl(hashicorpMirror)}\n    include = ["registry.terraform.io/hashicorp/*"]\n  }`] : []),
    ];
    writeFileSync(cliConfigFile, `# Written by seclb provider install: the seclb provider from a local mirror, no registry.\ndisable_checkpoint = true\n\nprovider_installation {\n${mirrors.join('\n')}\n}\n`);
  } catch (e) {
    throw PluginErrors.installFailed(dir, (e as Error).message);
  }
  return { mirrorDirectory, executable, cliConfigFile, version, envLine: `export TF_CLI_CONFIG_FILE=${cliConfigFile}` };
}
