import { existsSync, readFileSync } from 'fs';
import { join, resolve } from 'path';
import { EngineAdminClient } from './engine-admin-client';
import { EngineRequestError } from './engine-request-error';
import { ENGINE_CLIENT_CODES } from './errors';

/** Where a front end finds the engine. */
export interface EngineLocation {
  /** The engine's state directory (default `.seclb` in the current directory). */
  readonly stateDirectory?: string;
  /** An explicit admin URL; otherwise read from `<stateDirectory>/engine.json`. */
  readonly adminAddress?: string;
}

/** The default state directory, relative to the current directory. */
export const DEFAULT_STATE_DIRECTORY = '.seclb';

/** The file `seclb engine start` writes once the engine is ready. */
export const ENGINE_INFO_FILE = 'engine.json';

/** The token file the engine keeps in its state directory. */
export const ADMIN_TOKEN_FILE = 'admin-token';

/**
 * Opens a client to the engine: the admin address from the option or from `engine.json`, the
 * token from `admin-token`, both in the state directory. Errors name the file and the fix.
 */
export function connectToEngine(location: EngineLocation = {}): EngineAdminClient {
  const stateDirectory = resolve(location.stateDirectory ?? DEFAULT_STATE_DIRECTORY);
  const tokenFile = join(stateDirectory, ADMIN_TOKEN_FILE);
  if (!existsSync(tokenFile)) {
    throw new EngineRequestError(ENGINE_CLIENT_CODES.ENGINE_NOT_STARTED, 0,
      `SECLB_DEPLOY_ENGINE_NOT_STARTED: no admin token at ${tokenFile}.\n`
      + '  Rule: the engine writes its admin token into its state directory when it starts.\n'
      + `  Fix: run \`seclb engine start --state-dir ${stateDirectory}\`, or point state_directory at the engine's directory.`);
  }
  const token = readFileSync(tokenFile, 'utf8').trim();
  let adminUrl = location.adminAddress;
  if (!adminUrl) {
    const infoFile = join(stateDirectory, ENGINE_INFO_FILE);
    if (!existsSync(infoFile)) {
      throw new EngineRequestError(ENGINE_CLIENT_CODES.ENGINE_NOT_STARTED, 0,
        `SECLB_DEPLOY_ENGINE_NOT_STARTED: no ${ENGINE_INFO_FILE} in ${stateDirectory}.\n`
        + '  Rule: `seclb engine start` records the running engine\'s admin address there.\n'
        + '  Fix: run `seclb engine start`, or give the admin address explicitly (admin_address / --admin-address).');
    }
    adminUrl = JSON.parse(readFileSync(infoFile, 'utf8')).adminUrl as string;
  }
  return new EngineAdminClient(adminUrl, token);
}
