import { readdirSync, readFileSync, statSync } from 'fs';
import { join, relative } from 'path';
import * as ts from 'typescript';
import { ErrorCodes } from '../../lib/policy/error-codes';

// The policy model's codes are registered in ErrorCodes and pinned by test/policy/error-codes.test.ts.
// Codes raised elsewhere in lib/ (constructs, deployment targets) have no registry: this test reads
// them from the sources and checks each is documented in docs/errors.md, section
// "Construct and target codes", with what it means and the fix.

const ROOT = join(__dirname, '..', '..');
const DOC_SECTION = '## Construct and target codes';
/** A string that is a code, or a message that leads with one (`SECLB_X: ...`). */
const CODE_LITERAL = /^(SECLB_[A-Z0-9_]+)(?=:|$)/;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return path.endsWith('.ts') && !path.endsWith('.d.ts') ? [path] : [];
  });
}

interface CodeUse {
  readonly code: string;
  readonly file: string;
}

/** Every code written as a string literal (or leading a template literal) in lib/; comments are not read. */
function codesInLib(): { uses: CodeUse[]; builtAtRunTime: string[] } {
  const uses: CodeUse[] = [];
  const builtAtRunTime: string[] = [];
  for (const path of sources(join(ROOT, 'lib'))) {
    const file = relative(ROOT, path);
    const source = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node): void => {
      if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
        const m = CODE_LITERAL.exec(node.text);
        if (m) uses.push({ code: m[1], file });
      } else if (ts.isTemplateHead(node)) {
        // `SECLB_X: ${...}` leads with a code; `SECLB_X_${...}` builds one, which no reader can find.
        if (/^SECLB_[A-Z0-9_]*$/.test(node.text)) builtAtRunTime.push(`${file}: \`${node.text}\${...}\``);
        else {
          const m = CODE_LITERAL.exec(node.text);
          if (m) uses.push({ code: m[1], file });
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return { uses, builtAtRunTime };
}

interface DocumentedCode {
  readonly code: string;
  readonly raisedBy: string;
  readonly meaning: string;
  readonly fix: string;
}

/** The rows of the "Construct and target codes" section: | Raised by | Code | Meaning | Fix |. */
function documentedConstructCodes(): DocumentedCode[] {
  const doc = readFileSync(join(ROOT, 'docs', 'errors.md'), 'utf8');
  const start = doc.indexOf(`\n${DOC_SECTION}\n`);
  if (start < 0) throw new Error(`docs/errors.md has no '${DOC_SECTION}' section`);
  const rest = doc.slice(start + DOC_SECTION.length + 2);
  const end = rest.search(/^## /m);
  const section = end < 0 ? rest : rest.slice(0, end);
  return [...section.matchAll(/^\|(.*)\|\s*$/gm)]
    .map((m) => m[1].split(' | ').map((cell) => cell.trim()))
    .filter((cells) => /^`SECLB_[A-Z0-9_]+`$/.test(cells[1] ?? ''))
    .map(([raisedBy, code, meaning, fix]) => ({ raisedBy, code: code.slice(1, -1), meaning: meaning ?? '', fix: fix ?? '' }));
}

const registered = new Set(ErrorCodes.all().map((e) => e.code));
const { uses, builtAtRunTime } = codesInLib();
const constructCodes = [...new Set(uses.filter((u) => !registered.has(u.code)).map((u) => u.code))].sort();

describe('error codes raised outside the policy model are documented', () => {
  test('the scan finds the construct and target codes (it reads string literals in lib/)', () => {
    expect(constructCodes).toEqual(expect.arrayContaining(['SECLB_CERT_ARN_INVALID', 'SECLB_TARGET_UNKNOWN', 'SECLB_TARGET_LOCAL_BAD_PORT']));
  });

  test('every SECLB_* code in lib/ is registered in ErrorCodes or documented under "Construct and target codes"', () => {
    const documented = new Set(documentedConstructCodes().map((d) => d.code));
    const missing = uses.filter((u) => !registered.has(u.code) && !documented.has(u.code)).map((u) => `${u.code} (${u.file})`);
    expect([...new Set(missing)]).toEqual([]);
  });

  test('the section lists exactly those codes, once each, and no code of the policy model', () => {
    const documented = documentedConstructCodes().map((d) => d.code);
    expect(documented.filter((c, i) => documented.indexOf(c) !== i)).toEqual([]);
    expect(documented.filter((c) => registered.has(c))).toEqual([]);
    expect([...documented].sort()).toEqual(constructCodes);
  });

  test('each documented code says where it is raised, what it means and the fix', () => {
    const incomplete = documentedConstructCodes()
      .filter((d) => !d.raisedBy || !/^[A-Z`].*\.$/.test(d.meaning) || !/^[A-Z].*\.$/.test(d.fix))
      .map((d) => d.code);
    expect(incomplete).toEqual([]);
  });

  test('no code is assembled at run time from a prefix (the scan could not see it)', () => {
    expect(builtAtRunTime).toEqual([]);
  });
});
