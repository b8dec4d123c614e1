import { existsSync } from 'fs';
import { join } from 'path';
import { PACKAGE_ROOT } from '../../../provider/version';

/** Fails with "run npm run build" when the compiled CLI, engine or example app is missing. */
export function requireBuild(): void {
  for (const file of ['build/provider/cli/main.js', 'build/provider/engine/main.js', 'build/examples/walkthrough/main.js']) {
    if (!existsSync(join(PACKAGE_ROOT, file))) {
      throw new Error(`${file} is missing: these tests run the compiled CLI, engine and example app as real processes. Run npm run build first.`);
    }
  }
}
