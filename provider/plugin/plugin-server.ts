import * as grpc from '@grpc/grpc-js';
import { X509Certificate } from 'crypto';
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import type { Logger } from 'pino';
import { PluginErrors } from './errors';
import { loadPluginServices } from './grpc-definitions';
import { handshakeLine, LaunchRequest } from './handshake';
import { ProviderService } from './provider-service';
import { issuePluginCertificate } from './tls/self-signed-certificate';

/** A running plugin server. */
export interface RunningPlugin {
  /** The unix socket the server listens on. */
  readonly socketPath: string;
  /** The line to print on stdout (handshake), or to show in debug mode. */
  readonly handshake: string;
  /** Stops serving, removes the socket, and calls `onExit`. */
  stop(reason: string): void;
}

/** Options of `startPluginServer`. */
export interface PluginServerOptions {
  /** From `readLaunchEnvironment` (or an empty request in debug mode: plaintext). */
  readonly launch: LaunchRequest;
  /** Stderr logger. */
  readonly logger: Logger;
  /** Called once the server has stopped (the process entry exits there). */
  readonly onExit: (code: number) => void;
}

const MAX_MESSAGE = 256 * 1024 * 1024;

/**
 * Starts the gRPC server a go-plugin host talks to (tfplugin6.md §1-2): `tfplugin6.Provider`,
 * `plugin.GRPCController` (Shutdown: answer, stop, exit 0), `plugin.GRPCStdio` (held open, never
 * written: nothing the plugin prints is for the user), `grpc.health.v1.Health` (SERVING), on a
 * unix socket in a fresh temporary directory, with AutoMTLS when a client certificate was given.
 * Resolves once the server accepts connections.
 */
export async function startPluginServer(options: PluginServerOptions): Promise<RunningPlugin> {
  const { launch, logger } = options;
  const services = loadPluginServices();
  let credentials = grpc.ServerCredentials.createInsecure();
  let certDer: Buffer | undefined;
  if (launch.clientCertPem) {
    try {
      new X509Certificate(launch.clientCertPem);
    } catch (e) {
      throw PluginErrors.badClientCert((e as Error).message);
    }
    const own = issuePluginCertificate();
    certDer = own.certDer;
    credentials = grpc.ServerCredentials.createSsl(Buffer.from(launch.clientCertPem),
      [{ private_key: Buffer.from(own.keyPem), cert_chain: Buffer.from(own.certPem) }], true);
  }

  const server = new grpc.Server({ 'grpc.max_receive_message_length': MAX_MESSAGE, 'grpc.max_send_message_length': MAX_MESSAGE });
  const streams = new Set<grpc.ServerWritableStream<unknown, unknown>>();
  const hold = (call: grpc.ServerWritableStream<unknown, unknown>) => {
    streams.add(call);
    call.on('cancelled', () => streams.delete(call));
    call.on('close', () => streams.delete(call));
  };
  let stopping = false;
  let directory: string;
  try {
    directory = mkdtempSync(join(launch.socketDirectory ?? tmpdir(), 'plugin'));
  } catch (e) {
    throw PluginErrors.listenFailed(join(launch.socketDirectory ?? tmpdir(), 'plugin*'), (e as Error).message);
  }
  const socketPath = join(directory, 'p.sock');
  const stop = (reason: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ reason }, 'stopping');
    for (const s of streams) s.end();
    const done = () => {
      rmSync(directory, { recursive: true, force: true });
      options.onExit(0);
    };
    const force = setTimeout(() => { server.forceShutdown(); done(); }, 1000);
    force.unref();
    server.tryShutdown(() => { clearTimeout(force); done(); });
  };

  server.addService(services.provider, new ProviderService(logger).implementation());
  server.addService(services.controller, {
    Shutdown: (_call: unknown, callback: grpc.sendUnaryData<object>) => {
      callback(null, {});
      setImmediate(() => stop('GRPCController/Shutdown'));
    },
  });
  server.addService(services.stdio, { StreamStdio: hold });
  server.addService(services.health, {
    Check: (_call: unknown, callback: grpc.sendUnaryData<object>) => callback(null, { status: 1 }),
    Watch: (call: grpc.ServerWritableStream<unknown, unknown>) => { hold(call); call.write({ status: 1 }); },
  });

  await new Promise<void>((resolve, reject) => {
    server.bindAsync(`unix://${socketPath}`, credentials, (err) => {
      if (err) {
        rmSync(directory, { recursive: true, force: true });
        reject(PluginErrors.listenFailed(socketPath, err.message));
      } else {
        resolve();
      }
    });
  });
  return { socketPath, handshake: handshakeLine(socketPath, certDer), stop };
}
