#!/usr/bin/env node
// The seclb Terraform provider plugin (protocol 6). Terraform starts it; nothing but the
// handshake line may ever reach stdout, so console output is routed to stderr first of all.
for (const k of ['log', 'info', 'debug'] as const) console[k] = console.error;

import { PluginError } from './errors';
import { readLaunchEnvironment } from './handshake';
import { createPluginLogger } from './plugin-logger';
import { startPluginServer } from './plugin-server';

const PROVIDER_ADDRESS = 'registry.terraform.io/cdktf-secure-elb/seclb';

/**
 * Runs the plugin: checks the launch environment, serves gRPC, prints the handshake line, and
 * exits on GRPCController/Shutdown, SIGTERM, or when Terraform (the parent) is gone. SIGINT is
 * ignored: Terraform sends StopProvider instead and waits for running operations. Standard input
 * is never read (it is the user's terminal). With `--debug`, skips the cookie, serves plaintext
 * and prints the TF_REATTACH_PROVIDERS value on stderr.
 */
export async function runPlugin(argv: string[], env: NodeJS.ProcessEnv): Promise<void> {
  const debug = argv.includes('--debug');
  const launch = debug ? {} : readLaunchEnvironment(env);
  const logger = createPluginLogger(env);
  if ('protocolWarning' in launch && launch.protocolWarning) process.stderr.write(`${launch.protocolWarning}\n`);
  process.on('SIGINT', () => logger.info('SIGINT ignored: Terraform sends StopProvider'));
  // A stray asynchronous failure must not kill the process mid-command (Terraform would report
  // "Plugin did not respond"): log it; RPCs report their own failures as diagnostics.
  process.on('uncaughtException', (e) => logger.error({ err: e?.stack ?? String(e) }, 'uncaught exception'));
  process.on('unhandledRejection', (e) => logger.error({ err: (e as Error)?.stack ?? String(e) }, 'unhandled rejection'));
  const plugin = await startPluginServer({ launch, logger, onExit: (code) => process.exit(code) });
  process.on('SIGTERM', () => plugin.stop('SIGTERM'));
  const parent = process.ppid;
  setInterval(() => { if (process.ppid !== parent) plugin.stop('parent process gone'); }, 1000).unref();
  if (debug) {
    const reattach = { [PROVIDER_ADDRESS]: { Protocol: 'grpc', ProtocolVersion: 6, Pid: process.pid, Test: true, Addr: { Network: 'unix', String: plugin.socketPath } } };
    process.stderr.write(`TF_REATTACH_PROVIDERS='${JSON.stringify(reattach)}'\n`);
  } else {
    process.stdout.write(plugin.handshake);
  }
}

runPlugin(process.argv.slice(2), process.env).catch((e) => {
  const text = e instanceof PluginError ? e.message : `SECLB_PLUGIN_START_FAILED: ${(e as Error)?.message ?? String(e)}`;
  process.stderr.write(`${text.replace(/\s*\n\s*/g, ' ')}\n`);
  process.exit(1);
});
