import * as fs from 'fs';
import { tempDir } from '../../helpers/certs';
import { requireBuild, spawnEngine } from '../../helpers/engine-process';
import { AdminClient } from '../../helpers/admin-client';
import { QueryClient } from './query-client';

/** A real engine process with its ELB API on, and clients for both APIs. */
export interface ElbApiEngine {
  stateDir: string;
  api: QueryClient;
  admin: AdminClient;
  stderr(): string;
  stop(): Promise<void>;
}

/** Spawns the built engine with `--elb-api-port 0` (one serving process unless `workers` says otherwise). */
export async function startElbApiEngine(options: { workers?: number; stateDir?: string; extraArgs?: string[] } = {}): Promise<ElbApiEngine> {
  requireBuild();
  const stateDir = options.stateDir ?? tempDir('elb-api');
  const proc = await spawnEngine(stateDir, ['--workers', String(options.workers ?? 1), '--elb-api-port', '0', ...(options.extraArgs ?? [])]);
  return {
    stateDir,
    api: QueryClient.forStateDir(stateDir),
    admin: proc.admin,
    stderr: proc.stderr,
    stop: async () => {
      proc.child.kill('SIGTERM');
      const code = await proc.exited;
      if (!options.stateDir) fs.rmSync(stateDir, { recursive: true, force: true });
      if (code !== 0) throw new Error(`the engine exited with ${code}; stderr:\n${proc.stderr()}`);
    },
  };
}
