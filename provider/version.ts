import { existsSync, readFileSync } from 'fs';
import { dirname, join } from 'path';

function findPackageRoot(start: string): string {
  let dir = start;
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`SECLB_INTERNAL: no package.json above ${start}`);
    dir = parent;
  }
  return dir;
}

/** The package's root folder (works from the TypeScript sources and from build/). */
export const PACKAGE_ROOT: string = findPackageRoot(__dirname);

/** The version of the provider-side tools (engine, CLI, plugin); follows package.json. */
export const SECLB_VERSION: string = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')).version;
