import { SeclbError, seclbErrorBrand } from '../../../lib/contract/seclb-error';

/**
 * An admin API request that the engine refused, or that never reached it. The engine's own error
 * code, HTTP status and details (findings, port, owner, ...) are kept, so every front end (CLI,
 * plugin) can show them as they are.
 */
export class EngineRequestError extends SeclbError {
  /** This class's brand (`instanceof EngineRequestError` holds for relayed engine answers only). */
  public static readonly brand: string = seclbErrorBrand('EngineRequestError');

  /** Findings the engine returned (validation errors with paths), if any. */
  public readonly findings: Array<Record<string, string>>;

  /**
   * @param code the engine's (`SECLB_ENGINE_*`) or the client's own (`SECLB_DEPLOY_ENGINE_*`)
   * @param status the HTTP status, or 0 when the engine could not be reached
   * @param message the engine's message (it leads with the code; prefixed when it does not)
   * @param findings the findings of the answer
   * @param details everything else the answer carried beside code and message
   */
  constructor(code: string, status: number, message: string, findings: Array<Record<string, string>> = [], details?: Record<string, unknown>) {
    super(code, message, { httpStatus: status, details });
    this.findings = findings;
  }

  /** HTTP status, or 0 when the engine could not be reached (the same as `httpStatus`). */
  public get status(): number {
    return this.httpStatus;
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
