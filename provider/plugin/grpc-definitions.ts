import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { existsSync } from 'fs';
import { join } from 'path';
import { PACKAGE_ROOT } from '../version';
import { PluginErrors } from './errors';

/** The gRPC service definitions the plugin serves. */
export interface PluginServiceDefinitions {
  /** `tfplugin6.Provider`. */
  readonly provider: grpc.ServiceDefinition;
  /** `plugin.GRPCController` (Shutdown). */
  readonly controller: grpc.ServiceDefinition;
  /** `plugin.GRPCStdio`. */
  readonly stdio: grpc.ServiceDefinition;
  /** `grpc.health.v1.Health`. */
  readonly health: grpc.ServiceDefinition;
}

/** Where the .proto files live (shipped as sources next to the package's build output). */
export const PROTO_DIRECTORY = join(PACKAGE_ROOT, 'provider', 'plugin', 'proto');

/**
 * Loads the hand-written .proto files with @grpc/proto-loader: field names as written
 * (`keepCase`), int64 as JS numbers, enums as numbers, defaults filled in, oneofs named.
 */
export function loadPluginServices(directory: string = PROTO_DIRECTORY): PluginServiceDefinitions {
  const files = ['tfplugin6.proto', 'go-plugin.proto', 'health.proto'].map((f) => join(directory, f));
  const missing = files.filter((f) => !existsSync(f));
  if (missing.length) throw PluginErrors.startFailed(`missing ${missing.join(', ')}`);
  const definition = protoLoader.loadSync(files, { keepCase: true, longs: Number, enums: Number, defaults: true, oneofs: true });
  const pkg = grpc.loadPackageDefinition(definition) as any;
  return {
    provider: pkg.tfplugin6.Provider.service,
    controller: pkg.plugin.GRPCController.service,
    stdio: pkg.plugin.GRPCStdio.service,
    health: pkg.grpc.health.v1.Health.service,
  };
}
