/**
 * An admin API request that the engine refused, or that never reached it. The engine's own error
 * code and findings are kept, so every front end (CLI, plugin) can show them as they are.
 */
export class EngineRequestError extends Error {
  /** Stable code: the engine's (`SECLB_ENGINE_*`) or `SECLB_DEPLOY_ENGINE_UNREACHABLE`. */
  public readonly code: string;
  /** HTTP status, or 0 when the engine could not be reached. */
  public readonly status: number;
  /** Findings the engine returned (validation errors with paths), if any. */
  public readonly findings: Array<Record<string, string>>;

  constructor(code: string, status: number, message: string, findings: Array<Record<string, string>> = []) {
    super(message);
    this.name = 'EngineRequestError';
    this.code = code;
    this.status = status;
    this.findings = findings;
  }

  /**
   * True when the engine refused a write because live state moved (409 with
   * `SECLB_ENGINE_STALE_REVISION`). Other 409s (`SECLB_ENGINE_PORT_IN_USE`, `SECLB_ENGINE_PORT_CONFLICT`,
   * `SECLB_ENGINE_CERTIFICATE_IN_USE`) are conflicts of another kind and are not stale.
   */
  public get isStale(): boolean {
    return this.status === 409 && this.code === 'SECLB_ENGINE_STALE_REVISION';
  }

  /** True when the thing asked for does not exist. */
  public get isNotFound(): boolean {
    return this.status === 404;
  }
}
