import { PluginErrors } from './errors';

/** go-plugin's magic cookie for Terraform (the same for protocols 5 and 6, and in OpenTofu). */
export const TF_MAGIC_COOKIE_KEY = 'TF_PLUGIN_MAGIC_COOKIE';
/** Its value. */
export const TF_MAGIC_COOKIE_VALUE = 'd602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2';
/** The application protocol this plugin speaks. */
export const PROTOCOL_VERSION = 6;

/** What the launch environment asks of the plugin. */
export interface LaunchRequest {
  /** Terraform's AutoMTLS client certificate (PEM), when TLS is on. */
  readonly clientCertPem?: string;
  /** Directory for the unix socket (PLUGIN_UNIX_SOCKET_DIR), when the host chose one. */
  readonly socketDirectory?: string;
  /** A warning for stderr when the host did not offer protocol 6 (answered with 6 anyway, as go-plugin does). */
  readonly protocolWarning?: string;
}

/**
 * Checks the go-plugin launch environment (tfplugin6.md §1.2-1.3): throws when the magic cookie is
 * missing or wrong (the program was not started by Terraform).
 */
export function readLaunchEnvironment(env: NodeJS.ProcessEnv): LaunchRequest {
  if (env[TF_MAGIC_COOKIE_KEY] !== TF_MAGIC_COOKIE_VALUE) throw PluginErrors.notStartedByTerraform();
  const offered = env.PLUGIN_PROTOCOL_VERSIONS ?? '';
  const versions = offered.split(',').map((v) => v.trim());
  return {
    clientCertPem: env.PLUGIN_CLIENT_CERT || undefined,
    socketDirectory: env.PLUGIN_UNIX_SOCKET_DIR || undefined,
    protocolWarning: versions.includes(String(PROTOCOL_VERSION)) ? undefined : PluginErrors.protocolUnsupported(offered).message,
  };
}

/**
 * The handshake line (`CORE|APP|NETWORK|ADDRESS|PROTOCOL|CERT`, §1.5): core 1, protocol 6, a unix
 * socket path, grpc, and the server certificate's DER in base64 without `=` padding (empty
 * without AutoMTLS).
 */
export function handshakeLine(socketPath: string, certDer?: Buffer): string {
  const cert = certDer ? certDer.toString('base64').replace(/=+$/, '') : '';
  return `1|${PROTOCOL_VERSION}|unix|${socketPath}|grpc|${cert}\n`;
}
