import { readdirSync, readFileSync, statSync } from 'fs';
import { join, relative } from 'path';
import { CipherCatalog } from '../../lib/policy/attributes/cipher-catalog';

const ROOT = join(__dirname, '..', '..');
const SOURCE_DIRS = ['lib', 'provider', 'examples', 'bench'];
// A file naming this many distinct catalog ciphers is a second cipher table.
const MAX_CIPHER_NAMES_OUTSIDE_MODEL = 3;

function sourceFiles(dir: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return [];
  }
  return entries.flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules') return [];
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|js|mjs|json|sh)$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

describe('the policy model is the one place for cipher and policy facts', () => {
  test(`no source file outside lib/policy names more than ${MAX_CIPHER_NAMES_OUTSIDE_MODEL} catalog ciphers`, () => {
    const names = CipherCatalog.names();
    const offenders: string[] = [];
    for (const file of SOURCE_DIRS.flatMap((d) => sourceFiles(join(ROOT, d)))) {
      const rel = relative(ROOT, file);
      if (rel.startsWith(join('lib', 'policy'))) continue;
      const text = readFileSync(file, 'utf8');
      const found = names.filter((n) => new RegExp(`['"\`]${n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}['"\`]`).test(text));
      if (found.length > MAX_CIPHER_NAMES_OUTSIDE_MODEL) offenders.push(`${rel}: ${found.length} cipher names`);
    }
    expect(offenders).toEqual([]);
  });

  test('the predefined policy names live in lib/policy only', () => {
    const offenders = SOURCE_DIRS.flatMap((d) => sourceFiles(join(ROOT, d)))
      .filter((f) => !relative(ROOT, f).startsWith(join('lib', 'policy')))
      .filter((f) => (readFileSync(f, 'utf8').match(/['"`]ELBSecurityPolicy-20\d\d-\d\d['"`]/g) ?? []).length > 2)
      .map((f) => relative(ROOT, f));
    expect(offenders).toEqual([]);
  });
});
