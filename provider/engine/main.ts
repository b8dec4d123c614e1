#!/usr/bin/env node
import { Command } from 'commander';
import * as os from 'os';
import { SECLB_VERSION } from '../version';
import { Engine, MAX_WORKERS } from './engine';
import { ENGINE_CODES, EngineErrors, SeclbError } from './errors';
import { DEFAULT_HTTP_BACKEND, HTTP_BACKENDS } from './backends/http-backend';
import { DEFAULT_HTTP_FRONT, HTTP_FRONTS } from './listeners/http-front';
import { checkChoice } from './control-plane/engine-options';
import { createLogger } from './logging/logger';

/**
 * `node build/provider/engine/main.js --state-dir DIR [--admin-port 0] [--workers N]`
 *
 * Starts the engine: this process keeps the admin API, the state and the health checks, and N
 * worker processes serve traffic (default: one per CPU; `--workers 1` serves from this process).
 * Prints one JSON line on stdout when ready
 * (`{"event":"ready","adminUrl":...,"pid":...}`), logs JSON on stderr, and stops cleanly on
 * SIGTERM/SIGINT. A corrupt state file or an unbindable port is an error exit (status 1) with the
 * reason on stderr; the engine never starts empty in place of a damaged state.
 */
/**
 * The most workers started without `--workers`: each is a full Node.js process (~65 MiB at rest),
 * and a local engine on a many-core machine rarely needs more.
 */
const DEFAULT_MAX_WORKERS = 8;

async function main(argv: string[]): Promise<void> {
  const program = new Command()
    .name('seclb-engine')
    .version(SECLB_VERSION)
    .requiredOption('--state-dir <dir>', 'directory for state.json and admin-token (created 0700)')
    .option('--admin-port <port>', 'admin API port on 127.0.0.1 (0 = ephemeral)', '0')
    .option('--workers <n>', `processes serving traffic: 1 = this process, N > 1 = N forked workers (default: one per CPU, at most ${DEFAULT_MAX_WORKERS})`,
      String(Math.min(os.availableParallelism(), DEFAULT_MAX_WORKERS)))
    .option('--http-front <kind>', `what reads HTTP/1.1 from clients: ${HTTP_FRONTS.join(' or ')} (lean = Node's parser driven directly; node = Node's http.Server)`, DEFAULT_HTTP_FRONT)
    .option('--http-backend <kind>', `what carries HTTP/1.1 requests to back ends: ${HTTP_BACKENDS.join(' or ')} (lean = the engine's own client on Node's parser; undici = undici's Client)`, DEFAULT_HTTP_BACKEND)
    .option('--log-level <level>', 'pino log level', process.env.SECLB_LOG_LEVEL ?? 'info')
    .option('--elb-api-port <port>', 'serve the ELB/IAM Query API on this 127.0.0.1 port (0 = ephemeral; docs/elb-api.md); off when not given')
    .option('--instance-addresses <file>', 'the ELB API\'s instance address file (default: <state-dir>/instance-addresses.json)')
    .option('--health-check-time-scale <factor>', 'TEST ONLY: scale health-check intervals and timeouts (0 < f <= 1)', '1')
    .parse(argv);
  const opts = program.opts<{ stateDir: string; adminPort: string; workers: string; httpFront: string; httpBackend: string; logLevel: string; healthCheckTimeScale: string; elbApiPort?: string; instanceAddresses?: string }>();
  const logger = createLogger(opts.logLevel);
  const adminPort = Number(opts.adminPort);
  if (!Number.isInteger(adminPort) || adminPort < 0 || adminPort > 65535) {
    throw EngineErrors.badOption('--admin-port', opts.adminPort, 'a port 0-65535 on 127.0.0.1 (0 = ephemeral)', '0');
  }
  const elbApiPort = opts.elbApiPort === undefined ? undefined : Number(opts.elbApiPort);
  if (elbApiPort !== undefined && !(Number.isInteger(elbApiPort) && elbApiPort >= 0 && elbApiPort <= 65535)) {
    throw EngineErrors.badOption('--elb-api-port', String(opts.elbApiPort), 'a port 0-65535 on 127.0.0.1 (0 = ephemeral)', '0');
  }
  const workers = /^\d+$/.test(opts.workers) ? Number(opts.workers) : NaN;
  if (!(workers >= 1 && workers <= MAX_WORKERS)) {
    throw EngineErrors.badOption('--workers', opts.workers, `a whole number of processes from 1 to ${MAX_WORKERS} (1 = serve from the engine process itself)`, '2');
  }
  const httpFront = checkChoice('--http-front', opts.httpFront, HTTP_FRONTS, DEFAULT_HTTP_FRONT);
  const httpBackend = checkChoice('--http-backend', opts.httpBackend, HTTP_BACKENDS, DEFAULT_HTTP_BACKEND);
  const engine = new Engine({ stateDir: opts.stateDir, adminPort, logger, healthCheckTimeScale: Number(opts.healthCheckTimeScale), workers, workerLogLevel: opts.logLevel, httpFront, httpBackend,
    ...(elbApiPort !== undefined ? { elbApiPort } : {}), ...(opts.instanceAddresses ? { instanceAddressesFile: opts.instanceAddresses } : {}) });
  const ready = await engine.start();
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping');
    engine.stop().then(() => process.exit(0), (e) => { logger.error({ err: (e as Error).message }, 'stop failed'); process.exit(1); });
  };
  // Handlers first, then the ready line: a supervisor may signal as soon as it reads the line, and
  // on a loaded machine this process can be descheduled right after writing it.
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  process.stdout.write(`${JSON.stringify({ event: 'ready', ...ready })}\n`);
}

main(process.argv).catch((e) => {
  const code = e instanceof SeclbError ? e.code : ENGINE_CODES.START_FAILED;
  process.stderr.write(`${JSON.stringify({ level: 60, time: Date.now(), name: 'seclb-engine', code, msg: (e as Error).message })}\n`);
  process.exit(1);
});
