import { ChildProcess, spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { AdminClient } from './admin-client';

/** The built engine entry point; process-level tests need `npm run build` first. */
export const ENGINE_MAIN = path.join(__dirname, '..', '..', '..', '..', 'build', 'provider', 'engine', 'main.js');

/** Fails with a clear message when the build is missing (CI runs `npm run build` before `npm test`). */
export function requireBuild(): void {
  if (!fs.existsSync(ENGINE_MAIN)) {
    throw new Error(`${ENGINE_MAIN} does not exist: run \`npm run build\` (or \`npm run build:provider\`) before these tests.`);
  }
  const built = fs.statSync(ENGINE_MAIN).mtimeMs;
  const newest = newestSource(path.join(__dirname, '..', '..', '..', '..', 'provider', 'engine'));
  if (newest.mtimeMs > built) throw new Error(`${ENGINE_MAIN} is older than ${newest.file}: run \`npm run build\` again.`);
}

function newestSource(dir: string): { file: string; mtimeMs: number } {
  let best = { file: dir, mtimeMs: 0 };
  for (const name of fs.readdirSync(dir)) {
    const p = path.join(dir, name);
    const st = fs.statSync(p);
    const cand = st.isDirectory() ? newestSource(p) : name.endsWith('.ts') ? { file: p, mtimeMs: st.mtimeMs } : best;
    if (cand.mtimeMs > best.mtimeMs) best = cand;
  }
  return best;
}

/** A spawned engine process. */
export interface EngineProcess {
  child: ChildProcess;
  admin: AdminClient;
  stderr: () => string;
  /** Resolves with the exit code (or signal name). */
  exited: Promise<number | string>;
}

/** Spawns `node build/provider/engine/main.js --state-dir DIR` and waits for its ready line (30 s). */
export function spawnEngine(stateDir: string, extraArgs: string[] = []): Promise<EngineProcess> {
  const child = spawn(process.execPath, [ENGINE_MAIN, '--state-dir', stateDir, '--admin-port', '0', '--log-level', 'warn', '--health-check-time-scale', '0.02', ...extraArgs], { stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  let out = '';
  child.stderr!.on('data', (d) => { err += d; });
  const exited = new Promise<number | string>((resolve) => child.on('exit', (code, signal) => resolve(code ?? signal ?? -1)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`engine not ready within 30 s; stderr:\n${err}`)); }, 30_000);
    child.stdout!.on('data', (d) => {
      out += d;
      const line = out.split('\n').find((l) => l.includes('"event":"ready"'));
      if (!line) return;
      clearTimeout(timer);
      const ready = JSON.parse(line);
      resolve({ child, admin: AdminClient.forStateDir(ready.adminUrl, stateDir), stderr: () => err, exited });
    });
    void exited.then((code) => { clearTimeout(timer); reject(new Error(`engine exited (${code}) before ready; stderr:\n${err}`)); });
  });
}

/** Runs the engine expecting it to fail at start; resolves exit code and stderr (30 s bound). */
export function runEngineExpectingFailure(stateDir: string): Promise<{ code: number | string; stderr: string; stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [ENGINE_MAIN, '--state-dir', stateDir, '--admin-port', '0', '--log-level', 'warn'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let stdout = '';
    child.stderr.on('data', (d) => { stderr += d; });
    child.stdout.on('data', (d) => { stdout += d; });
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error('engine did not exit within 30 s')); }, 30_000);
    child.on('exit', (code, signal) => { clearTimeout(timer); resolve({ code: code ?? signal ?? -1, stderr, stdout }); });
  });
}
