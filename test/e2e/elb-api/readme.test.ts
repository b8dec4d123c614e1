import { spawn } from 'child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { seclb } from '../../../examples/demo/cli-runner';
import { PACKAGE_ROOT } from '../../../provider/version';
import { findProviderMirror, requireTerraform } from '../../targets/aws/terraform-fixture';
import { requireBuild } from '../helpers/built';
import { freePort } from '../helpers/local-project';

/*
 * The README section "Point existing AWS Terraform at the local engine" is true as written: its
 * shell block is taken from README.md and run by bash, line for line, with only these replacements:
 * `npm run build` is dropped (the test needs the build already), the state directory and the
 * `my-elb` folder are temporary ones, and the fixed ports (ELB API 4566, listeners 18080/18443,
 * back ends 18081/18444) are free ones. Terraform gets a CLI config for the local provider mirror
 * (TF_CLI_CONFIG_FILE; a user's Terraform downloads the provider instead). Fails with a message
 * when Terraform, the mirror or the build is missing.
 */

jest.setTimeout(420_000);

const MARKER = '<!-- The block below is run as written by test/e2e/elb-api/readme.test.ts';

/** The shell block after the marker in README.md. */
function readmeBlock(): string {
  const readme = readFileSync(join(PACKAGE_ROOT, 'README.md'), 'utf8');
  const at = readme.indexOf(MARKER);
  if (at < 0) throw new Error(`README.md has no line starting with ${MARKER}`);
  const m = /```sh\n([\s\S]*?)```/.exec(readme.slice(at));
  if (!m) throw new Error('no ```sh block after the marker in README.md');
  return m[1];
}

let dir: string;
let stateDir: string;

beforeAll(() => {
  requireBuild();
  requireTerraform();
  dir = mkdtempSync(join(tmpdir(), 'seclb-readme-elb-api-'));
  stateDir = join(dir, 'state');
});

afterAll(async () => {
  // The script stops the engine itself; after a failure midway, stop it here.
  await seclb(['--state-dir', stateDir, 'engine', 'stop'], { cwd: dir }).catch(() => undefined);
  rmSync(dir, { recursive: true, force: true });
});

test('the README commands: engine with the ELB API, unchanged HCL applied, traffic, no-op plan, cipher change, destroy', async () => {
  const block = readmeBlock();
  const ports: Record<string, number> = {};
  for (const p of ['4566', '18080', '18443', '18081', '18444']) {
    expect(block).toMatch(new RegExp(`\\b${p}\\b`));
    ports[p] = await freePort();
  }
  let script = block.replace(/^npm run build\n/m, '')
    .replace(/^export SECLB_STATE_DIR=.*$/m, `export SECLB_STATE_DIR='${stateDir}'`)
    .replace(/\bmy-elb\b/g, join(dir, 'my-elb'))
    .replace(/\b(4566|18080|18443|18081|18444)\b/g, (p) => String(ports[p]));
  expect(script).not.toContain('npm run build');
  script = `set -euo pipefail\n${script}`;
  writeFileSync(join(dir, 'readme.sh'), script);
  writeFileSync(join(dir, 'cli.tfrc'), `provider_installation {\n  filesystem_mirror {\n    path    = "${findProviderMirror()}"\n`
    + '    include = ["registry.terraform.io/hashicorp/*"]\n  }\n}\ndisable_checkpoint = true\n');

  const run = await new Promise<{ code: number | null; output: string }>((resolve, reject) => {
    // Its own process group, so the background back ends go with it whatever happens.
    const child = spawn('bash', [join(dir, 'readme.sh')], {
      cwd: PACKAGE_ROOT, detached: true, stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, TF_CLI_CONFIG_FILE: join(dir, 'cli.tfrc'), TF_IN_AUTOMATION: '1', NO_COLOR: '1' },
    });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => { output += d; });
    child.stderr.setEncoding('utf8').on('data', (d: string) => { output += d; });
    const killGroup = () => { try { process.kill(-child.pid!, 'SIGKILL'); } catch { /* already gone */ } };
    const timer = setTimeout(() => { output += '\n[killed after 400 s]'; killGroup(); }, 400_000);
    child.on('error', reject);
    child.on('close', (code) => { clearTimeout(timer); killGroup(); resolve({ code, output }); });
  });

  const secret = JSON.parse(readFileSync(join(stateDir, 'elb-api-credentials.json'), 'utf8')).secretAccessKey as string;
  expect(run.output).not.toContain(secret); // `credentials --env` went into eval, not to the output
  expect({ code: run.code, output: run.code === 0 ? '' : run.output.slice(-6000) }).toEqual({ code: 0, output: '' });
  expect(run.output).toContain('Apply complete! Resources: 9 added, 0 changed, 0 destroyed.');
  expect(run.output).toMatch(/"instance":"i-0a1b2c3d4e5f6000[12]","scheme":"http","path":"\/hello"/);
  expect(run.output).toMatch(/"instance":"i-0a1b2c3d4e5f6000[12]","scheme":"https","path":"\/hello"/);
  expect(run.output).toContain('No changes.');
  expect(run.output).toContain('Apply complete! Resources: 1 added, 1 changed, 1 destroyed.');
  expect(run.output).toContain('Destroy complete! Resources: 9 destroyed.');
  expect(run.output).toMatch(/engine stopped/);
});
