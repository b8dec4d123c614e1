/** How serious a finding is. */
export enum Severity {
  /** The input is invalid: ELB (or the engine) would reject it. Nothing is changed. */
  ERROR = 'error',
  /** The input is legal but weakens security or will misbehave. */
  WARNING = 'warning',
}

/**
 * One problem found in an input, as every rule of the policy model reports it.
 *
 * Rules return findings and throw nothing; each front end decides what to do with them (a
 * construct throws or annotates, the admin API answers 400 with all of them, the CLI prints them,
 * the provider plugin turns each into a diagnostic with an attribute path).
 */
export interface Finding {
  /** Stable code, e.g. `SECLB_HC_TIMEOUT_NOT_BELOW_INTERVAL`. Never reused or renamed. */
  readonly code: string;
  /** Error or warning. */
  readonly severity: Severity;
  /** The property path the user wrote, e.g. `healthCheck.timeout` or `listeners[1].protocol`. */
  readonly path: string;
  /** The offending value, quoted as text (`'30'`), or an empty string when there is none. */
  readonly value: string;
  /** What is wrong, in the user's terms, naming the path and the value. */
  readonly message: string;
  /** The rule that was broken (ELB's own limit or behaviour). */
  readonly rule: string;
  /** How to fix it. */
  readonly fix: string;
}

/** Helpers for lists of findings. */
export class Findings {
  /** A finding with severity ERROR (its texts bounded, see `bounded`). */
  public static error(code: string, path: string, value: string, message: string, rule: string, fix: string): Finding {
    return Findings.make(Severity.ERROR, code, path, value, message, rule, fix);
  }

  /** A finding with severity WARNING (its texts bounded, see `bounded`). */
  public static warning(code: string, path: string, value: string, message: string, rule: string, fix: string): Finding {
    return Findings.make(Severity.WARNING, code, path, value, message, rule, fix);
  }

  /**
   * The most characters one text of a finding (`path`, `value`, `message`, `rule`, `fix`) keeps;
   * see `bounded`.
   */
  public static readonly TEXT_LIMIT = 4000;

  /**
   * Bounds a finding's text, whatever a rule put in it: every single-quoted part longer than
   * `QUOTE_LIMIT` (plus the `...` of an excerpt) becomes an excerpt as `quote` writes it, so does
   * any other run of that many characters without a space or quote (a path naming a huge key), and
   * a text still longer than `TEXT_LIMIT` is cut there and marked with its length. Every finding passes
   * through it, so a 4 MB value in any input makes findings of a few hundred characters.
   */
  public static bounded(text: string): string {
    if (text.length <= Findings.QUOTE_LIMIT) return text;
    const shortened = text
      .replace(LONG_QUOTED_PART, (_whole, inner: string) => Findings.quote(inner))
      .replace(LONG_WORD, (word) => `${cutAt(word, Findings.QUOTE_LIMIT)}... (${word.length} characters)`);
    if (shortened.length <= Findings.TEXT_LIMIT) return shortened;
    return `${cutAt(shortened, Findings.TEXT_LIMIT)}... (${shortened.length} characters in all)`;
  }

  /** Only the errors. */
  public static errors(findings: Finding[]): Finding[] {
    return findings.filter((f) => f.severity === Severity.ERROR);
  }

  /** Only the warnings. */
  public static warnings(findings: Finding[]): Finding[] {
    return findings.filter((f) => f.severity === Severity.WARNING);
  }

  /** True when at least one finding is an error. */
  public static hasErrors(findings: Finding[]): boolean {
    return findings.some((f) => f.severity === Severity.ERROR);
  }

  /**
   * Renders one finding as text: the code first, then the message, the rule and the fix on
   * indented lines.
   */
  public static format(finding: Finding): string {
    return `${finding.code}: ${finding.message}\n  Rule: ${finding.rule}\n  Fix: ${finding.fix}`;
  }

  /** Renders every finding, separated by blank lines. */
  public static formatAll(findings: Finding[]): string {
    return findings.map((f) => Findings.format(f)).join('\n\n');
  }

