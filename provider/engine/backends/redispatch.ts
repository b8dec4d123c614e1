import { ENGINE_LOG_CODES } from '../errors';
import { BackendTarget } from './backend-target';

/**
 * At most this many other instances are tried for one request (HTTP/HTTPS) or connection
 * (TCP/SSL) whose instance refused or reset the connection before anything was written to it. Also
 * bounded by the InService instances not tried yet. (HAProxy's `option redispatch` retries the same
 * way, only for connections that failed before the request went out.)
 */
export const MAX_REDISPATCHES = 2;

/** Error codes meaning the instance refused, reset or closed the connection. */
const REFUSED_OR_RESET = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ECONNABORTED', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_SOCKET', ENGINE_LOG_CODES.BACKEND_CLOSED as string]);

/**
 * True when `err` says the instance refused, reset or closed the connection. Only meaningful for a
 * failure that came before any request byte was written: the caller knows that, this does not.
 * Back-end authentication refusals (`SECLB_ENGINE_BACKEND_*`), timeouts and the engine's own
 * aborts are not among them, so they are never sent elsewhere.
 */
export function refusedOrReset(err: { code?: string } | null | undefined): boolean {
  return REFUSED_OR_RESET.has(err?.code ?? '');
}

/**
 * The instance to send a refused request or connection to next: one of `inService` not in
 * `tried`, preferring those not suspect, chosen by the listener's own balancer; undefined when
 * none is left.
 */
export function redispatchTarget(inService: readonly BackendTarget[], tried: readonly string[], isSuspect: (instanceId: string) => boolean,
  pick: (candidates: readonly BackendTarget[]) => BackendTarget | undefined): BackendTarget | undefined {
  const untried = inService.filter((t) => !tried.includes(t.instanceId));
  if (untried.length === 0) return undefined;
  const trusted = untried.filter((t) => !isSuspect(t.instanceId));
  return pick(trusted.length > 0 ? trusted : untried);
}
