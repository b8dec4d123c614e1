import pino, { Logger } from 'pino';

const LEVELS: { [tf: string]: string } = { TRACE: 'trace', JSON: 'trace', DEBUG: 'debug', INFO: 'info', WARN: 'warn', ERROR: 'error', OFF: 'silent' };

/**
 * The pino level for Terraform's logging variables: `TF_LOG_PROVIDER`, else `TF_LOG`
 * (TRACE, DEBUG, INFO, WARN, ERROR, JSON, OFF); `warn` when neither is set, since Terraform
 * shows provider logs only when one of them is.
 */
export function pluginLogLevel(env: NodeJS.ProcessEnv = process.env): string {
  const value = (env.TF_LOG_PROVIDER || env.TF_LOG || '').trim().toUpperCase();
  return LEVELS[value] ?? 'warn';
}

/**
 * A logger that writes hclog-style JSON lines to stderr (`@level`, `@message`, `@timestamp` with
 * six fractional digits), which Terraform re-emits in its own log as
 * `[LEVEL] provider.terraform-provider-seclb...: message: key=value`. Never stdout: that carries
 * only the handshake line.
 */
export function createPluginLogger(env: NodeJS.ProcessEnv = process.env): Logger {
  return pino({
    level: pluginLogLevel(env),
    base: { '@module': 'seclb' },
    messageKey: '@message',
    timestamp: () => `,"@timestamp":"${new Date().toISOString().replace(/\.(\d{3})Z$/, '.$1000Z')}"`,
    formatters: { level: (label) => ({ '@level': label === 'fatal' ? 'error' : label }) },
  }, pino.destination({ fd: 2, sync: true }));
}
