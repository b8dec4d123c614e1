import * as fs from 'fs';
import * as path from 'path';
import { EngineLogger } from '../logging/logger';
import { writeFileAtomic } from '../state/atomic-file';

/** `<stateDir>/workers.pid`: the pids of the running engine's workers (0600), one per line. */
export function workerPidFile(stateDir: string): string {
  return path.join(stateDir, 'workers.pid');
}

/** Records the workers' pids (after start and after every replacement). */
export function recordWorkerPids(stateDir: string, pids: readonly number[]): void {
  writeFileAtomic(workerPidFile(stateDir), `${pids.join('\n')}\n`, 0o600);
}

/** Removes the record (clean stop). */
export function forgetWorkerPids(stateDir: string): void {
  fs.rmSync(workerPidFile(stateDir), { force: true });
}

/** How long a killed engine's workers get to notice and exit before they are killed. */
const GRACE_MS = 5_000;

/**
 * Waits until the workers of a previous engine on this state directory are gone. When an engine
 * is killed (SIGKILL), its workers notice the closed channel and exit on their own, but a moment
 * later: a restarted engine would otherwise find its ports still held. A worker still running after
 * the grace period is killed (it serves a dead engine's revision). Only processes that are engine
 * workers (by their command line) are waited for or signalled, never a pid reused by something else.
 */
export async function awaitLeftoverWorkers(stateDir: string, logger: EngineLogger): Promise<void> {
  let text: string;
  try {
    text = fs.readFileSync(workerPidFile(stateDir), 'utf8');
  } catch {
    return;
  }
  const pids = text.split('\n').map(Number).filter((p) => Number.isInteger(p) && p > 1 && p !== process.pid);
  const alive = () => pids.filter(isEngineWorker);
  if (!alive().length) return;
  logger.info({ pids: alive() }, 'waiting for the workers of a previous engine on this state directory to exit');
  const deadline = Date.now() + GRACE_MS;
  while (alive().length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  for (const pid of alive()) {
    logger.warn({ pid }, 'a previous engine\'s worker did not exit; killing it');
    try { process.kill(pid, 'SIGKILL'); } catch { /* gone meanwhile */ }
  }
  const killDeadline = Date.now() + 2_000;
  while (alive().length && Date.now() < killDeadline) await new Promise((r) => setTimeout(r, 20));
}

function isEngineWorker(pid: number): boolean {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('worker-main.js');
  } catch {
    return false;
  }
}
