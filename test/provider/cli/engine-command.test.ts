/**
 * `seclb engine start|stop|status` with the compiled CLI and engine as real processes.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { seclb } from '../../../examples/demo/cli-runner';
import { connectToEngine } from '../../../provider/deploy/engine-client/engine-connection';
import { isEngineProcess } from '../../../provider/cli/engine-process';
import { requireBuild } from '../../e2e/helpers/built';

let dir: string;
let stateDir: string;
const run = (...args: string[]) => seclb(['--state-dir', stateDir, ...args], { cwd: dir, timeoutMs: 30_000 });

beforeAll(() => {
  requireBuild();
  dir = mkdtempSync(join(tmpdir(), 'seclb-cli-engine-'));
  stateDir = join(dir, 'state');
});

afterAll(async () => {
  await run('engine', 'stop');
  rmSync(dir, { recursive: true, force: true });
});

test('start runs the engine in the background and writes engine.json (adminUrl, pid, version, startedAt; 0600), a pid file and a log', async () => {
  const r = await run('--json', 'engine', 'start');
  expect(r.code).toBe(0);
  const printed = JSON.parse(r.stdout);
  const info = JSON.parse(readFileSync(join(stateDir, 'engine.json'), 'utf8'));
  expect(info).toEqual({ adminUrl: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/), pid: expect.any(Number), version: expect.any(String), startedAt: expect.any(String) });
  expect(printed).toMatchObject({ running: true, ...info });
  expect(statSync(join(stateDir, 'engine.json')).mode & 0o777).toBe(0o600);
  expect(readFileSync(join(stateDir, 'engine.pid'), 'utf8').trim()).toBe(String(info.pid));
  expect(existsSync(join(stateDir, 'engine.log'))).toBe(true);
  expect(isEngineProcess(info.pid)).toBe(true);
  // The CLI process has exited; the engine answers on its own.
  expect(await connectToEngine({ stateDirectory: stateDir }).status()).toMatchObject({ pid: info.pid });
});

test('start again reports the running engine and starts no second one', async () => {
  const before = JSON.parse(readFileSync(join(stateDir, 'engine.json'), 'utf8'));
  const r = await run('engine', 'start');
  expect(r.code).toBe(0);
  expect(r.stdout).toMatch(new RegExp(`already running: pid ${before.pid}`));
});

test('status (text and --json) exits 0 while running', async () => {
  const text = await run('engine', 'status');
  expect(text.code).toBe(0);
  expect(text.stdout).toMatch(/^engine running: pid \d+, admin http:\/\/127\.0\.0\.1:\d+/);
  const json = await run('--json', 'engine', 'status');
  expect(JSON.parse(json.stdout)).toMatchObject({ running: true, engineRevision: 0, loadBalancers: [] });
});

test('stop ends the process and removes engine.json and the pid file; status then exits 1 with SECLB_CLI_ENGINE_NOT_RUNNING', async () => {
  const { pid } = JSON.parse(readFileSync(join(stateDir, 'engine.json'), 'utf8'));
  const r = await run('engine', 'stop');
  expect(r.code).toBe(0);
  expect(r.stdout).toBe(`engine stopped (pid ${pid})\n`);
  expect(isEngineProcess(pid)).toBe(false);
  expect(existsSync(join(stateDir, 'engine.json'))).toBe(false);
  expect(existsSync(join(stateDir, 'engine.pid'))).toBe(false);
  const status = await run('engine', 'status');
  expect(status.code).toBe(1);
  expect(status.stderr).toMatch(/^SECLB_CLI_ENGINE_NOT_RUNNING: no engine is running for the state directory/);
  expect((await run('engine', 'stop')).stdout).toMatch(/^no engine was running/);
});

test('an engine that cannot start (corrupt state file) fails with SECLB_CLI_ENGINE_START_FAILED naming the engine\'s code and the log', async () => {
  const broken = join(dir, 'broken');
  await seclb(['--state-dir', broken, 'engine', 'start'], { cwd: dir });
  await seclb(['--state-dir', broken, 'engine', 'stop'], { cwd: dir });
  writeFileSync(join(broken, 'state.json'), '{ not json');
  const r = await seclb(['--state-dir', broken, 'engine', 'start'], { cwd: dir });
  expect(r.code).toBe(1);
  expect(r.stderr).toMatch(/^SECLB_CLI_ENGINE_START_FAILED: the engine did not become ready: it exited \(status 1\): SECLB_ENGINE_STATE_CORRUPT/);
  expect(r.stderr).toMatch(/engine\.log/);
  expect(existsSync(join(broken, 'engine.json'))).toBe(false);
});

test('plan without a running engine fails with the deploy core\'s SECLB_DEPLOY_ENGINE_NOT_STARTED', async () => {
  const empty = join(dir, 'nothing');
  const r = await seclb(['--state-dir', empty, 'status'], { cwd: dir });
  expect(r.code).toBe(1);
  expect(r.stderr).toMatch(/^SECLB_DEPLOY_ENGINE_NOT_STARTED/);
});

test('start --workers N runs N worker processes (status lists them); --workers 0 is refused before anything starts', async () => {
  const multi = join(dir, 'multi');
  const r = await seclb(['--state-dir', multi, 'engine', 'start', '--workers', '3'], { cwd: dir, timeoutMs: 30_000 });
  expect(r.code).toBe(0);
  try {
    const status = await seclb(['--state-dir', multi, '--json', 'engine', 'status'], { cwd: dir });
    const workers = JSON.parse(status.stdout).workers as Array<{ id: number; pid: number }>;
    expect(workers.map((w) => w.id).sort()).toEqual([1, 2, 3]);
  } finally {
    await seclb(['--state-dir', multi, 'engine', 'stop'], { cwd: dir });
  }
  const bad = await seclb(['--state-dir', join(dir, 'bad-workers'), 'engine', 'start', '--workers', '0'], { cwd: dir });
  expect(bad.code).not.toBe(0);
  expect(bad.stderr).toMatch(/SECLB_CLI_BAD_OPTION: --workers is '0'/);
  expect(existsSync(join(dir, 'bad-workers', 'engine.json'))).toBe(false);
});

test('start passes --http-front and --http-backend to the engine; a value the engine does not know fails with its SECLB_ENGINE_BAD_OPTION', async () => {
  const other = join(dir, 'fronts');
  const r = await seclb(['--state-dir', other, '--json', 'engine', 'start', '--workers', '1', '--http-front', 'node', '--http-backend', 'undici'], { cwd: dir, timeoutMs: 30_000 });
  try {
    expect(r.code).toBe(0);
    const { pid } = JSON.parse(r.stdout);
    const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    expect(argv.slice(argv.indexOf('--http-front'), argv.indexOf('--http-front') + 2)).toEqual(['--http-front', 'node']);
    expect(argv.slice(argv.indexOf('--http-backend'), argv.indexOf('--http-backend') + 2)).toEqual(['--http-backend', 'undici']);
    expect(await connectToEngine({ stateDirectory: other }).status()).toMatchObject({ pid });
  } finally {
    await seclb(['--state-dir', other, 'engine', 'stop'], { cwd: dir });
  }
  const bad = await seclb(['--state-dir', join(dir, 'bad-front'), 'engine', 'start', '--http-front', 'fast'], { cwd: dir, timeoutMs: 30_000 });
  expect(bad.code).toBe(1);
  expect(bad.stderr).toMatch(/^SECLB_CLI_ENGINE_START_FAILED: the engine did not become ready: it exited \(status 1\): SECLB_ENGINE_BAD_OPTION: option --http-front is 'fast'/);
});
