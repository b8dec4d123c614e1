/**
 * Where `seclb` synthesizes, and what its plan files are called. A project whose cdktf.json is the
 * AWS one (no `seclb:target`) keeps its `cdktf synth` output: `seclb plan --synth` writes the local
 * synthesis to `cdktf.out.local/`. Real processes: the compiled CLI, the walk-through app, an engine.
 */
import { spawnSync } from 'child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { seclb } from '../../../examples/demo/cli-runner';
import { LOCAL_SYNTH_OUTPUT, localOutputDirectory, readProject } from '../../../provider/cli/project';
import { DOCUMENT_SHAPE } from '../../../lib/policy/document/document-shape';
import { SeclbStructure } from '../../../lib/contract/seclb-structure';
import { PACKAGE_ROOT } from '../../../provider/version';

jest.setTimeout(120_000);

const APP = join(PACKAGE_ROOT, 'build', 'examples', 'walkthrough', 'main.js');
let dir: string;
let stateDir: string;
let engineStarted = false;

beforeAll(async () => {
  if (!existsSync(APP)) throw new Error(`${APP} is missing: run npm run build first.`);
  dir = mkdtempSync(join(tmpdir(), 'seclb-synth-output-'));
  stateDir = join(dir, 'state');
  // The repository's own cdktf.json (AWS by default, the local options as context), pointed at the build.
  const config = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'cdktf.json'), 'utf8'));
  writeFileSync(join(dir, 'cdktf.json'), JSON.stringify({ ...config, app: `"${process.execPath}" "${APP}"` }));
});

afterAll(async () => {
  if (engineStarted) await seclb(['--state-dir', stateDir, 'engine', 'stop'], { cwd: dir }).catch(() => undefined);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('the output directory: --out-dir, else cdktf.json output for a local-only project, else cdktf.out.local', () => {
  expect(LOCAL_SYNTH_OUTPUT).toBe('cdktf.out.local');
  expect(localOutputDirectory({ output: 'cdktf.out', context: {} })).toBe('cdktf.out.local');
  expect(localOutputDirectory({})).toBe('cdktf.out.local');
  expect(localOutputDirectory({ output: 'out', context: { 'seclb:target': 'aws' } })).toBe('cdktf.out.local');
  expect(localOutputDirectory({ output: 'out', context: { 'seclb:target': 'local' } })).toBe('out');
  expect(localOutputDirectory({ context: { 'seclb:target': 'local' } })).toBe('cdktf.out');
  expect(localOutputDirectory({ output: 'out', context: { 'seclb:target': 'local' } }, 'mine')).toBe('mine');
  expect(readProject(dir).outDirectory).toBe(join(dir, 'cdktf.out.local'));
  expect(readProject(dir, 'x').outDirectory).toBe(join(dir, 'x'));
  expect(readProject(join(PACKAGE_ROOT, 'examples', 'walkthrough', 'local')).outDirectory).toBe(join(PACKAGE_ROOT, 'examples', 'walkthrough', 'local', 'cdktf.out'));
});

test('seclb plan --synth leaves the AWS synthesis in cdktf.out untouched and plans the local one (seclb-plan.json)', async () => {
  // What `cdktf synth` writes for AWS (cdktf.json's context, no seclb:target).
  const config = JSON.parse(readFileSync(join(dir, 'cdktf.json'), 'utf8'));
  const aws = spawnSync(process.execPath, [APP], {
    cwd: dir, encoding: 'utf8', timeout: 60_000,
    env: { ...process.env, CDKTF_OUTDIR: join(dir, 'cdktf.out'), CDKTF_CONTEXT_JSON: JSON.stringify(config.context) },
  });
  expect(aws.status).toBe(0);
  const awsFile = join(dir, 'cdktf.out', 'stacks', 'walkthrough', 'cdk.tf.json');
  const awsBefore = readFileSync(awsFile, 'utf8');
  expect(awsBefore).toContain('aws_elb');
  cpSync(join(dir, 'cdktf.out'), join(dir, 'aws-copy'), { recursive: true });

  const start = await seclb(['--state-dir', stateDir, 'engine', 'start', '--workers', '1'], { cwd: dir, env: { CDKTF_CONTEXT_JSON: '' } });
  expect([start.code, start.stderr]).toEqual([0, '']);
  engineStarted = true;
  const plan = await seclb(['--state-dir', stateDir, 'plan', '--synth', '--out', 'seclb-plan.json'], { cwd: dir, env: { CDKTF_CONTEXT_JSON: '' } });
  // Changes: exit 2 today; 0 once plan follows terraform plan (2 only with --detailed-exitcode).
  expect(plan.stderr).toBe('');
  expect([0, 2]).toContain(plan.code);

  expect(readFileSync(awsFile, 'utf8')).toBe(awsBefore);
  expect(readFileSync(join(dir, 'aws-copy', 'stacks', 'walkthrough', 'cdk.tf.json'), 'utf8')).toBe(awsBefore);
  const local = JSON.parse(readFileSync(join(dir, 'cdktf.out.local', 'stacks', 'walkthrough', 'cdk.tf.json'), 'utf8'));
  expect(Object.keys(local.resource).sort()).toEqual(['seclb_load_balancer', 'seclb_server_certificate']);
  expect(local.provider.aws).toBeUndefined();
  // The repository's cdktf.json context: nothing listens below 1024.
  const [lb] = Object.values<{ document: object }>(local.resource.seclb_load_balancer);
  const document = SeclbStructure.fromTerraform(DOCUMENT_SHAPE, lb.document) as any;
  expect(document.listeners.map((l: { loadBalancerPort: number; instancePort: number }) => [l.loadBalancerPort, l.instancePort]).sort())
    .toEqual([[18080, 8080], [18443, 8443]]);
  // Kept private (the stack holds the key), as before.
  expect((statSync(join(dir, 'cdktf.out.local')).mode & 0o777).toString(8)).toBe('700');
  // The seclb plan file: written where --out says, 0600, the seclb plan format.
  const saved = JSON.parse(readFileSync(join(dir, 'seclb-plan.json'), 'utf8'));
  expect((statSync(join(dir, 'seclb-plan.json')).mode & 0o777).toString(8)).toBe('600');
  expect(saved.summary.create).toBe(1);
  expect(saved.format_version).toBeUndefined(); // not Terraform's plan JSON (that one is tfplan.json)
});
