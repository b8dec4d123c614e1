import { execFile, execFileSync } from 'child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { seclb } from '../../../examples/demo/cli-runner';
import { requireBuild } from '../../e2e/helpers/built';
import { checkoutCopy } from '../../project/helpers/checkout-copy';
import { requireTerraform } from '../../targets/aws/terraform-fixture';

/* The pack script is plain Node. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { stageSeclb } = require('../../../scripts/stage-seclb') as { stageSeclb: (o: { root: string }) => string };

/** Runs a command with a time limit; resolves with its status and output. */
function run(file: string, args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs?: number }): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(file, args, { cwd: options.cwd, env: options.env ?? process.env, timeout: options.timeoutMs ?? 120_000, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : -1) : 0, stdout, stderr });
    });
  });
}

let dir: string;
beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'seclb-cli-provider-')); });
afterEach(() => rmSync(dir, { recursive: true, force: true }));

test('seclb provider install builds on the user\'s TF_CLI_CONFIG_FILE (kept, unchanged) and prints where', async () => {
  requireBuild();
  const mine = '# mine\nplugin_cache_may_break_dependency_lock_file = true\n';
  writeFileSync(join(dir, 'user.tfrc'), mine);
  const env = { ...process.env, HOME: dir, TF_CLI_CONFIG_FILE: join(dir, 'user.tfrc') };
  const r = await seclb(['--json', 'provider', 'install', '--dir', join(dir, 'tf')], { cwd: dir, env });
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  const installed = JSON.parse(r.stdout);
  expect(existsSync(installed.executable)).toBe(true);
  expect(installed.userCliConfigFile).toBe(join(dir, 'user.tfrc'));
  const rc = readFileSync(installed.cliConfigFile, 'utf8');
  expect(rc).toContain(mine);
  expect(rc).toMatch(/filesystem_mirror/);
  expect(readFileSync(join(dir, 'user.tfrc'), 'utf8')).toBe(mine);
  expect(installed.envLine).toBe(`export TF_CLI_CONFIG_FILE=${join(dir, 'tf', 'terraform.rc')}`);

  const text = await seclb(['provider', 'install', '--dir', join(dir, 'tf')], { cwd: dir, env });
  expect(text.stdout).toContain(`(your ${join(dir, 'user.tfrc')} with the seclb mirror added; yours is unchanged)`);
});

test('bad --cli-config and --hashicorp-mirror values are SECLB_CLI_BAD_OPTION, and nothing is written', async () => {
  requireBuild();
  for (const args of [['--cli-config', join(dir, 'absent.tfrc')], ['--hashicorp-mirror', join(dir, 'no-mirror')]]) {
    const r = await seclb(['provider', 'install', '--dir', join(dir, 'tf'), ...args], { cwd: dir, env: { ...process.env, HOME: dir } });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`^SECLB_CLI_BAD_OPTION: ${args[0]} is '${args[1]}'\\.\\n  Rule: .+\\n  Fix: .+`));
    expect(existsSync(join(dir, 'tf'))).toBe(false);
  }
});

test('an install the plugin installer refuses is reported with the installer code and message, as JSON too', async () => {
  requireBuild();
  writeFileSync(join(dir, 'a-file'), 'not a folder\n');
  const target = join(dir, 'a-file', 'tf');
  const env = { ...process.env, HOME: dir };
  const r = await seclb(['provider', 'install', '--no-cli-config', '--dir', target], { cwd: dir, env });
  expect(r.code).toBe(1);
  expect(r.stderr).toMatch(new RegExp(`^SECLB_PLUGIN_INSTALL_FAILED: could not install the seclb provider into ${target}: .+Fix: `));
  const json = await seclb(['--json', 'provider', 'install', '--no-cli-config', '--dir', target], { cwd: dir, env });
  expect(json.code).toBe(1);
  expect(JSON.parse(json.stdout).error.code).toBe('SECLB_PLUGIN_INSTALL_FAILED');
});

test('installed from the packed seclb package, the launcher works after the checkout it was packed from is deleted', async () => {
  requireTerraform();
  const clone = checkoutCopy();
  const project = join(dir, 'project');
  mkdirSync(project);
  try {
    const tarball = execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', dir], { cwd: stageSeclb({ root: clone }), encoding: 'utf8' });
    writeFileSync(join(project, 'package.json'), '{ "name": "user-project", "private": true }\n');
    const install = await run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', join(dir, JSON.parse(tarball)[0].filename)], { cwd: project, timeoutMs: 300_000 });
    expect(install.stderr).not.toMatch(/ERR!/);
    expect(install.code).toBe(0);
  } finally {
    rmSync(clone, { recursive: true, force: true });
  }
  expect(existsSync(clone)).toBe(false);

  const env: NodeJS.ProcessEnv = { ...process.env, HOME: dir, CHECKPOINT_DISABLE: '1' };
  delete env.TF_CLI_CONFIG_FILE;
  const r = await run(join(project, 'node_modules', '.bin', 'seclb'), ['--json', 'provider', 'install', '--dir', join(dir, 'tf')], { cwd: project, env });
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  const installed = JSON.parse(r.stdout);
  const launcher = readFileSync(installed.executable, 'utf8');
  expect(launcher).toContain(JSON.stringify(join(project, 'node_modules', 'seclb', 'build', 'provider', 'plugin', 'main.js')));
  expect(launcher).not.toContain(clone);

  // Terraform installs it from the mirror and launches it (the schema comes from the running plugin).
  const work = join(dir, 'work');
  mkdirSync(work);
  writeFileSync(join(work, 'main.tf.json'), JSON.stringify({ terraform: { required_providers: { seclb: { source: 'cdktf-secure-elb/seclb', version: installed.version } } } }));
  const tfEnv = { ...env, TF_CLI_CONFIG_FILE: installed.cliConfigFile, TF_IN_AUTOMATION: '1' };
  const init = await run('terraform', ['init', '-input=false', '-no-color'], { cwd: work, env: tfEnv });
  expect(init.code).toBe(0);
  const schema = await run('terraform', ['providers', 'schema', '-json'], { cwd: work, env: tfEnv });
  expect(schema.code).toBe(0);
  const resources = Object.keys(JSON.parse(schema.stdout).provider_schemas['registry.terraform.io/cdktf-secure-elb/seclb'].resource_schemas);
  expect(resources).toEqual(expect.arrayContaining(['seclb_load_balancer', 'seclb_server_certificate', 'seclb_policy_attachment']));
}, 420_000);
