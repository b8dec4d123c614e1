#!/usr/bin/env node
/**
 * `seclb`: the command-line front end of the deploy core (see provider/cli/README.md).
 */
import { runCli } from './program';

runCli(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
}, (e) => {
  process.stderr.write(`SECLB_CLI_INTERNAL: ${(e as Error).stack ?? e}\n`);
  process.exitCode = 1;
});
