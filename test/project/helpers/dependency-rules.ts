import { existsSync, readdirSync, readFileSync, statSync } from 'fs';
import { dirname, join, relative, resolve, sep } from 'path';
import * as ts from 'typescript';

/**
 * A reader of the repository's own imports and a checker of which folder may import which. Used by
 * test/project/dependency-rules.test.ts on the real tree and on the fixture trees beside it.
 *
 * Every import counts: `import`, `import type`, `export ... from`, `import x = require()`,
 * `require('...')` and `import('...')`. A type-only import is still an arrow between two rooms.
 * Only relative specifiers are followed (packages are not ours); paths are repository-relative with
 * forward slashes.
 */

/** Repository-relative source file -> the repository-relative files it imports (sorted, unique). */
export type ImportGraph = ReadonlyMap<string, readonly string[]>;

/** One room and the rooms it may import, besides itself. A room is a folder (`lib/policy`) or one file (`provider/version.ts`). */
export interface RoomRule {
  readonly room: string;
  readonly may: readonly string[];
  /** Why the room sits where it does (shown with a violation). */
  readonly why: string;
}

/**
 * The floors of one folder, ground floor first. A file may import files of its own folder and of
 * folders on lower floors or the same floor; never a folder on a higher floor. Entries are folders
 * (`common`) or files (`errors.ts`), relative to `root`.
 */
export interface FloorRule {
  readonly root: string;
  readonly floors: ReadonlyArray<readonly string[]>;
}

/** A known arrow that another change removes: excused while it exists, reported once it is gone. */
export interface PendingArrow {
  readonly from: string;
  readonly to: string;
  /** The move that removes it (who does it, where the file goes). */
  readonly move: string;
}

/** One broken rule. */
export interface Violation {
  readonly from: string;
  readonly to: string;
  readonly rule: string;
}

/** Every `.ts` source (not `.d.ts`) under `dirs` of `root`, repository-relative, sorted. */
export function sourceFiles(root: string, dirs: readonly string[]): string[] {
  const walk = (dir: string): string[] => {
    if (!existsSync(dir)) return [];
    return readdirSync(dir).sort().flatMap((name) => {
      const path = join(dir, name);
      if (name === 'node_modules') return [];
      if (statSync(path).isDirectory()) return walk(path);
      return name.endsWith('.ts') && !name.endsWith('.d.ts') ? [path] : [];
    });
  };
  return dirs.flatMap((d) => walk(join(root, d))).map((f) => posix(relative(root, f)));
}

function posix(path: string): string {
  return path.split(sep).join('/');
}

