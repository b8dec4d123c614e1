import * as fs from 'fs';
import * as path from 'path';
import { EngineErrors } from '../errors';

/** The lock file's name inside the state directory. */
export const LOCK_FILE = 'engine.lock';

/**
 * One engine per state directory: `<stateDir>/engine.lock` holds the owner's pid. A lock whose
 * process no longer exists (a SIGKILL leaves it behind) is taken over; a live one is refused with
 * `SECLB_ENGINE_STATE_LOCKED`, since two engines would overwrite each other's state and revisions.
 */
export class StateLock {
  /** Takes the lock or throws. */
  public static acquire(stateDir: string): StateLock {
    const file = path.join(stateDir, LOCK_FILE);
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        const fd = fs.openSync(file, 'wx', 0o600);
        fs.writeSync(fd, `${process.pid}\n`);
        fs.closeSync(fd);
        return new StateLock(file);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw EngineErrors.stateDir(stateDir, (e as Error).message);
      }
      const owner = Number(fs.readFileSync(file, 'utf8').trim());
      if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && StateLock.alive(owner)) {
        throw EngineErrors.stateLocked(stateDir, owner);
      }
      fs.rmSync(file, { force: true }); // stale: its process is gone
    }
    throw EngineErrors.stateDir(stateDir, `could not take ${file}`);
  }

  private constructor(private readonly file: string) {}

  /** Releases the lock (engine stop). */
  public release(): void {
    try {
      if (Number(fs.readFileSync(this.file, 'utf8').trim()) === process.pid) fs.rmSync(this.file, { force: true });
    } catch {
      // already gone
    }
  }

  private static alive(pid: number): boolean {
    try {
      process.kill(pid, 0);
      return true;
    } catch (e) {
      return (e as NodeJS.ErrnoException).code === 'EPERM';
    }
  }
}
