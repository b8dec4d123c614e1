import * as fs from 'fs';
import * as path from 'path';
import { ENGINE_CODES } from '../../../../provider/engine/errors';
import { LOCK_FILE, StateLock } from '../../../../provider/engine/state/state-lock';
import { tempDir } from '../helpers/certs';
import { startEngine } from '../helpers/engine-harness';

describe('one engine per state directory', () => {
  let dir: string;
  beforeEach(() => { dir = tempDir('lock'); });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('a second engine on the same state directory is refused while the first runs, and may start once it stopped', async () => {
    const first = await startEngine({ stateDir: dir });
    try {
      // In-process engines share the test's pid, so stand in for "another live engine" with pid 1
      // (alive on every Linux system); process.test.ts checks two real engine processes.
      fs.writeFileSync(path.join(dir, LOCK_FILE), '1\n');
      await expect(startEngine({ stateDir: dir })).rejects.toMatchObject({ code: ENGINE_CODES.STATE_LOCKED, message: expect.stringContaining('pid 1') });
      fs.writeFileSync(path.join(dir, LOCK_FILE), `${process.pid}\n`);
    } finally {
      await first.stop();
    }
    expect(fs.existsSync(path.join(dir, LOCK_FILE))).toBe(false);
    const again = await startEngine({ stateDir: dir });
    await again.stop();
  });

  test('a lock left by a process that no longer exists (SIGKILL) is taken over', () => {
    fs.writeFileSync(path.join(dir, LOCK_FILE), '999999999\n');
    const lock = StateLock.acquire(dir);
    expect(fs.readFileSync(path.join(dir, LOCK_FILE), 'utf8').trim()).toBe(String(process.pid));
    lock.release();
    expect(fs.existsSync(path.join(dir, LOCK_FILE))).toBe(false);
  });
});
