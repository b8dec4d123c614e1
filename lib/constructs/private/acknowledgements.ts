import { Annotations } from 'cdktf';
import { IConstruct } from 'constructs';
import { SecurityWarningIds } from '../../policy/security/security-warning-ids';
import { throwError } from './errors';

/** Acknowledged rule ids per construct, with the reason given. */
const ACKNOWLEDGED = new WeakMap<IConstruct, Map<string, string>>();
/** Warnings already reported per construct (a policy used by two listeners warns once). */
const REPORTED = new WeakMap<IConstruct, Set<string>>();

/**
 * Records that `scope` accepts the warning `ruleId` for the reason given (as cdk-nag suppressions
 * do). It covers the construct and everything below it.
 */
export function acknowledge(scope: IConstruct, ruleId: string, reason: string): void {
  const known = SecurityWarningIds.all();
  if (!known.includes(ruleId)) {
    throwError(scope, 'SECLB_ACK_UNKNOWN_RULE', 'ruleId', `'${ruleId}'`,
      `ruleId is '${ruleId}', which is not a security warning of this library.`,
      `Acknowledgements name one of: ${known.join(', ')}.`,
      'copy the rule id from the warning text, e.g. SecurityWarningIds.TLS10_ENABLED.');
  }
  if (typeof reason !== 'string' || reason.trim() === '') {
    throwError(scope, 'SECLB_ACK_REASON_REQUIRED', 'reason', `'${reason ?? ''}'`,
      `reason is empty for the acknowledgement of '${ruleId}'.`,
      'Every acknowledged warning records why it is accepted, so a reviewer can judge it later.',
      `give a reason, e.g. acknowledge('${ruleId}', 'legacy clients until Q3').`);
  }
  const map = ACKNOWLEDGED.get(scope) ?? new Map<string, string>();
  map.set(ruleId, reason.trim());
  ACKNOWLEDGED.set(scope, map);
}

/** The reason `ruleId` was acknowledged on any of `nodes` or their ancestors, else undefined. */
export function acknowledgement(nodes: IConstruct[], ruleId: string): string | undefined {
  for (const node of nodes) {
    for (const scope of node.node.scopes.slice().reverse()) {
      const reason = ACKNOWLEDGED.get(scope)?.get(ruleId);
      if (reason !== undefined) return reason;
    }
  }
  return undefined;
}

/** One security warning, reported on `node`. */
export interface SecurityWarning {
  /** The stable rule id (`SecurityWarningIds`). */
  readonly ruleId: string;
  /** The construct the warning is about. */
  readonly node: IConstruct;
  /** Other constructs whose acknowledgement also covers it (e.g. the load balancer using a policy). */
  readonly alsoAcknowledgedBy: IConstruct[];
  /** What is weak, naming the property and value. */
  readonly message: string;
  /** How to fix it. */
  readonly fix: string;
}

/** The context key of strict mode: `true` (or `'true'`) turns every unacknowledged warning into a synth error. */
export const STRICT_CONTEXT_KEY = 'seclb:strict';

/** True when strict mode is on for `scope` (context set on the app, or on any construct above it before its children were added). */
function strict(scope: IConstruct): boolean {
  const value = scope.node.tryGetContext(STRICT_CONTEXT_KEY);
  return value === true || value === 'true';
}

/**
 * Reports each warning once per construct as a cdktf warning annotation (rule id first), or, when
 * acknowledged, as an info annotation that records the reason. In strict mode (context
 * `seclb:strict`) an unacknowledged warning is an error annotation instead, which fails the synth.
 */
export function reportWarnings(warnings: SecurityWarning[]): void {
  for (const w of warnings) {
    const reported = REPORTED.get(w.node) ?? new Set<string>();
    const key = `${w.ruleId}\n${w.message}`;
    if (reported.has(key)) continue;
    reported.add(key);
    REPORTED.set(w.node, reported);
    const reason = acknowledgement([w.node, ...w.alsoAcknowledgedBy], w.ruleId);
    if (reason !== undefined) {
      // The warning on a line of its own, so tools (seclb plan) can tell the reason from the warning.
      Annotations.of(w.node).addInfo(`${w.ruleId} acknowledged: ${reason}\n  Warning: ${w.message}`);
    } else if (strict(w.node)) {
      Annotations.of(w.node).addError(`SECLB_STRICT_UNACKNOWLEDGED_WARNING: ${w.ruleId} is not acknowledged: ${w.message}\n`
        + `  Rule: strict mode (context '${STRICT_CONTEXT_KEY}') fails the synth on any security warning not acknowledged with a reason.\n`
        + `  Fix: ${w.fix} Or acknowledge it: .acknowledge('${w.ruleId}', '<reason>') on this construct or its load balancer.`);
    } else {
      Annotations.of(w.node).addWarning(`${w.ruleId}: ${w.message}\n  Fix: ${w.fix}\n`
        + `  Or acknowledge it: .acknowledge('${w.ruleId}', '<reason>') on this construct or its load balancer.`);
    }
  }
}
