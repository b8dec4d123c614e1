import * as fs from 'fs';
import { Engine } from '../../../../provider/engine/engine';
import { createLogger } from '../../../../provider/engine/logging/logger';
import { AdminClient } from './admin-client';
import { tempDir } from './certs';
import { requireBuild, spawnEngine } from './engine-process';

/** An in-process engine on a temp state dir, with an authenticated admin client. */
export interface EngineHarness {
  engine: Engine;
  admin: AdminClient;
  stateDir: string;
  stop(): Promise<void>;
}

/** Starts an engine in-process (logs silent unless SECLB_TEST_LOG is set, or captured as JSON lines into `captureLogs`). */
export async function startEngine(opts: { stateDir?: string; healthCheckTimeScale?: number; captureLogs?: string[] } = {}): Promise<EngineHarness> {
  const stateDir = opts.stateDir ?? tempDir('state');
  const capture = opts.captureLogs;
  const logger = capture
    ? createLogger('debug', { write: (line: string) => { capture.push(line); } })
    : createLogger(process.env.SECLB_TEST_LOG ?? 'silent');
  const engine = new Engine({ stateDir, adminPort: 0, healthCheckTimeScale: opts.healthCheckTimeScale ?? 0.02, logger });
  const ready = await engine.start();
  const admin = AdminClient.forStateDir(ready.adminUrl, stateDir);
  return {
    engine, admin, stateDir,
    stop: async () => {
      await engine.stop();
      if (!opts.stateDir) fs.rmSync(stateDir, { recursive: true, force: true });
    },
  };
}

/** What a test of traffic behaviour needs from an engine, whichever way it runs. */
export interface ServingEngine {
  admin: AdminClient;
  stateDir: string;
  stop(): Promise<void>;
}

/** The two ways an engine serves traffic; tests of observable behaviour run under both. */
export const SERVING_MODES: ReadonlyArray<[string, number]> = [['one process', 1], ['two worker processes', 2]];

/**
 * An engine serving with `workers` processes: in-process for 1 (`startEngine`), otherwise the built
 * engine spawned with `--workers N` (health checks scaled by 0.02 either way).
 */
export async function startServingEngine(workers: number): Promise<ServingEngine> {
  if (workers === 1) return startEngine();
  requireBuild();
  const stateDir = tempDir('state');
  const proc = await spawnEngine(stateDir, ['--workers', String(workers)]);
  return {
    admin: proc.admin,
    stateDir,
    stop: async () => {
      proc.child.kill('SIGTERM');
      const code = await proc.exited;
      fs.rmSync(stateDir, { recursive: true, force: true });
      if (code !== 0) throw new Error(`the engine exited with ${code}; stderr:\n${proc.stderr()}`);
    },
  };
}
