import { execFileSync, spawn, spawnSync } from 'child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { dirname, join } from 'path';
import { AwsProviderConfig } from '@cdktf/provider-aws/lib/provider';

/** The AWS provider version @cdktf/provider-aws 20.1.0 pins. */
export const AWS_PROVIDER_VERSION = '5.100.0';

/** Provider settings that let `plan` run offline: fake credentials and every skip flag. */
export const OFFLINE_PROVIDER: AwsProviderConfig = {
  region: 'us-east-1',
  accessKey: 'AKIAIOSFODNN7EXAMPLE',
  secretKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  skipCredentialsValidation: true,
  skipRequestingAccountId: true,
  skipMetadataApiCheck: 'true',
  skipRegionValidation: true,
};

/** The Terraform CLI, or an error saying it is missing (the test must fail, not pass silently). */
export function requireTerraform(): string {
  const found = spawnSync('terraform', ['version'], { encoding: 'utf8' });
  if (found.error || found.status !== 0) {
    throw new Error('terraform CLI not found on PATH: the real init/validate/plan test needs Terraform 1.11 '
      + `(${found.error?.message ?? found.stderr}). Install it or put it on PATH.`);
  }
  return found.stdout.split('\n')[0];
}

/**
 * The root of a filesystem mirror (registry layout) holding hashicorp/aws 5.100.0: /opt/tf-plugins
 * when it has it, else found with `find / -xdev`. Throws when there is none.
 */
export function findProviderMirror(): string {
  const layout = join('registry.terraform.io', 'hashicorp', 'aws', AWS_PROVIDER_VERSION);
  if (existsSync(join('/opt/tf-plugins', layout))) return '/opt/tf-plugins';
  let hits = '';
  try {
    hits = execFileSync('find', ['/', '-xdev', '-name', `terraform-provider-aws_v${AWS_PROVIDER_VERSION}*`], {
      encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 60_000,
    });
  } catch (e) {
    hits = (e as { stdout?: string }).stdout ?? '';
  }
  for (const file of hits.split('\n').filter(Boolean)) {
    // <root>/registry.terraform.io/hashicorp/aws/<version>/<os_arch>/terraform-provider-aws_v...
    const root = dirname(dirname(dirname(dirname(dirname(dirname(file))))));
    if (existsSync(join(root, layout))) return root;
  }
  throw new Error(`no filesystem mirror with hashicorp/aws ${AWS_PROVIDER_VERSION} found (looked in /opt/tf-plugins and with find / -xdev): `
    + 'the real Terraform test needs it to run `terraform init` offline.');
}

/** A working directory with its own CLI config pointing at the mirror, and a runner for terraform. */
export class TerraformDir {
  public readonly dir: string;
  private readonly env: NodeJS.ProcessEnv;

  constructor(mirror: string) {
    this.dir = mkdtempSync(join(tmpdir(), 'seclb-tf-'));
    const cliConfig = join(this.dir, 'cli.tfrc');
    writeFileSync(cliConfig, `provider_installation {\n  filesystem_mirror {\n    path    = "${mirror}"\n`
      + '    include = ["registry.terraform.io/hashicorp/*"]\n  }\n}\ndisable_checkpoint = true\n');
    this.env = {
      PATH: process.env.PATH,
      HOME: this.dir,
      TF_CLI_CONFIG_FILE: cliConfig,
      CHECKPOINT_DISABLE: '1',
      TF_IN_AUTOMATION: '1',
      AWS_EC2_METADATA_DISABLED: 'true',
    };
  }

  /** Writes a file into the working directory. */
  public write(name: string, content: string): void {
    writeFileSync(join(this.dir, name), content);
  }

  /** Runs terraform; returns exit status and both streams. */
  public run(...args: string[]): { status: number; stdout: string; stderr: string } {
    const r = spawnSync('terraform', args, { cwd: this.dir, env: this.env, encoding: 'utf8', timeout: 120_000 });
    if (r.error) throw r.error;
    return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
  }

  /**
   * Runs terraform without blocking this process (for tests whose back ends or servers live in the
   * jest process and must keep answering while Terraform runs); killed after `timeoutMs`.
   * @param env extra environment variables (e.g. `TF_VAR_*`)
   */
  public runAsync(args: string[], env: NodeJS.ProcessEnv = {}, timeoutMs = 180_000): Promise<{ status: number; stdout: string; stderr: string }> {
    return new Promise((resolve, reject) => {
      const child = spawn('terraform', args, { cwd: this.dir, env: { ...this.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.setEncoding('utf8').on('data', (d: string) => { stdout += d; });
      child.stderr.setEncoding('utf8').on('data', (d: string) => { stderr += d; });
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      child.on('error', (e) => { clearTimeout(timer); reject(e); });
      child.on('close', (code, signal) => {
        clearTimeout(timer);
        if (signal === 'SIGKILL') stderr += `\nterraform ${args[0]} killed after ${timeoutMs / 1000} s`;
        resolve({ status: code ?? -1, stdout, stderr });
      });
    });
  }
}
