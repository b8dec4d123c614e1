/**
 * Error codes of the admin API client (`provider/deploy/engine-client/`): what goes wrong before an
 * answer of the engine exists. An answer the engine refused keeps the engine's own code
 * (`SECLB_ENGINE_*`). Never reuse or rename one; the code leads every message.
 */
export const ENGINE_CLIENT_CODES = {
  /** The state directory holds no admin token or no engine.json: no engine was started there. */
  ENGINE_NOT_STARTED: 'SECLB_DEPLOY_ENGINE_NOT_STARTED',
  /** The admin address is not a loopback http:// URL. */
  ADMIN_NOT_LOOPBACK: 'SECLB_DEPLOY_ADMIN_NOT_LOOPBACK',
  /** The engine did not answer (not running, wrong address, connection reset). */
  ENGINE_UNREACHABLE: 'SECLB_DEPLOY_ENGINE_UNREACHABLE',
  /**
   * The prefix of `SECLB_DEPLOY_ENGINE_HTTP_<status>`: the engine answered an error status without
   * a code of its own (a body that is not the admin API's error answer).
   */
  ENGINE_HTTP_PREFIX: 'SECLB_DEPLOY_ENGINE_HTTP_',
} as const;
