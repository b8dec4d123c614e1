import { execFile } from 'child_process';
import { accessSync, constants, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { SECLB_PROVIDER } from '../../../lib/contract/seclb-schema';
import { installProvider, terraformPlatform, userCliConfigFile } from '../../../provider/plugin/install';
import { AWS_PROVIDER_VERSION, findProviderMirror, requireTerraform } from '../../targets/aws/terraform-fixture';
import { PLUGIN_ENTRY } from './helpers/seclb-workspace';

const SECLB = SECLB_PROVIDER.source;

let dir: string;
beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'seclb-install-')); });
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Writes a user's CLI configuration file and returns its path. */
function userConfig(text: string): string {
  const file = join(dir, 'user.tfrc');
  writeFileSync(file, text);
  return file;
}

/** `terraform init` in a fresh folder requiring the seclb provider (and hashicorp/aws when asked), with this CLI configuration. */
function init(cliConfigFile: string, withAws = false): Promise<{ code: number; text: string }> {
  const work = mkdtempSync(join(dir, 'work-'));
  writeFileSync(join(work, 'main.tf.json'), JSON.stringify({
    terraform: {
      required_providers: {
        seclb: { source: 'cdktf-secure-elb/seclb', version: '0.1.0' },
        ...(withAws ? { aws: { source: 'hashicorp/aws', version: AWS_PROVIDER_VERSION } } : {}),
      },
    },
  }));
  const env: NodeJS.ProcessEnv = { ...process.env, TF_CLI_CONFIG_FILE: cliConfigFile, CHECKPOINT_DISABLE: '1', TF_IN_AUTOMATION: '1' };
  delete env.TF_PLUGIN_CACHE_DIR;
  return new Promise((resolve) => {
    execFile('terraform', ['init', '-input=false', '-no-color'], { cwd: work, env, timeout: 120_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : -1) : 0, text: `${stdout}\n${stderr}`.replace(/\s+/g, ' ') });
    });
  });
}

describe('the mirror and the launcher', () => {
  test('unpacked mirror layout with an executable launcher named for the version, loading the given plugin', () => {
    const installed = installProvider({ dir, version: '0.1.0', entry: PLUGIN_ENTRY, userCliConfig: null });
    expect(installed.executable).toBe(join(dir, 'mirror', 'registry.terraform.io', 'cdktf-secure-elb', 'seclb', '0.1.0', terraformPlatform(), 'terraform-provider-seclb_v0.1.0'));
    accessSync(installed.executable, constants.X_OK);
    const launcher = readFileSync(installed.executable, 'utf8');
    expect(launcher.startsWith(`#!${process.execPath}\n`)).toBe(true);
    expect(launcher).toContain(`require(${JSON.stringify(PLUGIN_ENTRY)})`);
  });

  test('the launcher does not change when the plugin is rebuilt (the lock file hash stays valid)', () => {
    const a = readFileSync(installProvider({ dir, version: '0.1.0', entry: PLUGIN_ENTRY, userCliConfig: null }).executable);
    const b = readFileSync(installProvider({ dir, version: '0.1.0', entry: PLUGIN_ENTRY, userCliConfig: null }).executable);
    expect(a.equals(b)).toBe(true);
  });

  test('a missing build is a coded error saying to run npm run build', () => {
    expect(() => installProvider({ dir, entry: join(dir, 'nope.js'), userCliConfig: null })).toThrow(/SECLB_PLUGIN_INSTALL_FAILED: .*npm run build/);
  });
});

describe('which CLI configuration is the user\'s', () => {
  test('TF_CLI_CONFIG_FILE when it exists, else ~/.terraformrc when it exists, else none', () => {
    const home = join(dir, 'home');
    mkdirSync(home);
    const env = { TF_CLI_CONFIG_FILE: join(dir, 'absent.tfrc') };
    expect(userCliConfigFile(env, home)).toBeUndefined();
    writeFileSync(join(home, '.terraformrc'), '');
    expect(userCliConfigFile(env, home)).toBe(join(home, '.terraformrc'));
    writeFileSync(env.TF_CLI_CONFIG_FILE, '');
    expect(userCliConfigFile(env, home)).toBe(env.TF_CLI_CONFIG_FILE);
  });
});

