import { Command } from 'commander';
import { connectToEngine } from '../../deploy/engine-client/engine-connection';
import { CommandContext, GlobalOptions } from '../context';
import { CliErrors } from '../errors';
import { ENGINE_LOG_FILE, runningEngine, startEngineProcess, stopEngineProcess } from '../engine-process';
import { join } from 'path';

type Run = (action: (ctx: CommandContext, ...args: any[]) => Promise<number>) => (...args: any[]) => Promise<void>;

/** `seclb engine start|stop|status`: the engine as a background process of a state directory. */
export function engineCommand(run: Run): Command {
  const engine = new Command('engine').description('start, stop or inspect the local engine (a background process of the state directory)');

  engine.command('start')
    .description('start the engine in the background; writes engine.json (admin URL, pid) once it is ready')
    .option('--admin-port <port>', 'admin API port on 127.0.0.1 (0 = any free port)', '0')
    .option('--workers <n>', 'processes serving traffic (1 = the engine process itself; default: one per CPU, at most 8)')
    .option('--timeout <seconds>', 'how long to wait for the engine to be ready', '20')
    .option('--elb-api-port <port>', 'also serve the ELB/IAM Query API on this 127.0.0.1 port (0 = any free port); see `seclb elb-api credentials`')
    // Passed to the engine as given; the engine checks them (docs/admin-api.md), so their values are known in one place.
    .option('--http-front <kind>', 'what reads HTTP/1.1 from clients, passed to the engine (default: the engine\'s, lean; node = Node\'s http.Server)')
    .option('--http-backend <kind>', 'what carries HTTP/1.1 to instances, passed to the engine (default: the engine\'s, lean; undici = the undici client)')
    .action(run(async (ctx, opts: { adminPort: string; workers?: string; timeout: string; elbApiPort?: string; httpFront?: string; httpBackend?: string }) => {
      const dir = ctx.stateDirectory();
      const port = Number(opts.adminPort);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw CliErrors.badOption('--admin-port', opts.adminPort, 'a port 0-65535 (0 = any free port).', '0');
      const workers = opts.workers === undefined ? undefined : Number(opts.workers);
      if (workers !== undefined && !(Number.isInteger(workers) && workers >= 1 && workers <= 64)) {
        throw CliErrors.badOption('--workers', String(opts.workers), 'a whole number of processes from 1 to 64 (1 = serve from the engine process itself).', '1');
      }
      const elbApiPort = opts.elbApiPort === undefined ? undefined : Number(opts.elbApiPort);
      if (elbApiPort !== undefined && !(Number.isInteger(elbApiPort) && elbApiPort >= 0 && elbApiPort <= 65535)) {
        throw CliErrors.badOption('--elb-api-port', String(opts.elbApiPort), 'a port 0-65535 on 127.0.0.1 (0 = any free port).', '0');
      }
      const already = runningEngine(dir);
      if (already) {
        if (ctx.output.json) ctx.output.printJson({ running: true, alreadyRunning: true, stateDirectory: dir, ...already });
        else ctx.output.print(`engine already running: pid ${already.pid}, admin ${already.adminUrl} (state ${dir})`);
        return 0;
      }
      ctx.output.progress(`starting the engine (state ${dir})`);
      const info = await startEngineProcess(dir, { adminPort: port, workers, timeoutMs: Number(opts.timeout) * 1000, elbApiPort, httpFront: opts.httpFront, httpBackend: opts.httpBackend });
      ctx.output.done('engine ready');
      if (ctx.output.json) ctx.output.printJson({ running: true, stateDirectory: dir, logFile: join(dir, ENGINE_LOG_FILE), ...info });
      else ctx.output.print(`engine started: pid ${info.pid}, admin ${info.adminUrl}${info.elbApiUrl ? `, ELB API ${info.elbApiUrl}` : ''}\n  state ${dir}\n  log   ${join(dir, ENGINE_LOG_FILE)}`);
      return 0;
    }));

  engine.command('stop')
    .description('stop the engine (SIGTERM; listeners close) and remove engine.json')
    .action(run(async (ctx) => {
      const dir = ctx.stateDirectory();
      ctx.output.progress('stopping the engine');
      const pid = await stopEngineProcess(dir);
      ctx.output.done();
      if (ctx.output.json) ctx.output.printJson({ stopped: pid !== undefined, ...(pid === undefined ? {} : { pid }), stateDirectory: dir });
      else ctx.output.print(pid === undefined ? `no engine was running (state ${dir})` : `engine stopped (pid ${pid})`);
      return 0;
    }));

  engine.command('status')
    .description('is the engine running? (exit 0 running, 1 not running)')
    .action(run(async (ctx) => {
      const dir = ctx.stateDirectory();
      const info = runningEngine(dir);
      if (!info) {
        if (ctx.output.json) {
          ctx.output.printJson({ running: false, stateDirectory: dir });
          return 1;
        }
        throw CliErrors.engineNotRunning(dir);
      }
      const status = await connectToEngine({ stateDirectory: dir }).status();
      const names = (status.loadBalancers as string[] | undefined) ?? [];
      const workers = (status.workers as Array<{ id: number; pid: number; requestCount: number }> | undefined) ?? [];
      if (ctx.output.json) ctx.output.printJson({ running: true, stateDirectory: dir, ...info, engineRevision: status.engineRevision, loadBalancers: names, workers });
      else {
        const serving = workers.length === 1 && workers[0].id === 0 ? 'serving from the engine process' : `${workers.length} worker process(es): ${workers.map((w) => `pid ${w.pid}`).join(', ')}`;
        ctx.output.print(`engine running: pid ${info.pid}, admin ${info.adminUrl}, version ${info.version}, since ${info.startedAt}\n`
          + `  state ${dir}\n  ${serving}\n  engine revision ${String(status.engineRevision)}, ${names.length} load balancer(s)${names.length ? `: ${names.join(', ')}` : ''}`);
      }
      return 0;
    }));
  return engine;
}

/** Re-export for the program. */
export type { GlobalOptions };
