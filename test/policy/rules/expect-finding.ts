import { Finding, Severity } from '../../../lib/policy/findings';

/** Asserts that `findings` holds exactly one finding, with this code and a message matching `message`; returns it. */
export function expectOnly(findings: Finding[], code: string, message: RegExp, severity: Severity = Severity.ERROR): Finding {
  expect(findings.map((f) => f.code)).toEqual([code]);
  expect(findings[0].message).toMatch(message);
  expect(findings[0].severity).toBe(severity);
  expect(findings[0].rule.length).toBeGreaterThan(0);
  expect(findings[0].fix.length).toBeGreaterThan(0);
  return findings[0];
}

/** Asserts that `findings` holds a finding with this code and message; returns it. */
export function expectSome(findings: Finding[], code: string, message: RegExp): Finding {
  const found = findings.find((f) => f.code === code && message.test(f.message));
  if (!found) throw new Error(`no ${code} matching ${message} in:\n${findings.map((f) => `${f.code}: ${f.message}`).join('\n')}`);
  return found;
}
