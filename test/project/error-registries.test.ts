import { readdirSync, readFileSync, statSync } from 'fs';
import { join, relative } from 'path';
import * as ts from 'typescript';
import { CONSTRUCT_CODES } from '../../lib/constructs/private/construct-codes';
import { ErrorCodes } from '../../lib/policy/error-codes';
import { LOCAL_TARGET_CODES } from '../../lib/targets/local/local-target-errors';
import { TARGET_CODES } from '../../lib/targets/target-codes';
import { CLI_CODES } from '../../provider/cli/errors';
import { APPLY_CODES } from '../../provider/deploy/apply/errors';
import { ENGINE_CLIENT_CODES } from '../../provider/deploy/engine-client/errors';
import { DEPLOY_CODES } from '../../provider/deploy/errors';
import { LOCAL_RESOURCE_CODES } from '../../provider/deploy/local-resources/errors';
import { ENGINE_CODES, ENGINE_FINDING_CODES, ENGINE_LOG_CODES } from '../../provider/engine/errors';
import { PLUGIN_CODES } from '../../provider/plugin/errors';

// Every SECLB_* code has one registry (per area) and one page (docs/errors.md). This test ties the
// two together and to the sources: every registered code is documented, every documented code is
// registered, and every code written in lib/, provider/ or scripts/ is registered. A code ending
// in `_` is a registered prefix (`SECLB_DEPLOY_ENGINE_HTTP_<status>`).

const ROOT = join(__dirname, '..', '..');
const DOC = 'docs/errors.md';

/** Every registry, by area; the prefix its codes share (when they share one). */
const REGISTRIES: Array<{ area: string; file: string; codes: readonly string[]; prefix?: RegExp }> = [
  { area: 'policy model', file: 'lib/policy/error-codes.ts', codes: ErrorCodes.all().map((e) => e.code) },
  { area: 'constructs', file: 'lib/constructs/private/construct-codes.ts', codes: Object.values(CONSTRUCT_CODES) },
  { area: 'deployment targets', file: 'lib/targets/target-codes.ts', codes: Object.values(TARGET_CODES), prefix: /^SECLB_TARGET_/ },
  { area: 'local target', file: 'lib/targets/local/local-target-errors.ts', codes: Object.values(LOCAL_TARGET_CODES), prefix: /^SECLB_TARGET_LOCAL_/ },
  { area: 'engine', file: 'provider/engine/errors.ts', codes: Object.values(ENGINE_CODES), prefix: /^SECLB_ENGINE_/ },
  { area: 'engine findings', file: 'provider/engine/errors.ts', codes: Object.values(ENGINE_FINDING_CODES), prefix: /^SECLB_ENGINE_/ },
  { area: 'engine logs', file: 'provider/engine/errors.ts', codes: Object.values(ENGINE_LOG_CODES) },
  { area: 'deploy core', file: 'provider/deploy/errors.ts', codes: Object.values(DEPLOY_CODES), prefix: /^SECLB_DEPLOY_/ },
  { area: 'deploy apply', file: 'provider/deploy/apply/errors.ts', codes: Object.values(APPLY_CODES), prefix: /^SECLB_DEPLOY_APPLY_/ },
  { area: 'deploy local resources', file: 'provider/deploy/local-resources/errors.ts', codes: Object.values(LOCAL_RESOURCE_CODES), prefix: /^SECLB_DEPLOY_LOCAL_/ },
  { area: 'engine client', file: 'provider/deploy/engine-client/errors.ts', codes: Object.values(ENGINE_CLIENT_CODES), prefix: /^SECLB_DEPLOY_/ },
  { area: 'cli', file: 'provider/cli/errors.ts', codes: Object.values(CLI_CODES), prefix: /^SECLB_CLI_/ },
  { area: 'plugin', file: 'provider/plugin/errors.ts', codes: Object.values(PLUGIN_CODES), prefix: /^SECLB_PLUGIN_/ },
];

/** A string that is a code, or a message that leads with one (`SECLB_X: ...`). */
const CODE_LITERAL = /^(SECLB_[A-Z0-9_]+)(?=:|$)/;

function sources(dir: string, ext: RegExp): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' ? [] : sources(path, ext);
    return ext.test(path) && !path.endsWith('.d.ts') ? [path] : [];
  });
}

interface CodeUse {
  readonly code: string;
  readonly file: string;
  /** True for the head of a template literal that builds the code at run time (`SECLB_X_${...}`). */
  readonly prefix: boolean;
}

