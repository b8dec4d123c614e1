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
  /** A finding with severity ERROR. */
  public static error(code: string, path: string, value: string, message: string, rule: string, fix: string): Finding {
    return { code, severity: Severity.ERROR, path, value, message, rule, fix };
  }

  /** A finding with severity WARNING. */
  public static warning(code: string, path: string, value: string, message: string, rule: string, fix: string): Finding {
    return { code, severity: Severity.WARNING, path, value, message, rule, fix };
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

  /** Quotes a value for a message: strings in single quotes, everything else as JSON. */
  public static quote(value: unknown): string {
    if (typeof value === 'string') return `'${value}'`;
    if (value === undefined) return 'undefined';
    return JSON.stringify(value);
  }

  private constructor() {}
}
