import { Shape } from '../../lib/policy/document/document-shape';
import { Finding, Severity } from '../../lib/policy/findings';
import { AttributeStep, SeclbStructure } from '../../lib/contract/seclb-structure';
import { EngineRequestError } from '../deploy/engine-client/engine-request-error';
import { PluginErrors } from './errors';

/** `tfplugin6.Diagnostic.Severity.ERROR`. */
export const SEVERITY_ERROR = 1;
/** `tfplugin6.Diagnostic.Severity.WARNING`. */
export const SEVERITY_WARNING = 2;

/** A `tfplugin6.Diagnostic` in the shape @grpc/proto-loader encodes. */
export interface DiagnosticMessage {
  /** ERROR (1) or WARNING (2); never 0, which Terraform ignores. */
  readonly severity: number;
  /** One line after `Error:` / `Warning:`. */
  readonly summary: string;
  /** The explanation: rule and fix. */
  readonly detail: string;
  /** The resource attribute the problem is in (Terraform points at it in the configuration). */
  readonly attribute?: { steps: AttributeStep[] };
}

/** A structured attribute (a document as nested attributes) findings point into. */
export interface StructuredAttribute {
  /** The resource attribute, e.g. `document`. */
  readonly attribute: string;
  /** Its document shape, which maps a finding's path to the nested attribute path. */
  readonly shape: Shape;
}

const pathTo = (attribute?: string) => (attribute ? { steps: [{ attribute_name: attribute }] } : undefined);

const nameOf = (at: string | StructuredAttribute) => (typeof at === 'string' ? at : at.attribute);

function split(message: string): { summary: string; detail: string } {
  // One-line messages carry "Rule: ..." and "Fix: ..." inline: those go to the detail.
  const inline = message.includes('\n') ? -1 : message.search(/ (Rule|Fix): /);
  if (inline > 0) return { summary: message.slice(0, inline).trim(), detail: message.slice(inline).trim().replace(/ (Rule|Fix): /g, '\n$1: ') };
  const lines = message.split('\n');
  return { summary: lines[0].trim(), detail: lines.slice(1).map((l) => l.trim()).filter(Boolean).join('\n') };
}

/**
 * Builders of the diagnostics Terraform shows: every problem reaches the user as a summary
 * (code first), a detail with the rule and the fix, and the attribute it concerns.
 */
export class Diagnostics {
  /** An error diagnostic. */
  public static error(summary: string, detail: string, attribute?: string): DiagnosticMessage {
    return { severity: SEVERITY_ERROR, summary, detail, attribute: pathTo(attribute) };
  }

  /** A warning: the operation went ahead, but the user should know (e.g. an object left to its owner). */
  public static warning(summary: string, detail: string, attribute?: string): DiagnosticMessage {
    return { severity: SEVERITY_WARNING, summary, detail, attribute: pathTo(attribute) };
  }

  /**
   * A policy-model finding on a document attribute (`document`, `attachment`): the summary is the
   * finding's code and message, the detail names the path inside the document, the rule and the
   * fix; a structured attribute's diagnostic points at the nested attribute of the field.
   */
  public static fromFinding(finding: Finding, at: string | StructuredAttribute): DiagnosticMessage {
    const attribute = nameOf(at);
    const where = finding.path ? `At ${finding.path} in ${attribute}.\n` : '';
    const steps = typeof at === 'string' ? [] : SeclbStructure.steps(at.shape, finding.path);
    return {
      severity: finding.severity === Severity.WARNING ? SEVERITY_WARNING : SEVERITY_ERROR,
      summary: `${finding.code}: ${finding.message}`,
      detail: `${where}Rule: ${finding.rule}\nFix: ${finding.fix}`,
      attribute: { steps: [{ attribute_name: attribute }, ...steps] },
    };
  }

  /**
   * Warnings for TLS attributes a listener's policy enables but the local engine cannot
   * negotiate (its OpenSSL build lacks them): they are not offered, unlike on AWS.
   */
  public static unenforceable(entries: ReadonlyArray<{ port: number; unenforceable: ReadonlyArray<{ attribute: string; reason: string }> }>, at: string | StructuredAttribute): DiagnosticMessage[] {
    const attribute = nameOf(at);
    return entries.map((e) => ({
      severity: SEVERITY_WARNING,
      summary: `SECLB_ENGINE_UNENFORCEABLE: the listener on port ${e.port} enables ${e.unenforceable.map((u) => `'${u.attribute}'`).join(', ')}, which the local engine cannot negotiate.`,
      detail: `${e.unenforceable.map((u) => `${u.attribute}: ${u.reason}`).join('\n')}\nRule: the local engine offers only what its OpenSSL can negotiate; Classic ELB would offer these.\nFix: remove them from the policy (they are weak), or accept that the local engine does not offer them.`,
      attribute: pathTo(attribute),
    }));
  }

  /** Every finding, in order. */
  public static fromFindings(findings: readonly Finding[], at: string | StructuredAttribute): DiagnosticMessage[] {
    return findings.map((f) => Diagnostics.fromFinding(f, at));
  }

  /**
   * Any thrown value as diagnostics. An engine refusal becomes one diagnostic for the refusal and
   * one per finding the engine returned (each on `attribute`); errors with a code keep their
   * message (code first); anything else is reported as an internal error, never rethrown.
   * @param rpc the RPC in progress, for internal errors
   * @param attribute the attribute the operation concerns (for engine findings)
   * @param known the resource's attribute names (an error's own `path` is used when it is one)
   */
  public static fromError(e: unknown, rpc: string, attribute?: string, known: readonly string[] = []): DiagnosticMessage[] {
    if (e instanceof EngineRequestError) {
      const { summary, detail } = split(e.message.startsWith(e.code) ? e.message : `${e.code}: ${e.message}`);
      const head = Diagnostics.error(summary, detail, e.findings.length ? undefined : attribute);
      const each = e.findings.map((f) => Diagnostics.error(
        `${f.code ?? e.code}: ${split(f.message ?? '').summary}`,
        `${f.path ? `At ${f.path} in ${attribute ?? 'the request'}.\n` : ''}${f.rule ? `Rule: ${f.rule}\n` : ''}${f.fix ? `Fix: ${f.fix}` : ''}`.trim(),
        attribute));
      return [head, ...each];
    }
    const coded = e as { code?: unknown; path?: unknown; message?: unknown };
    if (e instanceof Error && typeof coded.code === 'string' && coded.code.startsWith('SECLB_')) {
      const { summary, detail } = split(e.message);
      const own = typeof coded.path === 'string' && known.includes(coded.path) ? coded.path : undefined;
      return [Diagnostics.error(summary, detail, own ?? attribute)];
    }
    const reason = e instanceof Error ? e.message : String(e);
    const { summary, detail } = split(PluginErrors.internal(rpc, reason).message);
    return [Diagnostics.error(summary, detail)];
  }

  private constructor() {}
}
