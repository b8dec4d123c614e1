import { spawn } from 'child_process';
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeFileSync } from 'fs';
import { join, resolve } from 'path';
import { ENGINE_INFO_FILE } from '../deploy/engine-client/engine-connection';
import { PACKAGE_ROOT, SECLB_VERSION } from '../version';
import { CliErrors } from './errors';

/** `<stateDirectory>/engine.json`: how every front end finds the running engine (docs/local-target.md). */
export interface EngineInfo {
  /** The admin API base URL. */
  readonly adminUrl: string;
  /** The engine's process id. */
  readonly pid: number;
  /** The engine's version. */
  readonly version: string;
  /** When it became ready (ISO 8601). */
  readonly startedAt: string;
  /** The ELB/IAM Query API's URL, when started with `elbApiPort` (docs/elb-api.md). */
  readonly elbApiUrl?: string;
}

/** The pid file next to engine.json. */
export const ENGINE_PID_FILE = 'engine.pid';
/** The engine's log file (its JSON log lines) in the state directory. */
export const ENGINE_LOG_FILE = 'engine.log';

/** The compiled engine entry point. */
export function engineEntry(): string {
  return join(PACKAGE_ROOT, 'build', 'provider', 'engine', 'main.js');
}

/** True when `pid` is alive and runs the seclb engine (a reused pid of another program is not ours). */
export function isEngineProcess(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('engine/main.js');
  } catch {
    return true; // no /proc (not Linux): trust the pid
  }
}

/** engine.json of a state directory, when present and readable. */
export function readEngineInfo(stateDirectory: string): EngineInfo | undefined {
  const file = join(stateDirectory, ENGINE_INFO_FILE);
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as EngineInfo;
  } catch {
    return undefined;
  }
}

/** The running engine of a state directory, or undefined (stale files are not a running engine). */
export function runningEngine(stateDirectory: string): EngineInfo | undefined {
  const info = readEngineInfo(stateDirectory);
  return info && isEngineProcess(info.pid) ? info : undefined;
}

/**
 * Starts the engine as a background process for `stateDirectory` (created 0700): its logs go to
 * `engine.log`, its pid to `engine.pid`; once it prints its ready line, `engine.json` is written
 * (0600) and the process is detached from this one. Bounded: fails after `timeoutMs`.
 */
export async function startEngineProcess(stateDirectory: string, options: {
  adminPort?: number; workers?: number; timeoutMs?: number; logLevel?: string; elbApiPort?: number;
  /** The engine's `--http-front` and `--http-backend`, as given (the engine refuses a value it does not know); default: the engine's. */
  httpFront?: string; httpBackend?: string;
} = {}): Promise<EngineInfo> {
  const dir = resolve(stateDirectory);
  const entry = engineEntry();
  if (!existsSync(entry)) throw CliErrors.notBuilt(entry);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const logFile = join(dir, ENGINE_LOG_FILE);
  const logFd = openSync(logFile, 'a', 0o600);
  const args = [entry, '--state-dir', dir, '--admin-port', String(options.adminPort ?? 0)];
  if (options.logLevel) args.push('--log-level', options.logLevel);
  if (options.workers !== undefined) args.push('--workers', String(options.workers));
  if (options.elbApiPort !== undefined) args.push('--elb-api-port', String(options.elbApiPort));
  if (options.httpFront !== undefined) args.push('--http-front', options.httpFront);
  if (options.httpBackend !== undefined) args.push('--http-backend', options.httpBackend);
  const child = spawn(process.execPath, args, { detached: true, stdio: ['ignore', 'pipe', logFd] });
  closeSync(logFd);
  const timeoutMs = options.timeoutMs ?? 20_000;
  const ready = await new Promise<{ adminUrl: string; pid: number; version?: string; elbApiUrl?: string }>((resolveReady, reject) => {
    let buffer = '';
    const timer = setTimeout(() => {
      child.kill('SIGTERM');
      reject(CliErrors.engineStartFailed(`no ready line within ${timeoutMs / 1000} s`, logFile));
    }, timeoutMs);
    child.stdout!.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      const nl = buffer.indexOf('\n');
      if (nl < 0) return;
      clearTimeout(timer);
      try {
        resolveReady(JSON.parse(buffer.slice(0, nl)));
      } catch (e) {
        reject(CliErrors.engineStartFailed(`its ready line is not JSON (${(e as Error).message})`, logFile));
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(CliErrors.engineStartFailed(`it exited (${signal ?? `status ${code}`}): ${lastLogMessage(logFile)}`, logFile));
    });
    child.once('error', (e) => {
      clearTimeout(timer);
      reject(CliErrors.engineStartFailed(e.message, logFile));
    });
  });
  child.removeAllListeners('exit');
  child.stdout!.destroy();
  child.unref();
  const info: EngineInfo = { adminUrl: ready.adminUrl, pid: ready.pid ?? child.pid!, version: ready.version ?? SECLB_VERSION, startedAt: new Date().toISOString(), ...(ready.elbApiUrl ? { elbApiUrl: ready.elbApiUrl } : {}) };
  writePrivate(join(dir, ENGINE_PID_FILE), `${info.pid}\n`);
  writePrivate(join(dir, ENGINE_INFO_FILE), `${JSON.stringify(info, null, 2)}\n`);
  return info;
}

/**
 * Stops the engine of `stateDirectory`: SIGTERM, then waits (bounded) until it is gone; SIGKILL
 * after `timeoutMs`. Removes engine.json and engine.pid. Returns the stopped pid, or undefined
 * when none was running.
 */
export async function stopEngineProcess(stateDirectory: string, timeoutMs = 10_000): Promise<number | undefined> {
  const dir = resolve(stateDirectory);
  const info = readEngineInfo(dir);
  const pidText = existsSync(join(dir, ENGINE_PID_FILE)) ? readFileSync(join(dir, ENGINE_PID_FILE), 'utf8').trim() : '';
  const pid = info?.pid ?? (pidText ? Number(pidText) : undefined);
  const cleanup = () => {
    rmSync(join(dir, ENGINE_INFO_FILE), { force: true });
    rmSync(join(dir, ENGINE_PID_FILE), { force: true });
  };
  if (pid === undefined || !isEngineProcess(pid)) {
    cleanup();
    return undefined;
  }
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + timeoutMs;
  while (isEngineProcess(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
  if (isEngineProcess(pid)) {
    process.kill(pid, 'SIGKILL');
    cleanup();
    throw CliErrors.engineStopFailed(pid, timeoutMs / 1000);
  }
  cleanup();
  return pid;
}

function writePrivate(file: string, content: string): void {
  const partial = `${file}.${process.pid}.tmp`;
  writeFileSync(partial, content, { mode: 0o600 });
  chmodSync(partial, 0o600);
  renameSync(partial, file);
}

function lastLogMessage(logFile: string): string {
  try {
    const lines = readFileSync(logFile, 'utf8').trim().split('\n');
    for (let i = lines.length - 1; i >= 0; i--) {
      try {
        const entry = JSON.parse(lines[i]) as { code?: string; msg?: string };
        if (entry.msg) return entry.code && !entry.msg.startsWith(entry.code) ? `${entry.code}: ${entry.msg}` : entry.msg;
      } catch {
        return lines[i];
      }
    }
  } catch {
    // no log
  }
  return 'see the log';
}
