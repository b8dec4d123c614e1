import { PluginErrors } from './errors';

/** A filesystem mirror `seclb provider install` adds, and the provider sources it serves. */
export interface MirrorMethod {
  /** The mirror's root folder (unpacked registry layout). */
  readonly path: string;
  /** Provider source patterns taken from this mirror only, e.g. `registry.terraform.io/cdktf-secure-elb/seclb`. */
  readonly include: string[];
}

/** Marks the lines this module owns in a CLI configuration; they are replaced on every run. */
const BEGIN = '# >>> seclb provider install (these lines are rewritten by every run)';
const END = '# <<< seclb provider install';
const OWNED = /^[ \t]*# >>> seclb provider install.*\n[\s\S]*?^[ \t]*# <<< seclb provider install.*(\n|$)/gm;

/** Installation methods a provider can come from; each gets our sources in its `exclude`. */
const METHODS = new Set(['filesystem_mirror', 'network_mirror', 'direct']);

interface Token {
  readonly kind: 'ident' | 'string' | 'punct' | 'nl' | 'other';
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

interface Attribute {
  readonly name: string;
  /** Tokens of the value (no trailing newline). */
  readonly value: Token[];
}

interface Block {
  readonly name: string;
  readonly open: number;
  readonly close: number;
  readonly blocks: Block[];
  readonly attributes: Attribute[];
}

/**
 * Merges our filesystem mirrors into a user's Terraform CLI configuration (native HCL syntax)
 * without dropping anything of theirs. Used by `installProvider`.
 *
 * - No `provider_installation` block: theirs is kept as written and ours is appended: our mirrors,
 *   then `direct {}` excluding the sources our mirrors serve (everything else from the registry).
 * - One `provider_installation` block: our mirrors go first inside it, and each of their methods
 *   (`filesystem_mirror`, `network_mirror`, `direct`) gets our sources added to its `exclude`, so
 *   Terraform takes them from our mirror only (it consults every method that matches a source).
 * - `disable_checkpoint = true` is added unless the file sets `disable_checkpoint` itself.
 *
 * Lines between our markers are ours and replaced, so running again gives the same text.
 * Throws `SECLB_PLUGIN_CLI_CONFIG_UNMERGEABLE` (and changes nothing) when the file cannot be
 * edited safely: JSON syntax, heredocs, unbalanced braces, several `provider_installation` blocks,
 * an `exclude` that is not a list of strings.
 *
 * @param base the user's CLI configuration text ('' for none)
 * @param file where `base` came from (named in errors)
 * @param mirrors our mirrors, in the order Terraform should list them
 */
export function mergeCliConfig(base: string, file: string, mirrors: MirrorMethod[]): string {
  const text = base.replace(OWNED, '');
  if (/^\s*\{/.test(text)) throw refuse(file, 'it is in JSON syntax', 'use a CLI configuration in native (HCL) syntax, or pass another one with --cli-config');
  const top = parseBody(tokenize(text, file), file);
  const ours = mirrors.flatMap((m) => m.include);
  const installations = top.blocks.filter((b) => b.name === 'provider_installation');
  if (installations.length > 1) throw refuse(file, `it has ${installations.length} provider_installation blocks`, 'merge them into one (Terraform reads only one), then run again');
  const checkpoint = top.attributes.some((a) => a.name === 'disable_checkpoint') ? '' : `${BEGIN}\ndisable_checkpoint = true\n${END}\n`;

  if (installations.length === 0) {
    const block = `${BEGIN}\nprovider_installation {\n${mirrors.map((m) => mirrorBlock(m, '  ')).join('')}  direct {\n    exclude = ${list(ours)}\n  }\n}\n${END}\n`;
    const kept = text.trim().length ? `${text.replace(/\s*$/, '')}\n\n` : '';
    return `${checkpoint}${kept}${block}`;
  }

  const installation = installations[0];
  const edits: { at: number; remove: number; insert: string }[] = [];
  edits.push({ at: installation.open + 1, remove: 0, insert: `\n  ${BEGIN}\n${mirrors.map((m) => mirrorBlock(m, '  ')).join('')}  ${END}` });
  for (const method of installation.blocks.filter((b) => METHODS.has(b.name))) {
    const exclude = method.attributes.find((a) => a.name === 'exclude');
    if (exclude) {
      const values = stringList(exclude, file);
      const missing = ours.filter((s) => !values.strings.includes(s));
      if (missing.length) edits.push({ at: values.open + 1, remove: 0, insert: `${missing.map((s) => JSON.stringify(s)).join(', ')}${values.strings.length ? ', ' : ''}` });
    } else if (lineOf(text, method.open) === lineOf(text, method.close)) {
      const body = text.slice(method.open + 1, method.close).trim();
      edits.push({ at: method.open + 1, remove: method.close - method.open - 1, insert: `\n    exclude = ${list(ours)}\n${body ? `    ${body}\n` : ''}  ` });
    } else {
      edits.push({ at: method.open + 1, remove: 0, insert: `\n    exclude = ${list(ours)}` });
    }
  }
  let merged = text;
  for (const edit of edits.sort((a, b) => b.at - a.at)) merged = merged.slice(0, edit.at) + edit.insert + merged.slice(edit.at + edit.remove);
  return `${checkpoint}${merged}`;
}

function mirrorBlock(m: MirrorMethod, indent: string): string {
  return `${indent}filesystem_mirror {\n${indent}  path    = ${JSON.stringify(m.path)}\n${indent}  include = ${list(m.include)}\n${indent}}\n`;
}

function list(values: string[]): string {
  return `[${values.map((v) => JSON.stringify(v)).join(', ')}]`;
}

function lineOf(text: string, offset: number): number {
  return text.slice(0, offset).split('\n').length;
}

function refuse(file: string, reason: string, fix: string) {
  return PluginErrors.cliConfigUnmergeable(file, reason, fix);
}

/** The strings of an `exclude = [ ... ]` attribute and the offset of its `[`. */
function stringList(attribute: Attribute, file: string): { open: number; strings: string[] } {
  const tokens = attribute.value.filter((t) => t.kind !== 'nl');
  const inner = tokens.slice(1, -1);
  const wellFormed = tokens.length >= 2 && tokens[0].text === '[' && tokens[tokens.length - 1].text === ']'
    && inner.every((t, i) => (i % 2 === 0 ? t.kind === 'string' : t.text === ','));
  if (!wellFormed) throw refuse(file, `its exclude = ${tokens.map((t) => t.text).join(' ')} is not a list of strings`, 'write exclude as a list of quoted provider source patterns');
  return { open: tokens[0].start, strings: inner.filter((t) => t.kind === 'string').map((t) => JSON.parse(t.text) as string) };
}

/** Splits native HCL into the tokens the merge needs; comments are skipped. */
function tokenize(text: string, file: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const push = (kind: Token['kind'], end: number) => { tokens.push({ kind, text: text.slice(i, end), start: i, end }); i = end; };
  while (i < text.length) {
    const c = text[i];
    if (c === '\n') push('nl', i + 1);
    else if (/\s/.test(c)) i++;
    else if (c === '#' || (c === '/' && text[i + 1] === '/')) { const nl = text.indexOf('\n', i); i = nl < 0 ? text.length : nl; }
    else if (c === '/' && text[i + 1] === '*') {
      const close = text.indexOf('*/', i + 2);
      if (close < 0) throw refuse(file, `a /* comment at line ${lineOf(text, i)} is never closed`, 'close the comment');
      i = close + 2;
    } else if (c === '<' && text[i + 1] === '<') {
      throw refuse(file, `it uses a heredoc at line ${lineOf(text, i)}`, 'write that value as a quoted string, or add the seclb mirror to the file by hand (provider/plugin/README.md)');
    } else if (c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"' && text[j] !== '\n') j += text[j] === '\\' ? 2 : 1;
      if (text[j] !== '"') throw refuse(file, `a string at line ${lineOf(text, i)} is never closed`, 'close the string');
      if (text.slice(i, j).includes('${')) throw refuse(file, `a string at line ${lineOf(text, i)} holds a template`, 'write the value literally');
      push('string', j + 1);
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z0-9_-]+/.exec(text.slice(i))!;
      push('ident', i + m[0].length);
    } else if ('{}[]=,'.includes(c)) push('punct', i + 1);
    else push('other', i + 1);
  }
  return tokens;
}

/** Reads a body (the file, or a block's inside) of attributes and blocks. */
function parseBody(tokens: Token[], file: string): Block {
  let k = 0;
  const body = (open: number, name: string): Block => {
    const blocks: Block[] = [];
    const attributes: Attribute[] = [];
    for (;;) {
      while (k < tokens.length && tokens[k].kind === 'nl') k++;
      if (k >= tokens.length) {
        if (name) throw refuse(file, `the ${name} block is never closed`, 'balance its braces');
        return { name, open, close: -1, blocks, attributes };
      }
      const first = tokens[k];
      if (first.text === '}') {
        if (!name) throw refuse(file, `an unexpected } at offset ${first.start}`, 'balance the braces');
        k++;
        return { name, open, close: first.start, blocks, attributes };
      }
      if (first.kind !== 'ident') throw refuse(file, `unexpected '${first.text}' where an attribute or block starts`, 'check the syntax with terraform (it reports the line)');
      let j = k + 1;
      while (j < tokens.length && (tokens[j].kind === 'string' || tokens[j].kind === 'ident')) j++;
      const next = tokens[j];
      if (next?.text === '=' && j === k + 1) {
        k = j + 1;
        const start = k;
        let depth = 0;
        while (k < tokens.length && !(depth === 0 && (tokens[k].kind === 'nl' || tokens[k].text === '}'))) {
          if ('{['.includes(tokens[k].text) && tokens[k].kind === 'punct') depth++;
          if ('}]'.includes(tokens[k].text) && tokens[k].kind === 'punct') depth--;
          k++;
        }
        attributes.push({ name: first.text, value: tokens.slice(start, k) });
      } else if (next?.text === '{') {
        k = j + 1;
        blocks.push(body(next.start, first.text));
      } else {
        throw refuse(file, `'${first.text}' is followed by '${next?.text ?? 'the end of the file'}'`, 'check the syntax with terraform (it reports the line)');
      }
    }
  };
  return body(-1, '');
}