describe('the CLI configuration it writes (checked by the real terraform init)', () => {
  beforeAll(() => { requireTerraform(); });

  test('no configuration of the user\'s: our mirror for our provider, direct {} for everything else, no checkpoint, mode 0600', async () => {
    const installed = installProvider({ dir, version: '0.1.0', entry: PLUGIN_ENTRY, userCliConfig: null });
    const rc = readFileSync(installed.cliConfigFile, 'utf8');
    expect(rc).toContain('disable_checkpoint = true');
    expect(rc).toContain(`path    = ${JSON.stringify(join(dir, 'mirror'))}`);
    expect(rc).toContain(`include = ["${SECLB}"]`);
    expect(rc).toMatch(new RegExp(`direct \\{\\n\\s+exclude = \\["${SECLB}"\\]\\n\\s+\\}`));
    expect(rc).not.toMatch(/tf-plugins|hashicorp/);
    expect(statSync(installed.cliConfigFile).mode & 0o777).toBe(0o600);
    expect(installed.envLine).toBe(`export TF_CLI_CONFIG_FILE=${installed.cliConfigFile}`);
    const r = await init(installed.cliConfigFile);
    expect(r.text).toContain('Installing cdktf-secure-elb/seclb v0.1.0');
    expect(r.code).toBe(0);
  });

  test('a user\'s configuration without provider_installation is kept as written, ours appended; the user\'s file is unchanged', async () => {
    const mine = '# my settings\nplugin_cache_may_break_dependency_lock_file = true\ncredentials "app.terraform.example" {\n  token = "not-a-real-token"\n}\n';
    const file = userConfig(mine);
    const installed = installProvider({ dir, version: '0.1.0', entry: PLUGIN_ENTRY, userCliConfig: file });
    const rc = readFileSync(installed.cliConfigFile, 'utf8');
    expect(rc).toContain(mine);
    expect(rc.indexOf(mine)).toBeLessThan(rc.indexOf('provider_installation'));
    expect(installed.userCliConfigFile).toBe(file);
    expect(readFileSync(file, 'utf8')).toBe(mine);
    const r = await init(installed.cliConfigFile);
    expect(r.code).toBe(0);
  });

  test('a user\'s provider_installation keeps its methods; ours goes first and is excluded from theirs (else their mirror is asked for it)', async () => {
    const mine = [
      'provider_installation {',
      '  network_mirror {',
      '    url = "https://providers.mirror.invalid/"',
      '    exclude = [',
      '      "registry.terraform.io/example/*",',
      '    ]',
      '  }',
      '  filesystem_mirror { path = "/nonexistent/mirror" }',
      '  direct {}',
      '}',
      '',
    ].join('\n');
    const installed = installProvider({ dir, version: '0.1.0', entry: PLUGIN_ENTRY, userCliConfig: userConfig(mine) });
    const rc = readFileSync(installed.cliConfigFile, 'utf8');
    expect(rc).toContain('url = "https://providers.mirror.invalid/"');
    expect(rc).toContain(`"${SECLB}", \n      "registry.terraform.io/example/*",`);
    expect(rc).toMatch(new RegExp(`filesystem_mirror \\{\\n\\s+exclude = \\["${SECLB}"\\]\\n\\s+path = "/nonexistent/mirror"\\n\\s+\\}`));
    expect(rc).toMatch(new RegExp(`direct \\{\\n\\s+exclude = \\["${SECLB}"\\]\\n\\s+\\}`));
    expect(rc.indexOf(join(dir, 'mirror'))).toBeLessThan(rc.indexOf('network_mirror'));
    expect((await init(installed.cliConfigFile)).code).toBe(0);

    // The control: our mirror added without the excludes makes Terraform ask their network mirror too, and init fails.
    const naive = mine.replace('provider_installation {\n', `provider_installation {\n  filesystem_mirror {\n    path = ${JSON.stringify(join(dir, 'mirror'))}\n    include = ["${SECLB}"]\n  }\n`);
    const control = await init(userConfig(naive));
    expect(control.code).not.toBe(0);
    expect(control.text).toMatch(/providers\.mirror\.invalid/);
  });

  test('--hashicorp-mirror: hashicorp/* from the given mirror only, so a stack with both providers inits offline', async () => {
    const mirror = findProviderMirror();
    const installed = installProvider({ dir, version: '0.1.0', entry: PLUGIN_ENTRY, userCliConfig: null, hashicorpMirror: mirror });
    const rc = readFileSync(installed.cliConfigFile, 'utf8');
    expect(rc).toContain(`path    = ${JSON.stringify(mirror)}`);
    expect(rc).toContain(`exclude = ["${SECLB}", "registry.terraform.io/hashicorp/*"]`);
    const r = await init(installed.cliConfigFile, true);
    expect(r.text).toContain(`Installing hashicorp/aws v${AWS_PROVIDER_VERSION}`);
    expect(r.code).toBe(0);
  });

  test('running it again on its own output gives the same file (our lines are replaced, their excludes not repeated)', () => {
    const first = installProvider({ dir, version: '0.1.0', entry: PLUGIN_ENTRY, userCliConfig: userConfig('provider_installation {\n  direct {}\n}\n') });
    const once = readFileSync(first.cliConfigFile, 'utf8');
    const again = installProvider({ dir, version: '0.1.0', entry: PLUGIN_ENTRY, userCliConfig: first.cliConfigFile });
    expect(readFileSync(again.cliConfigFile, 'utf8')).toBe(once);
    const none = installProvider({ dir: join(dir, 'b'), version: '0.1.0', entry: PLUGIN_ENTRY, userCliConfig: userConfig('disable_checkpoint = false\n') });
    const noneOnce = readFileSync(none.cliConfigFile, 'utf8');
    expect(noneOnce).not.toContain('disable_checkpoint = true');
    installProvider({ dir: join(dir, 'b'), version: '0.1.0', entry: PLUGIN_ENTRY, userCliConfig: none.cliConfigFile });
    expect(readFileSync(none.cliConfigFile, 'utf8')).toBe(noneOnce);
  });

  test.each([
    ['JSON syntax', '{ "disable_checkpoint": true }\n', /in JSON syntax/],
    ['a heredoc', 'credentials "x.example" {\n  token = <<EOT\nabc\nEOT\n}\n', /heredoc at line 2/],
    ['two provider_installation blocks', 'provider_installation {\n  direct {}\n}\nprovider_installation {\n  direct {}\n}\n', /2 provider_installation blocks/],
    ['an exclude that is not a list of strings', 'provider_installation {\n  direct {\n    exclude = local.x\n  }\n}\n', /exclude = local \. x is not a list of strings/],
    ['unbalanced braces', 'provider_installation {\n  direct {}\n', /provider_installation block is never closed/],
  ])('%s: SECLB_PLUGIN_CLI_CONFIG_UNMERGEABLE naming the file, and nothing written', (_name, text, reason) => {
    const file = userConfig(text);
    const out = join(dir, 'out');
    let error: Error | undefined;
    try {
      installProvider({ dir: out, version: '0.1.0', entry: PLUGIN_ENTRY, userCliConfig: file });
    } catch (e) {
      error = e as Error;
    }
    expect(error?.message).toMatch(new RegExp(`^SECLB_PLUGIN_CLI_CONFIG_UNMERGEABLE: the Terraform CLI configuration ${file} cannot be extended`));
    expect(error?.message).toMatch(reason);
    expect(error?.message).toMatch(/nothing was written\. Rule: .+ Fix: .+/);
    expect(existsSync(out)).toBe(false);
    expect(readFileSync(file, 'utf8')).toBe(text);
  });
});
