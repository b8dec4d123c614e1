import { TlsCapabilities } from '../../../lib/policy/tls/tls-capabilities';
import { DataPlane } from '../data-plane/data-plane';
import { DataPlaneDriver } from '../data-plane/data-plane-driver';
import { HealthChecker } from '../health/health-checker';
import { HttpBackend } from '../backends/http-backend';
import { HttpFront } from '../listeners/http-front';
import { EngineLogger } from '../logging/logger';
import { WorkerPool } from '../workers/worker-pool';

/** What the engine's data plane starts with. */
export interface DataPlaneStart {
  /** 1 serves from this process; N > 1 forks N workers. */
  readonly workerCount: number;
  /** The test-only health-check time scale (1 for users). */
  readonly timeScale: number;
  readonly logger: EngineLogger;
  /** The workers' log level. @default - the level of `logger` */
  readonly workerLogLevel?: string;
  readonly capabilities: TlsCapabilities;
  /** Where access logs are written. */
  readonly accessLogRoot: string;
  /** The engine's state directory (workers record their pids there). */
  readonly stateDir: string;
  /** The client side of HTTP/HTTPS listeners (`EngineOptions.httpFront`). */
  readonly httpFront: HttpFront;
  /** The client from HTTP/HTTPS listeners to back ends (`EngineOptions.httpBackend`). */
  readonly httpBackend: HttpBackend;
}

/**
 * Starts the data plane: in this process (health checks here too) for one worker, else a pool of
 * worker processes behind this one (which keeps the health checks and feeds them their results).
 */
export async function startDataPlane(start: DataPlaneStart): Promise<DataPlaneDriver> {
  if (start.workerCount > 1) {
    return WorkerPool.start({
      count: start.workerCount, logger: start.logger, logLevel: start.workerLogLevel ?? start.logger.level, healthCheckTimeScale: start.timeScale,
      capabilities: start.capabilities, accessLogRoot: start.accessLogRoot, stateDir: start.stateDir, httpFront: start.httpFront, httpBackend: start.httpBackend,
    });
  }
  return new DataPlane({
    logger: start.logger,
    healthSources: (plan, counters, onPinFailure, onChange) => new HealthChecker(plan, start.timeScale, counters, start.logger, onPinFailure, onChange),
    accessLog: { root: start.accessLogRoot },
    httpFront: start.httpFront,
    httpBackend: start.httpBackend,
  });
}