  /** Prefixes every path with `prefix` (e.g. `listeners[0]`), for rules reused inside a larger input. */
  public static withPathPrefix(prefix: string, findings: Finding[]): Finding[] {
    if (!prefix) return findings;
    return findings.map((f) => ({ ...f, path: f.path ? `${prefix}.${f.path}` : prefix }));
  }

  /**
   * The most characters of a value that `quote` copies into a message. A longer value is cut
   * there, marked with `...` and followed by its size, so a finding about a 4 MB value stays small.
   */
  public static readonly QUOTE_LIMIT = 200;

  /**
   * Quotes a value for a message: strings in single quotes, everything else as JSON. Values longer
   * than `QUOTE_LIMIT` characters become an excerpt with their size, e.g.
   * `'xxxx...' (4000000 characters)` or `[1,2,...... (an array of 90000 items)`; the excerpt is
   * written without serializing the whole value, so any size or nesting depth is safe.
   */
  public static quote(value: unknown): string {
    if (value === undefined) return 'undefined';
    const limit = Findings.QUOTE_LIMIT;
    if (typeof value === 'string') {
      return value.length <= limit ? `'${value}'` : `'${cutAt(value, limit)}...' (${value.length} characters)`;
    }
    const sink: JsonSink = { text: '', limit };
    if (writeJson(value, sink)) return sink.text;
    return `${cutAt(sink.text, limit)}... (${sizeOf(value)})`;
  }

  private static make(severity: Severity, code: string, path: string, value: string, message: string, rule: string, fix: string): Finding {
    const b = Findings.bounded;
    return { code, severity, path: b(path), value: b(value), message: b(message), rule: b(rule), fix: b(fix) };
  }

  private constructor() {}
}

/** A single-quoted part too long for a message: longer than an excerpt `quote` writes (limit + `...`). */
const LONG_QUOTED_PART = new RegExp(`'([^'\\n]{${Findings.QUOTE_LIMIT + 4},})'`, 'g');

/** A run of characters without a space or quote too long for a message (e.g. a path naming a huge key). */
const LONG_WORD = new RegExp(`[^\\s']{${Findings.QUOTE_LIMIT + 16},}`, 'g');

/** Where `writeJson` appends, and how much it may append before it stops. */
interface JsonSink {
  text: string;
  readonly limit: number;
}

/**
 * Appends `value` as JSON to `sink` until the text passes `sink.limit`; false when it stopped
 * early. Every level appends at least one character, so the recursion is bounded by the limit.
 */
function writeJson(value: unknown, sink: JsonSink): boolean {
  if (sink.text.length > sink.limit) return false;
  if (Array.isArray(value)) {
    sink.text += '[';
    for (let i = 0; i < value.length; i++) {
      if (i > 0) sink.text += ',';
      if (!writeJson(value[i] === undefined ? null : value[i], sink)) return false;
    }
    sink.text += ']';
  } else if (typeof value === 'object' && value !== null) {
    sink.text += '{';
    let first = true;
    for (const [key, item] of Object.entries(value)) {
      if (item === undefined) continue;
      sink.text += `${first ? '' : ','}${JSON.stringify(cutAt(key, sink.limit))}:`;
      first = false;
      if (!writeJson(item, sink)) return false;
    }
    sink.text += '}';
  } else if (typeof value === 'string') {
    sink.text += JSON.stringify(cutAt(value, sink.limit + 1));
    if (value.length > sink.limit) return false;
  } else if (typeof value === 'number' || typeof value === 'boolean' || value === null) {
    sink.text += JSON.stringify(value);
  } else {
    sink.text += String(value);
  }
  return sink.text.length <= sink.limit;
}

/** The first `n` characters of `text`, without splitting a surrogate pair. */
function cutAt(text: string, n: number): string {
  if (text.length <= n) return text;
  const code = text.charCodeAt(n - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? n - 1 : n);
}

/** The size of a value too long to quote whole, in words. */
function sizeOf(value: unknown): string {
  if (Array.isArray(value)) return `an array of ${value.length} items`;
  if (typeof value === 'object' && value !== null) return `an object with ${Object.keys(value).length} keys`;
  return `${String(value).length} characters`;
}
