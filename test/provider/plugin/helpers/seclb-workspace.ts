import { execFile, execFileSync } from 'child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { installProvider, InstalledProvider } from '../../../../provider/plugin/install';
import { PACKAGE_ROOT } from '../../../../provider/version';

/** The compiled plugin the launcher loads. */
export const PLUGIN_ENTRY = join(PACKAGE_ROOT, 'build', 'provider', 'plugin', 'main.js');

/** The result of one Terraform command. */
export interface TerraformRun {
  /** Exit status. */
  readonly code: number;
  /** Standard output. */
  readonly stdout: string;
  /** Standard error. */
  readonly stderr: string;
  /** stdout + stderr with every run of white space collapsed to one space (Terraform wraps long lines). */
  readonly text: string;
}

/**
 * A Terraform working directory using the seclb provider from a fresh filesystem mirror (a new
 * directory per workspace, so the lock file never meets a rebuilt package), with its own CLI
 * configuration and no checkpoint. Commands run asynchronously (an in-process engine keeps
 * answering) with a time limit.
 */
export class SeclbWorkspace {
  /** Fails with a message saying what is missing: Terraform, or the build output. */
  public static assertReady(): void {
    try {
      execFileSync('terraform', ['version'], { stdio: 'pipe', env: { ...process.env, CHECKPOINT_DISABLE: '1' } });
    } catch (e) {
      throw new Error(`terraform is not on PATH (${(e as Error).message}); the plugin tests drive the real Terraform CLI 1.11.`);
    }
    if (!existsSync(PLUGIN_ENTRY)) throw new Error(`${PLUGIN_ENTRY} is missing: run npm run build first (the plugin tests launch the compiled plugin).`);
  }

  /** The working directory. */
  public readonly dir: string;
  /** The installed provider (mirror + CLI configuration). */
  public readonly installed: InstalledProvider;
  private readonly root: string;

  /** @param stateDirectory the engine state directory the provider block names */
  constructor(public readonly stateDirectory: string) {
    this.root = mkdtempSync(join(tmpdir(), 'seclb-plugin-'));
    this.dir = join(this.root, 'work');
    this.installed = installProvider({ dir: join(this.root, 'provider'), userCliConfig: null });
    execFileSync('mkdir', ['-p', this.dir]);
  }

  /** Writes `main.tf.json` with the seclb provider block and these resources. */
  public writeResources(resources: Record<string, Record<string, unknown>>, provider: Record<string, unknown> = {}): void {
    writeFileSync(join(this.dir, 'main.tf.json'), JSON.stringify({
      terraform: { required_providers: { seclb: { source: 'cdktf-secure-elb/seclb', version: this.installed.version } } },
      provider: { seclb: [{ state_directory: this.stateDirectory, ...provider }] },
      ...(Object.keys(resources).length ? { resource: resources } : {}),
    }, null, 2));
  }

  /** Runs `terraform <args>` (no color, no input) and resolves with its result. */
  public terraform(args: string[], timeoutMs = 60_000): Promise<TerraformRun> {
    const env = { ...process.env, TF_CLI_CONFIG_FILE: this.installed.cliConfigFile, CHECKPOINT_DISABLE: '1', TF_IN_AUTOMATION: '1', TF_INPUT: '0' };
    return new Promise((resolve) => {
      execFile('terraform', [...args, '-no-color'], { cwd: this.dir, env, timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) => {
        const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : -1) : 0;
        resolve({ code, stdout, stderr, text: `${stdout}\n${stderr}`.replace(/\s+/g, ' ') });
      });
    });
  }

  /** `terraform init`. */
  public init(): Promise<TerraformRun> {
    return this.terraform(['init', '-input=false']);
  }

  /** `terraform plan -detailed-exitcode` (0: no changes, 2: changes, 1: error). */
  public plan(): Promise<TerraformRun> {
    return this.terraform(['plan', '-input=false', '-detailed-exitcode']);
  }

  /** `terraform apply -auto-approve`. */
  public apply(): Promise<TerraformRun> {
    return this.terraform(['apply', '-input=false', '-auto-approve']);
  }

  /** `terraform destroy -auto-approve`. */
  public destroy(): Promise<TerraformRun> {
    return this.terraform(['destroy', '-input=false', '-auto-approve']);
  }

  /** `terraform state rm ADDRESS` then `terraform import ADDRESS ID`. */
  public async reimport(address: string, id: string): Promise<TerraformRun> {
    const rm = await this.terraform(['state', 'rm', address]);
    if (rm.code !== 0) return rm;
    return this.terraform(['import', '-input=false', address, id]);
  }

  /** Removes the workspace and its provider installation. */
  public remove(): void {
    rmSync(this.root, { recursive: true, force: true });
  }
}

