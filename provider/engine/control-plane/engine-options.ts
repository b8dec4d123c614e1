import { TlsCapabilities } from '../../../lib/policy/tls/tls-capabilities';
import { EngineErrors } from '../errors';
import { EngineLogger } from '../logging/logger';
import { DEFAULT_HTTP_BACKEND, HTTP_BACKENDS, HttpBackend } from '../backends/http-backend';
import { DEFAULT_HTTP_FRONT, HTTP_FRONTS, HttpFront } from '../listeners/http-front';

/** Options of an engine. */
export interface EngineOptions {
  /** Directory for state.json and admin-token; created (0700) when missing. */
  readonly stateDir: string;
  /**
   * Admin API port on 127.0.0.1.
   * @default 0 - an ephemeral port, reported by `start()`
   */
  readonly adminPort?: number;
  /** A logger; @default - pino on stderr */
  readonly logger?: EngineLogger;
  /**
   * TEST ONLY: multiplies every health-check interval and timeout (0 < scale ≤ 1) so tests need not
   * wait real seconds. Never set by users; documented in docs/admin-api.md.
   * @default 1
   */
  readonly healthCheckTimeScale?: number;
  /** Overrides the TLS capability probe (tests). @default - probed at start */
  readonly capabilities?: TlsCapabilities;
  /**
   * Processes serving traffic. 1 runs the data plane in this process; N > 1 forks N workers
   * (`WorkerPool`) behind this process, which keeps the admin API, the state and the health checks.
   * @default 1 (the `seclb-engine` command defaults to the number of CPUs)
   */
  readonly workers?: number;
  /** The workers' log level (multi-worker only). @default - the level of `logger` */
  readonly workerLogLevel?: string;
  /**
   * Port of the ELB/IAM Query API on 127.0.0.1 (0 = ephemeral); docs/elb-api.md.
   * @default - no ELB API
   */
  readonly elbApiPort?: number;
  /**
   * The instance address file of the ELB API (instance id -> loopback address).
   * @default - `<stateDir>/instance-addresses.json`
   */
  readonly instanceAddressesFile?: string;
  /**
   * Which code reads HTTP/1.1 from clients on HTTP and HTTPS listeners: `lean` (Node's llhttp
   * parser driven directly) or `node` (Node's `http.Server`, the earlier client side).
   * @default 'lean'
   */
  readonly httpFront?: HttpFront;
  /**
   * Which client carries HTTP/1.1 requests to back ends: `lean` (the engine's own, on Node's llhttp
   * parser) or `undici` (undici's `Client`, the earlier back-end side).
   * @default 'lean'
   */
  readonly httpBackend?: HttpBackend;
}

/** The most workers an engine forks. */
export const MAX_WORKERS = 64;

/** What `start()` reports; main.ts prints it as one JSON line. */
export interface EngineReady {
  readonly adminUrl: string;
  readonly pid: number;
  readonly stateDir: string;
  readonly version: string;
  /** Processes serving traffic (1 = this process). */
  readonly workers: number;
  /** The ELB/IAM Query API's URL, when started (`elbApiPort`). */
  readonly elbApiUrl?: string;
}

/** The checked numbers of `EngineOptions`: the health-check time scale and the count of serving processes. */
export interface ResolvedEngineOptions {
  readonly timeScale: number;
  readonly workerCount: number;
}

/** Checks the options that have a range (SECLB_ENGINE_BAD_OPTION when out of it) and fills their defaults. */
export function resolveEngineOptions(options: EngineOptions): ResolvedEngineOptions {
  const scale = options.healthCheckTimeScale ?? 1;
  if (!(scale > 0 && scale <= 1)) throw EngineErrors.badOption('healthCheckTimeScale', String(scale), 'a test-only factor with 0 < scale <= 1', '1');
  const workers = options.workers ?? 1;
  if (!Number.isInteger(workers) || workers < 1 || workers > MAX_WORKERS) {
    throw EngineErrors.badOption('workers', String(options.workers), `a whole number of processes from 1 to ${MAX_WORKERS} (1 = serve from the engine process itself)`, '2');
  }
  if (options.httpFront !== undefined) checkChoice('httpFront', options.httpFront, HTTP_FRONTS, DEFAULT_HTTP_FRONT);
  if (options.httpBackend !== undefined) checkChoice('httpBackend', options.httpBackend, HTTP_BACKENDS, DEFAULT_HTTP_BACKEND);
  return { timeScale: scale, workerCount: workers };
}

/**
 * `value` of `option` (a property, or a command-line flag) as one of `allowed`; anything else is
 * SECLB_ENGINE_BAD_OPTION naming the choices, with `example` as the fix.
 */
export function checkChoice<T extends string>(option: string, value: unknown, allowed: readonly T[], example: T): T {
  if (!(allowed as readonly unknown[]).includes(value)) throw EngineErrors.badOption(option, String(value), `one of ${allowed.join(', ')}`, example);
  return value as T;
}
