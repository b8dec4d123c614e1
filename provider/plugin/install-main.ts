#!/usr/bin/env node
// `seclb provider install` runs this program (the CLI and the plugin never import each other):
// one argument, the `InstallProviderOptions` as JSON; one line on stdout, `{"installed": ...}` or
// `{"error": {"code", "message"}}`; exit code 0 or 1.
import { installProvider, InstallProviderOptions } from './install';

/** Runs one install and prints its outcome as one JSON line; returns the exit code. */
export function runInstall(argv: string[]): number {
  try {
    const options = JSON.parse(argv[0] ?? '{}') as InstallProviderOptions;
    process.stdout.write(`${JSON.stringify({ installed: installProvider(options) })}\n`);
    return 0;
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    process.stdout.write(`${JSON.stringify({ error: { code: typeof code === 'string' ? code : undefined, message: (e as Error).message ?? String(e) } })}\n`);
    return 1;
  }
}

if (require.main === module) process.exitCode = runInstall(process.argv.slice(2));
