import { ChildProcess, spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { seclb } from '../../../../examples/demo/cli-runner';
import { connectToEngine } from '../../../../provider/deploy/engine-client/engine-connection';
import { ENGINE_CODES } from '../../../../provider/engine/errors';
import { LOCK_FILE, StateLock } from '../../../../provider/engine/state/state-lock';
import { tempDir } from '../helpers/certs';
import { startEngine } from '../helpers/engine-harness';
import { ENGINE_MAIN, requireBuild, runEngineExpectingFailure, spawnEngine } from '../helpers/engine-process';

/** The state letter of `/proc/<pid>/stat` (R, S, Z, ...), or undefined once the process is gone. */
function procState(pid: number): string | undefined {
  try {
    const text = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return text.slice(text.lastIndexOf(')') + 2).split(' ')[0];
  } catch {
    return undefined;
  }
}

/** Waits (bounded) until `check` holds. */
async function until(what: string, check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/**
 * A child of a parent that never reaps: `sh -c 'CMD & exec sleep 120'` leaves CMD's parent a
 * `sleep`, so once CMD dies it stays a zombie. Resolves the parent and the first line CMD prints.
 */
function underNonReapingParent(cmd: string[]): Promise<{ parent: ChildProcess; firstLine: string }> {
  const parent = spawn('sh', ['-c', '"$@" & exec sleep 120', 'sh', ...cmd], { stdio: ['ignore', 'pipe', 'ignore'] });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => { parent.kill('SIGKILL'); reject(new Error(`no output from ${cmd.join(' ')} within 30 s`)); }, 30_000);
    parent.stdout!.on('data', (d) => {
      out += d;
      const nl = out.indexOf('\n');
      if (nl < 0) return;
      clearTimeout(timer);
      resolve({ parent, firstLine: out.slice(0, nl) });
    });
  });
}

