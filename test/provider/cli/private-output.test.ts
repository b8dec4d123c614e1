/**
 * Secrets at rest: the local target's synthesized stacks carry private keys, so the CLI keeps the
 * synth output owner-only, whoever synthesized it. Real processes: the compiled walk-through app,
 * the compiled CLI and engine.
 */
import { spawnSync } from 'child_process';
import { chmodSync, existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'fs';
import { join } from 'path';
import { PACKAGE_ROOT } from '../../../provider/version';
import { createLocalProject, LocalProject } from '../../e2e/helpers/local-project';

let project: LocalProject;
const out = () => join(project.dir, 'cdktf.out');
const mode = (p: string) => statSync(p).mode & 0o777;

/** Every path the output's privacy rests on, with its mode. */
function modes(): Record<string, number> {
  const stacks = join(out(), 'stacks');
  const result: Record<string, number> = { 'cdktf.out': mode(out()), 'cdktf.out/stacks': mode(stacks) };
  if (existsSync(join(out(), 'manifest.json'))) result['cdktf.out/manifest.json'] = mode(join(out(), 'manifest.json'));
  for (const stack of readdirSync(stacks)) {
    result[`cdktf.out/stacks/${stack}`] = mode(join(stacks, stack));
    for (const f of readdirSync(join(stacks, stack))) result[`cdktf.out/stacks/${stack}/${f}`] = mode(join(stacks, stack, f));
  }
  return result;
}

function expectPrivate(): void {
  const all = modes();
  expect(Object.keys(all)).toEqual(expect.arrayContaining(['cdktf.out/stacks', expect.stringMatching(/cdk\.tf\.json$/)]));
  for (const [p, m] of Object.entries(all)) {
    expect([p, m.toString(8)]).toEqual([p, statSync(join(project.dir, p)).isDirectory() ? '700' : '600']);
  }
}

/** The stack file holding the key. */
function stackFile(): string {
  const stacks = join(out(), 'stacks');
  const [stack] = readdirSync(stacks);
  return join(stacks, stack, 'cdk.tf.json');
}

/** Runs the app the way `cdktf synth` does, with a permissive umask (as a user's shell has). */
function synthLikeCdktf(): void {
  const context = { 'seclb:target': 'local', 'seclb:local': JSON.parse(readFileSync(join(project.dir, 'cdktf.json'), 'utf8')).context['seclb:local'] };
  const app = join(PACKAGE_ROOT, 'build', 'examples', 'walkthrough', 'main.js');
  const r = spawnSync('/bin/sh', ['-c', 'umask 022; exec "$0" "$1"', process.execPath, app], {
    cwd: project.dir, encoding: 'utf8', timeout: 60_000,
    env: { ...process.env, CDKTF_OUTDIR: out(), CDKTF_CONTEXT_JSON: JSON.stringify(context), SECLB_WALKTHROUGH_CERTIFICATES: join(project.dir, 'certificates.json') },
  });
  if (r.status !== 0) throw new Error(`the app failed: ${r.stderr}`);
}

beforeAll(async () => {
  project = await createLocalProject();
  const start = await project.run(['engine', 'start', '--workers', '1']);
  expect(start.code).toBe(0);
}, 60_000);

afterAll(async () => {
  await project?.close();
});

test('a stack synthesized with a permissive umask (cdktf synth) is world-readable and holds the key; `seclb plan` makes it private', async () => {
  synthLikeCdktf();
  expect(readFileSync(stackFile(), 'utf8')).toContain('PRIVATE KEY');
  expect(mode(stackFile())).toBe(0o644); // the problem, as the user's own synth leaves it
  expect(mode(join(out(), 'stacks'))).toBe(0o755);
  const r = await project.run(['plan']);
  expect(r.code).toBe(0); // a plan with changes exits 0 without --detailed-exitcode
  expectPrivate();
});

test('`seclb plan --synth` over an earlier world-readable output leaves it private', async () => {
  for (const [p] of Object.entries(modes())) chmodSync(join(project.dir, p), statSync(join(project.dir, p)).isDirectory() ? 0o755 : 0o644);
  const r = await project.run(['plan', '--synth']);
  expect(r.code).toBe(0); // a plan with changes exits 0 without --detailed-exitcode
  expect(readFileSync(stackFile(), 'utf8')).toContain('PRIVATE KEY');
  expectPrivate();
});

test('a fresh `seclb plan --synth` leaves the output private', async () => {
  rmSync(out(), { recursive: true, force: true });
  const r = await project.run(['plan', '--synth']);
  expect(r.code).toBe(0); // a plan with changes exits 0 without --detailed-exitcode
  expectPrivate();
});

test('a plan file is 0600 and holds no key, also when it replaces a world-readable file', async () => {
  const file = join(project.dir, 'seclb-plan.json');
  writeFileSync(file, '{}', { mode: 0o644 });
  chmodSync(file, 0o644);
  const r = await project.run(['plan', '--out', 'seclb-plan.json']);
  expect(r.code).toBe(0); // a plan with changes exits 0 without --detailed-exitcode
  expect(mode(file)).toBe(0o600);
  expect(readFileSync(file, 'utf8')).not.toContain('PRIVATE KEY');
});

test('an output folder that is the project folder itself keeps its mode; stacks/ is what keeps others out', async () => {
  const cfgFile = join(project.dir, 'cdktf.json');
  const cfg = JSON.parse(readFileSync(cfgFile, 'utf8'));
  writeFileSync(cfgFile, JSON.stringify({ ...cfg, output: '.' }));
  chmodSync(project.dir, 0o755);
  try {
    const r = await project.run(['plan', '--synth']);
    expect(r.code).toBe(0); // a plan with changes exits 0 without --detailed-exitcode
    expect(mode(project.dir)).toBe(0o755);
    expect(mode(join(project.dir, 'stacks'))).toBe(0o700);
    const [stack] = readdirSync(join(project.dir, 'stacks'));
    expect(mode(join(project.dir, 'stacks', stack))).toBe(0o700);
    expect(mode(join(project.dir, 'stacks', stack, 'cdk.tf.json'))).toBe(0o600);
  } finally {
    writeFileSync(cfgFile, JSON.stringify(cfg));
  }
});
