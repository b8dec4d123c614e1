import { IConstruct } from 'constructs';
import { Finding, Findings } from '../../policy/findings';

/**
 * Throws one error listing every error finding (code first, then message, rule and fix), with the
 * construct path last, so a user sees every problem of a construct in one run.
 */
export function throwIfErrors(scope: IConstruct, findings: Finding[]): void {
  const errors = Findings.errors(findings);
  if (errors.length === 0) return;
  throw new Error(`${Findings.formatAll(errors)}\n  Construct: ${scope.node.path}`);
}

/** Throws a single error built like a finding (for checks that belong to the construct API, not to ELB). */
export function throwError(scope: IConstruct, code: string, path: string, value: string, message: string, rule: string, fix: string): never {
  throw new Error(`${Findings.format(Findings.error(code, path, value, message, rule, fix))}\n  Construct: ${scope.node.path}`);
}