describe('one engine per state directory', () => {
  let dir: string;
  const parents: ChildProcess[] = [];
  beforeEach(() => { dir = tempDir('lock'); });
  afterEach(() => {
    for (const p of parents.splice(0)) p.kill('SIGKILL');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('a second engine on the same state directory is refused while the first runs, and may start once it stopped', async () => {
    const first = await startEngine({ stateDir: dir });
    try {
      // In-process engines share the test's pid, so stand in for "another live engine" with pid 1
      // and its real start time (alive on every Linux system); process.test.ts checks two real engine processes.
      fs.writeFileSync(path.join(dir, LOCK_FILE), `1 ${StateLock.identify(1).startTime ?? ''}\n`);
      await expect(startEngine({ stateDir: dir })).rejects.toMatchObject({ code: ENGINE_CODES.STATE_LOCKED, message: expect.stringContaining('pid 1') });
      fs.writeFileSync(path.join(dir, LOCK_FILE), `${process.pid}\n`);
    } finally {
      await first.stop();
    }
    expect(fs.existsSync(path.join(dir, LOCK_FILE))).toBe(false);
    const again = await startEngine({ stateDir: dir });
    await again.stop();
  });

  test('the lock names the owner\'s pid and start time, mode 0600', () => {
    const lock = StateLock.acquire(dir);
    const file = path.join(dir, LOCK_FILE);
    expect(StateLock.parse(fs.readFileSync(file, 'utf8'))).toEqual(StateLock.identify(process.pid));
    expect(StateLock.identify(process.pid).startTime).toMatch(/^\d+$/);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    lock.release();
    expect(fs.existsSync(file)).toBe(false);
  });

  test('a lock left by a process that no longer exists is taken over', () => {
    fs.writeFileSync(path.join(dir, LOCK_FILE), '999999999 12345\n');
    const lock = StateLock.acquire(dir);
    expect(StateLock.parse(fs.readFileSync(path.join(dir, LOCK_FILE), 'utf8'))?.pid).toBe(process.pid);
    lock.release();
    expect(fs.existsSync(path.join(dir, LOCK_FILE))).toBe(false);
  });

  test('a lock whose pid now belongs to another process (another start time) is taken over; the same process is refused', async () => {
    const other = spawn('sleep', ['120'], { stdio: 'ignore' });
    parents.push(other);
    await until('sleep runs', () => procState(other.pid!) !== undefined);
    const real = StateLock.identify(other.pid!);
    fs.writeFileSync(path.join(dir, LOCK_FILE), `${other.pid} ${real.startTime}\n`);
    expect(() => StateLock.acquire(dir)).toThrow(expect.objectContaining({ code: ENGINE_CODES.STATE_LOCKED, message: expect.stringContaining(`pid ${other.pid}`) }));
    fs.writeFileSync(path.join(dir, LOCK_FILE), `${other.pid} ${Number(real.startTime) - 1}\n`);
    const lock = StateLock.acquire(dir);
    expect(StateLock.parse(fs.readFileSync(path.join(dir, LOCK_FILE), 'utf8'))?.pid).toBe(process.pid);
    lock.release();
  });

  test('a lock naming a zombie (killed, not yet reaped by its parent) is taken over', async () => {
    const { parent, firstLine } = await underNonReapingParent(['sh', '-c', 'echo $$; exec sleep 120']);
    parents.push(parent);
    const pid = Number(firstLine);
    const owner = StateLock.identify(pid);
    fs.writeFileSync(path.join(dir, LOCK_FILE), `${owner.pid} ${owner.startTime}\n`);
    expect(() => StateLock.acquire(dir)).toThrow(expect.objectContaining({ code: ENGINE_CODES.STATE_LOCKED }));
    process.kill(pid, 'SIGKILL');
    await until(`pid ${pid} is a zombie`, () => procState(pid) === 'Z');
    const lock = StateLock.acquire(dir);
    expect(StateLock.parse(fs.readFileSync(path.join(dir, LOCK_FILE), 'utf8'))?.pid).toBe(process.pid);
    lock.release();
  });
});

describe('an engine started right after the previous one was SIGKILLed (real processes)', () => {
  let dir: string;
  const parents: ChildProcess[] = [];
  beforeAll(() => requireBuild());
  beforeEach(() => { dir = tempDir('lock-restart'); });
  afterEach(() => {
    for (const p of parents.splice(0)) p.kill('SIGKILL');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('a restart issued at once after SIGKILL takes the lock over and serves', async () => {
    const first = await spawnEngine(dir, ['--workers', '1']);
    const firstPid = first.child.pid!;
    first.child.kill('SIGKILL');
    const second = await spawnEngine(dir, ['--workers', '1']); // not waiting for the first to be reaped
    try {
      expect((await second.admin.get('/v1/status')).body.pid).toBe(second.child.pid);
      expect(StateLock.parse(fs.readFileSync(path.join(dir, LOCK_FILE), 'utf8'))?.pid).toBe(second.child.pid);
      expect(second.child.pid).not.toBe(firstPid);
      expect(await first.exited).toBe('SIGKILL');
      // A live engine's lock is still refused.
      const third = await runEngineExpectingFailure(dir);
      expect(third.code).toBe(1);
      expect(third.stderr).toContain(ENGINE_CODES.STATE_LOCKED);
      expect(third.stderr).toContain(`pid ${second.child.pid}`);
    } finally {
      second.child.kill('SIGTERM');
      await second.exited;
    }
  });

  test('`seclb engine start` succeeds while the SIGKILLed engine is still an unreaped zombie', async () => {
    const { parent, firstLine } = await underNonReapingParent([process.execPath, ENGINE_MAIN, '--state-dir', dir, '--admin-port', '0', '--workers', '1', '--log-level', 'warn']);
    parents.push(parent);
    const dead = JSON.parse(firstLine).pid as number;
    expect(StateLock.parse(fs.readFileSync(path.join(dir, LOCK_FILE), 'utf8'))?.pid).toBe(dead);
    process.kill(dead, 'SIGKILL');
    await until(`the killed engine ${dead} is a zombie`, () => procState(dead) === 'Z');
    const r = await seclb(['--json', '--state-dir', dir, 'engine', 'start', '--workers', '1'], { cwd: dir, timeoutMs: 30_000 });
    try {
      expect(r.stderr).not.toContain(ENGINE_CODES.STATE_LOCKED);
      expect(r.code).toBe(0);
      const started = JSON.parse(r.stdout) as { pid: number };
      expect(started.pid).not.toBe(dead);
      expect(procState(dead)).toBe('Z'); // still unreaped: the takeover did not wait for it
      expect(await connectToEngine({ stateDirectory: dir }).status()).toMatchObject({ pid: started.pid });
    } finally {
      await seclb(['--state-dir', dir, 'engine', 'stop'], { cwd: dir, timeoutMs: 30_000 });
    }
  });
});
