import { writeFileSync } from 'fs';
import { join } from 'path';
import { connectToEngine } from '../../../../provider/deploy/engine-client/engine-connection';
import { EngineAdminClient } from '../../../../provider/deploy/engine-client/engine-admin-client';
import { EngineHarness, startEngine } from '../../engine/helpers/engine-harness';
import { freePort } from '../../engine/helpers/backends';

/** An in-process engine that the seclb provider finds through `<stateDir>/engine.json`. */
export interface LocalEngine {
  /** The engine harness (stop it in afterAll). */
  readonly harness: EngineHarness;
  /** The state directory the provider block names. */
  readonly stateDirectory: string;
  /** The admin base URL. */
  readonly adminUrl: string;
  /** The same admin client the provider uses, for changes "made outside Terraform". */
  readonly client: EngineAdminClient;
}

/**
 * Starts an engine in-process and writes `engine.json` (`{ adminUrl }`) into its state directory,
 * as `seclb engine start` will.
 */
export async function startLocalEngine(): Promise<LocalEngine> {
  const harness = await startEngine();
  const adminUrl = harness.admin.url;
  writeFileSync(join(harness.stateDir, 'engine.json'), JSON.stringify({ adminUrl }));
  return { harness, stateDirectory: harness.stateDir, adminUrl, client: connectToEngine({ stateDirectory: harness.stateDir }) };
}

/** A TCP port on 127.0.0.1 that was free a moment ago (the engine tests' helper). */
export { freePort };