/** Every code written as a string literal, or leading a template literal; comments are not read. */
function codesIn(file: string): CodeUse[] {
  const uses: CodeUse[] = [];
  const rel = relative(ROOT, file);
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const visit = (node: ts.Node): void => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateHead(node)) {
      if (ts.isTemplateHead(node) && /^SECLB_[A-Z0-9_]*_$/.test(node.text)) uses.push({ code: node.text, file: rel, prefix: true });
      else {
        const m = CODE_LITERAL.exec(node.text);
        if (m) uses.push({ code: m[1], file: rel, prefix: false });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return uses;
}

const SOURCE_USES = [
  ...sources(join(ROOT, 'lib'), /\.ts$/), ...sources(join(ROOT, 'provider'), /\.ts$/),
].flatMap(codesIn);
/** The packaging scripts are plain JavaScript outside the build: their literals are their registry. */
const SCRIPT_CODES = [...new Set(sources(join(ROOT, 'scripts'), /\.js$/).flatMap(codesIn).map((u) => u.code))];

const registered = [...REGISTRIES.flatMap((r) => r.codes), ...SCRIPT_CODES];
const registeredSet = new Set(registered);
const isRegistered = (code: string) => registeredSet.has(code);

const doc = readFileSync(join(ROOT, DOC), 'utf8');
/** Codes named anywhere on the page (`SECLB_ENGINE_*` and `SECLB_X_<status>` read as prefixes). */
const mentioned = [...new Set([...doc.matchAll(/SECLB_[A-Z0-9_]+/g)].map((m) => m[0]))];
/** Codes in a table row of the page: where a code is documented. */
const tabled = new Set(doc.split('\n').filter((l) => l.startsWith('|')).flatMap((l) => [...l.matchAll(/`(SECLB_[A-Z0-9_]+)/g)].map((m) => m[1])));

describe('error code registries and docs/errors.md', () => {
  test('the scan finds codes of every area (it reads string literals)', () => {
    const found = new Set(SOURCE_USES.map((u) => u.code));
    for (const code of ['SECLB_HC_TIMEOUT_NOT_BELOW_INTERVAL', 'SECLB_CERT_ARN_INVALID', 'SECLB_TARGET_UNKNOWN', 'SECLB_ENGINE_PORT_IN_USE',
      'SECLB_DEPLOY_STALE_PLAN', 'SECLB_CLI_INTERNAL', 'SECLB_PLUGIN_START_FAILED', 'SECLB_DEPLOY_ENGINE_HTTP_']) {
      expect(found).toContain(code);
    }
    expect(SCRIPT_CODES).toContain('SECLB_FRAMEWORK_STAGING_FAILED');
  });

  test('every registry holds well-formed codes with its area\'s prefix', () => {
    for (const r of REGISTRIES) {
      expect(r.codes.length).toBeGreaterThan(0);
      expect(r.codes.filter((c) => !/^SECLB_[A-Z0-9_]+$/.test(c))).toEqual([]);
      if (r.prefix) expect({ area: r.area, off: r.codes.filter((c) => !r.prefix!.test(c)) }).toEqual({ area: r.area, off: [] });
    }
  });

  test('no code is registered twice (in one registry or in two)', () => {
    expect(registered.filter((c, i) => registered.indexOf(c) !== i)).toEqual([]);
  });

  test('every SECLB_* code written in lib/ or provider/ is registered', () => {
    // A literal ending in _ (e.g. 'SECLB_CERT_' in a startsWith) names a family: some registered code must start with it.
    const isFamily = (u: CodeUse) => !u.prefix && u.code.endsWith('_') && registered.some((r) => r.startsWith(u.code) && r !== u.code);
    const unregistered = SOURCE_USES.filter((u) => !isRegistered(u.code) && !isFamily(u)).map((u) => `${u.code}${u.prefix ? '${...}' : ''} (${u.file})`);
    expect([...new Set(unregistered)]).toEqual([]);
  });

  test('the one registered prefix is the admin client\'s SECLB_DEPLOY_ENGINE_HTTP_<status>; no source spells a prefix out', () => {
    expect(registered.filter((c) => c.endsWith('_'))).toEqual([ENGINE_CLIENT_CODES.ENGINE_HTTP_PREFIX]);
    expect(SOURCE_USES.filter((u) => u.prefix).map((u) => u.file)).toEqual([]);
  });

  test(`every registered code has a row in ${DOC}`, () => {
    expect(registered.filter((c) => !tabled.has(c))).toEqual([]);
  });

  test(`every code ${DOC} names is registered (a name ending in _ is a prefix of registered codes)`, () => {
    const unknown = mentioned.filter((c) => !registeredSet.has(c) && !(c.endsWith('_') && registered.some((r) => r.startsWith(c))));
    expect(unknown).toEqual([]);
  });

  test(`${DOC} is the one table of codes: no other page keeps a table whose rows start with a code`, () => {
    const pages = [join(ROOT, 'README.md'), ...sources(join(ROOT, 'docs'), /\.md$/), ...sources(join(ROOT, 'provider'), /\.md$/)]
      .filter((p) => relative(ROOT, p) !== DOC);
    const tables = pages.filter((p) => /^\| `SECLB_[A-Z0-9_]+`/m.test(readFileSync(p, 'utf8'))).map((p) => relative(ROOT, p));
    expect(tables).toEqual([]);
  });
});
