import pino from 'pino';

/** The engine's logger type (pino). */
export type EngineLogger = pino.Logger;

/**
 * Paths that may hold private keys or tokens. They are censored wherever they appear, as a second
 * line of defence: the engine never passes key material to the logger on purpose.
 */
const REDACT = [
  'key', '*.key', '*.*.key', 'privateKey', '*.privateKey', 'token', '*.token',
  'headers.authorization', '*.headers.authorization', 'body.key', 'document.key',
];

/**
 * Structured JSON logs on stderr (fd 2), synchronous so nothing is lost on exit.
 *
 * @param level pino level; `SECLB_LOG_LEVEL` overrides the default `info`
 * @param destination where lines go instead of stderr (tests capture logs this way)
 */
export function createLogger(level?: string, destination?: pino.DestinationStream): EngineLogger {
  return pino({
    name: 'seclb-engine',
    level: level ?? process.env.SECLB_LOG_LEVEL ?? 'info',
    redact: { paths: REDACT, censor: '[redacted]' },
    base: { pid: process.pid },
  }, destination ?? pino.destination({ dest: 2, sync: true }));
}
