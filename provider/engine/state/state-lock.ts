import * as fs from 'fs';
import * as path from 'path';
import { EngineErrors } from '../errors';

/** The lock file's name inside the state directory. */
export const LOCK_FILE = 'engine.lock';

/** Who a lock file names: a pid and, where the system tells it, that process's start time. */
export interface LockOwner {
  /** The owner's process id. */
  readonly pid: number;
  /**
   * The owner's start time (field 22 of `/proc/<pid>/stat`, clock ticks since boot), which tells a
   * reused pid from the process that wrote the lock. Absent without `/proc`, and in locks written
   * before it was recorded.
   */
  readonly startTime?: string;
}

/**
 * One engine per state directory: `<stateDir>/engine.lock` holds `<pid> <start time>` of the
 * engine that owns it. A second engine is refused with `SECLB_ENGINE_STATE_LOCKED` only while the
 * owner still runs: a lock is taken over when its pid no longer exists, when that process is a
 * zombie (killed, not yet reaped by its parent: right after a SIGKILL), or when the pid now belongs
 * to another process (its start time differs). Without `/proc` (not Linux) only the first holds.
 */
export class StateLock {
  /** Takes the lock or throws. */
  public static acquire(stateDir: string): StateLock {
    const file = path.join(stateDir, LOCK_FILE);
    const self = StateLock.identify(process.pid);
    const content = `${self.pid}${self.startTime ? ` ${self.startTime}` : ''}\n`;
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        const fd = fs.openSync(file, 'wx', 0o600);
        fs.writeSync(fd, content);
        fs.closeSync(fd);
        return new StateLock(file);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw EngineErrors.stateDir(stateDir, (e as Error).message);
      }
      let stale: string;
      try {
        stale = fs.readFileSync(file, 'utf8');
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') continue; // released meanwhile
        throw EngineErrors.stateDir(stateDir, (e as Error).message);
      }
      const owner = StateLock.parse(stale);
      if (owner && owner.pid !== process.pid && StateLock.running(owner)) throw EngineErrors.stateLocked(stateDir, owner.pid);
      StateLock.removeIfUnchanged(file, stale);
    }
    throw EngineErrors.stateDir(stateDir, `could not take ${file}: other engines keep taking it over`);
  }

  /** Reads a lock file's owner; undefined when the text names no pid (an empty or torn file). */
  public static parse(text: string): LockOwner | undefined {
    const [pidText, startTime] = text.trim().split(/\s+/);
    const pid = Number(pidText);
    if (!Number.isInteger(pid) || pid <= 0) return undefined;
    return startTime ? { pid, startTime } : { pid };
  }

  /** True while the process a lock names is the one that wrote it and has not exited. */
  public static running(owner: LockOwner): boolean {
    try {
      process.kill(owner.pid, 0);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EPERM') return false; // ESRCH: gone
    }
    const now = StateLock.procStat(owner.pid);
    if (!now) return !fs.existsSync('/proc/self/stat'); // exited just now, or no /proc: then trust the pid
    if (now.state === 'Z' || now.state === 'X') return false; // dead, waiting for its parent to reap it
    return owner.startTime === undefined || owner.startTime === now.startTime;
  }

  /** A process's pid and start time, as a lock records them. */
  public static identify(pid: number): LockOwner {
    const stat = StateLock.procStat(pid);
    return stat ? { pid, startTime: stat.startTime } : { pid };
  }

  private constructor(private readonly file: string) {}

  /** Releases the lock (engine stop), unless another engine has taken it over meanwhile. */
  public release(): void {
    try {
      if (StateLock.parse(fs.readFileSync(this.file, 'utf8'))?.pid === process.pid) fs.rmSync(this.file, { force: true });
    } catch {
      // already gone
    }
  }

  /**
   * Removes a stale lock only if it is still the one judged stale: it is first renamed aside (one
   * taker wins), and put back if it turns out to be a fresh lock another engine wrote meanwhile.
   */
  private static removeIfUnchanged(file: string, stale: string): void {
    const aside = `${file}.${process.pid}.stale`;
    try {
      fs.renameSync(file, aside);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return; // another engine took it first
      throw e;
    }
    if (fs.readFileSync(aside, 'utf8') !== stale) {
      try {
        fs.linkSync(aside, file); // a fresh owner's lock: restore it (fails if yet another lock exists)
      } catch {
        // that newer lock wins
      }
    }
    fs.rmSync(aside, { force: true });
  }

  /** State letter and start time from `/proc/<pid>/stat`, or undefined without /proc or the process. */
  private static procStat(pid: number): { state: string; startTime: string } | undefined {
    let text: string;
    try {
      text = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    } catch {
      return undefined;
    }
    // "pid (comm) state ppid ... starttime ...": comm may hold spaces and parentheses.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { state: fields[0], startTime: fields[19] };
  }
}
