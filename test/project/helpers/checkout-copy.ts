import { cpSync, existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { dirname, join } from 'path';

const ROOT = join(__dirname, '..', '..', '..');

/** What `npm run build` leaves and the pack scripts read, relative to the repository root. */
const PACKED_FROM = ['package.json', 'README.md', 'API.md', '.jsii', 'build', 'scripts', 'provider/plugin/proto', 'provider/cli/README.md'];

/**
 * A temporary copy of the built checkout (what the pack scripts read), with `planted` files added
 * (a `.js` name gets a module, anything else key-shaped text). Throws, naming the fix, when the
 * build is missing. The caller removes it.
 */
export function checkoutCopy(planted: string[] = []): string {
  const dir = mkdtempSync(join(tmpdir(), 'seclb-checkout-'));
  for (const entry of PACKED_FROM) {
    if (!existsSync(join(ROOT, entry))) throw new Error(`${entry} is missing: run \`npm run build\` (CI does) before the tests`);
    cpSync(join(ROOT, entry), join(dir, entry), { recursive: true });
  }
  for (const file of planted) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), file.endsWith('.js') ? 'module.exports = "planted";\n' : '-----BEGIN PRIVATE KEY-----\nplanted\n');
  }
  return dir;
}