/** The module specifiers a file names, in every import form. */
export function specifiersOf(fileName: string, text: string): string[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      found.push(node.moduleSpecifier.text);
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)
      && ts.isStringLiteral(node.moduleReference.expression)) {
      found.push(node.moduleReference.expression.text);
    } else if (ts.isCallExpression(node) && node.arguments.length >= 1 && ts.isStringLiteralLike(node.arguments[0])
      && (node.expression.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(node.expression) && node.expression.text === 'require'))) {
      found.push(node.arguments[0].text);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      found.push(node.argument.literal.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** Resolves a relative specifier the way Node + TypeScript do for this repository; undefined when nothing is there. */
function resolveRelative(root: string, fromFile: string, specifier: string): string | undefined {
  const base = resolve(root, dirname(fromFile), specifier);
  const candidates = [base + '.ts', join(base, 'index.ts'), base.replace(/\.js$/, '.ts'), base];
  const hit = candidates.find((c) => existsSync(c) && statSync(c).isFile());
  return hit === undefined ? undefined : posix(relative(root, hit));
}

/**
 * The import graph of `dirs` under `root`. An unresolvable relative import is an error (a checker
 * that skipped it could miss an arrow).
 */
export function importGraph(root: string, dirs: readonly string[]): ImportGraph {
  const graph = new Map<string, string[]>();
  for (const file of sourceFiles(root, dirs)) {
    const targets = new Set<string>();
    for (const spec of specifiersOf(file, readFileSync(join(root, file), 'utf8'))) {
      if (!spec.startsWith('.')) continue;
      const target = resolveRelative(root, file, spec);
      if (target === undefined) throw new Error(`${file}: cannot resolve the import '${spec}'`);
      targets.add(target);
    }
    graph.set(file, [...targets].sort());
  }
  return graph;
}

/** Import circles: each strongly connected set of two or more files (or a file importing itself), files sorted. */
export function findCircles(graph: ImportGraph): string[][] {
  // Tarjan's algorithm, iterative so deep chains cannot overflow the stack.
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const circles: string[][] = [];
  for (const start of [...graph.keys()].sort()) {
    if (index.has(start)) continue;
    const work: Array<{ node: string; next: number }> = [{ node: start, next: 0 }];
    index.set(start, counter); low.set(start, counter); counter++;
    stack.push(start); onStack.add(start);
    while (work.length) {
      const frame = work[work.length - 1];
      const edges = (graph.get(frame.node) ?? []).filter((t) => graph.has(t));
      if (frame.next < edges.length) {
        const target = edges[frame.next++];
        if (!index.has(target)) {
          index.set(target, counter); low.set(target, counter); counter++;
          stack.push(target); onStack.add(target);
          work.push({ node: target, next: 0 });
        } else if (onStack.has(target)) {
          low.set(frame.node, Math.min(low.get(frame.node)!, index.get(target)!));
        }
        continue;
      }
      work.pop();
      if (work.length) {
        const parent = work[work.length - 1].node;
        low.set(parent, Math.min(low.get(parent)!, low.get(frame.node)!));
      }
      if (low.get(frame.node) === index.get(frame.node)) {
        const members: string[] = [];
        let member: string;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          members.push(member);
        } while (member !== frame.node);
        if (members.length > 1 || (graph.get(frame.node) ?? []).includes(frame.node)) circles.push(members.sort());
      }
    }
  }
  return circles.sort((a, b) => (a[0] < b[0] ? -1 : 1));
}

function within(file: string, room: string): boolean {
  return room.endsWith('.ts') ? file === room : file === room || file.startsWith(room + '/');
}

/** The most specific room holding `file`, or undefined. */
export function roomOf(file: string, rules: readonly RoomRule[]): RoomRule | undefined {
  return rules.filter((r) => within(file, r.room)).sort((a, b) => b.room.length - a.room.length)[0];
}

/**
 * Arrows between rooms that the rules do not allow. A file in no room is a violation too (a new
 * folder must be given its place). Imports of files outside every room (package.json) are not judged.
 */
export function roomViolations(graph: ImportGraph, rules: readonly RoomRule[]): Violation[] {
  const out: Violation[] = [];
  for (const [from, targets] of graph) {
    const own = roomOf(from, rules);
    if (!own) {
      out.push({ from, to: from, rule: 'the file is in no room: add its folder to the room rules' });
      continue;
    }
    for (const to of targets) {
      const other = roomOf(to, rules);
      if (!other || other.room === own.room) continue;
      if (!own.may.includes(other.room)) {
        out.push({ from, to, rule: `${own.room} may import only ${own.may.length ? own.may.join(', ') : 'nothing of ours'} (${own.why})` });
      }
    }
  }
  return out;
}

/** The floor (0 = ground) and the entry of `file` under a floor rule, or undefined when it is on none. */
function floorOf(file: string, rule: FloorRule): { floor: number; entry: string } | undefined {
  if (!file.startsWith(rule.root + '/')) return undefined;
  const rest = file.slice(rule.root.length + 1);
  for (let floor = 0; floor < rule.floors.length; floor++) {
    const entry = rule.floors[floor].find((e) => (e.endsWith('.ts') ? rest === e : rest.startsWith(e + '/')));
    if (entry !== undefined) return { floor, entry };
  }
  return undefined;
}

/** Imports from a lower floor back up, and files under the rule's root that are on no floor. */
export function floorViolations(graph: ImportGraph, rule: FloorRule): Violation[] {
  const out: Violation[] = [];
  for (const [from, targets] of graph) {
    if (!from.startsWith(rule.root + '/')) continue;
    const own = floorOf(from, rule);
    if (!own) {
      out.push({ from, to: from, rule: `the file is on no floor of ${rule.root}: give its folder a floor` });
      continue;
    }
    for (const to of targets) {
      const other = floorOf(to, rule);
      if (!other || other.entry === own.entry) continue;
      if (other.floor > own.floor) {
        out.push({ from, to, rule: `${own.entry} (floor ${own.floor}) imports ${other.entry} (floor ${other.floor}): imports go down or across, never up` });
      }
    }
  }
  return out;
}

/** Splits violations into those a pending arrow excuses and the rest; also names pending arrows that no longer exist. */
export function applyPending(violations: readonly Violation[], pending: readonly PendingArrow[], graph: ImportGraph):
{ open: Violation[]; excused: Violation[]; stale: PendingArrow[] } {
  const excuses = (v: Violation) => pending.some((p) => p.from === v.from && p.to === v.to);
  const stale = pending.filter((p) => !(graph.get(p.from) ?? []).includes(p.to));
  return { open: violations.filter((v) => !excuses(v)), excused: violations.filter(excuses), stale };
}

/** One line per violation, for a readable failure. */
export function describeViolations(violations: readonly Violation[]): string[] {
  return violations.map((v) => (v.from === v.to ? `${v.from}: ${v.rule}` : `${v.from} -> ${v.to}: ${v.rule}`));
}
