import * as fs from 'fs';
import { Engine } from '../../../../provider/engine/engine';
import { createLogger } from '../../../../provider/engine/logging/logger';
import { AdminClient } from './admin-client';
import { tempDir } from './certs';

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
