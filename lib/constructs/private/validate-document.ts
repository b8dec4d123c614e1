import { Annotations, DefaultTokenResolver, StringConcat, Token, Tokenization } from 'cdktf';
import { IConstruct } from 'constructs';
import { DOCUMENT_FIELDS, SERVER_CERTIFICATE_FIELDS } from '../../policy/document/document-fields';
import { LoadBalancerDocument } from '../../policy/document/load-balancer-document';
import { LoadBalancerDocuments } from '../../policy/document/load-balancer-documents';
import { Finding, Findings } from '../../policy/findings';
import { checkInstanceIdFormat } from '../../policy/rules/instances';
import { checkPlacementExclusive, checkPlacementGiven } from '../../policy/rules/placement';
import { PolicyAttachmentDocument } from '../../policy/document/policy-attachment-document';
import { throwIfErrors } from './errors';

/**
 * The one place the constructs validate: every rule lives in the policy model
 * (`LoadBalancerDocuments.validate`); this module only
 * - resolves what tokens it can and skips findings about values known only at apply time,
 * - renames document paths to the props the user wrote (`healthCheck.timeoutSeconds` ->
 *   `healthCheck.timeout`),
 * - throws every error at once (code first), and reports model warnings as cdktf warnings.
 */

/**
 * Document paths renamed to the construct props the user wrote, derived from the field tables
 * (`DOCUMENT_FIELDS`, `SERVER_CERTIFICATE_FIELDS`): every field whose prop is spelled differently,
 * longest path first so a field is renamed before its parent. A negated prop (`internetFacing` for
 * `internal`) is left alone: its value reads the other way round.
 */
const PROP_NAMES: Array<[RegExp, string]> = [...DOCUMENT_FIELDS, ...SERVER_CERTIFICATE_FIELDS]
  .filter((f) => f.prop !== undefined && f.prop !== f.path && !f.propNegated)
  .sort((a, b) => b.path.length - a.path.length)
  .map((f) => renaming(f.path, f.prop!));

/** The regular expression and replacement renaming `path` to `prop`; `[]` stands for any index. */
function renaming(path: string, prop: string): [RegExp, string] {
  const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const at = path.indexOf('[]');
  if (at < 0) return [new RegExp(`\\b${escape(path)}\\b`, 'g'), prop];
  const list = path.slice(0, at);
  if (!prop.startsWith(`${list}[]`)) throw new Error(`internal: ${path} and its prop ${prop} name different lists`);
  return [new RegExp(`(${escape(list)}\\[\\d+\\])${escape(path.slice(at + 2))}\\b`, 'g'), `$1${prop.slice(at + 2)}`];
}

/** Renames document paths in a finding to the props the user wrote. */
export function inUserTerms(finding: Finding): Finding {
  const rename = (text: string) => PROP_NAMES.reduce((t, [re, to]) => t.replace(re, to), text);
  return { ...finding, path: rename(finding.path), message: rename(finding.message), fix: rename(finding.fix) };
}

/**
 * Resolves what can be resolved at synth (lazy values, literals wrapped in tokens); references to
 * other resources become `${...}` expressions, which cannot be known until apply.
 */
export function resolveKnown<T>(scope: IConstruct, value: T): T {
  // Most documents hold no token at all: resolving them would only copy them, at ~0.7 ms each.
  if (isPlainTokenFree(value)) return value;
  return Tokenization.resolve(value, { scope, resolver: new DefaultTokenResolver(new StringConcat()), preparing: true });
}

/**
 * True when a value is plain data with nothing for cdktf to resolve: strings and numbers that are
 * not tokens, booleans, null, arrays and plain objects of those, no `undefined` member (resolving
 * drops those). Anything else (a token object, a class instance, a function) counts as not free.
 */
function isPlainTokenFree(value: unknown): boolean {
  switch (typeof value) {
    case 'string':
    case 'number':
      return !Token.isUnresolved(value);
    case 'boolean':
      return true;
    case 'object': {
      if (value === null) return true;
      if (Array.isArray(value)) return value.every(isPlainTokenFree);
      const proto = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null) return false;
      for (const v of Object.values(value)) if (v === undefined || !isPlainTokenFree(v)) return false;
      return true;
    }
    default:
      return false;
  }
}

/** Paths (in document terms) whose resolved values are Terraform expressions (known only at apply). */
export function unknownPaths(value: unknown, path: string = '', out: string[] = []): string[] {
  if (typeof value === 'string') {
    if (value.includes('${') || Token.isUnresolved(value)) out.push(path);
  } else if (typeof value === 'number') {
    if (Token.isUnresolved(value)) out.push(path);
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => unknownPaths(v, `${path}[${i}]`, out));
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) unknownPaths(v, path ? `${path}.${k}` : k, out);
  }
  return out;
}

/**
 * Rules about whether a value is there (or repeated), not about what it is: they hold even when
 * the value is a reference known only at apply time (a certificate ARN on an HTTP listener, the
 * same instance reference twice).
 */
const PRESENCE_RULES = new Set([
  'SECLB_LISTENER_CERTIFICATE_UNEXPECTED',
  'SECLB_INSTANCE_DUPLICATE',
  'SECLB_PLACEMENT_ZONES_AND_SUBNETS',
  'SECLB_PLACEMENT_MISSING',
]);

/** Drops findings about token values: they are checked where they resolve, and skipped where they cannot be known. */
export function withoutTokenFindings(findings: Finding[], unknown: string[]): Finding[] {
  return findings.filter((f) => PRESENCE_RULES.has(f.code)
    || (!unknown.some((p) => f.path === p || f.path.startsWith(`${p}.`) || f.path.startsWith(`${p}[`))
      && !Token.isUnresolved(f.value) && !f.value.includes('${')));
}

/** Throws every error (code first, in the user's terms), and reports warnings as annotations. */
export function report(scope: IConstruct, findings: Finding[]): void {
  const mine = findings.map(inUserTerms);
  throwIfErrors(scope, mine);
  for (const w of Findings.warnings(mine)) Annotations.of(scope).addWarning(Findings.format(w));
}

/** Where a validated load balancer goes, for the rules that hold on AWS only. */
export interface ValidationContext {
  /** True when the load balancer is deployed to AWS (which needs availability zones or subnets). */
  readonly forAws: boolean;
}

/**
 * Rules about what a user writes in the construct's props beyond the canonical document's own:
 * literal instance ids have EC2's form (the document's ids may also name the local engine's back
 * ends), and a load balancer is placed in zones or subnets, not both, and for AWS in one of them.
 * Placement is judged on the document as written, where a reference to a list is still a
 * one-entry list (resolved, it becomes a `${...}` string the document rules cannot read as a list).
 */
function propFindings(written: LoadBalancerDocument, known: LoadBalancerDocument, context: ValidationContext): Finding[] {
  const findings = (known.instances ?? []).flatMap((inst, i) => checkInstanceIdFormat(`instances[${i}].instanceId`, inst.instanceId));
  findings.push(...checkPlacementExclusive('availabilityZones', written.availabilityZones, 'subnets', written.subnets));
  if (context.forAws) findings.push(...checkPlacementGiven('availabilityZones', written.availabilityZones, 'subnets', written.subnets));
  return findings;
}

/** Validates a load balancer's document (listeners and instances in the order the user added them). */
export function validateLoadBalancerDocument(scope: IConstruct, doc: LoadBalancerDocument, context: ValidationContext): void {
  const known = resolveKnown(scope, doc);
  const findings = [...LoadBalancerDocuments.validate(known), ...propFindings(doc, known, context)];
  const seen = new Set<string>();
  const unique = findings.filter((f) => {
    const key = `${f.code}\u0000${f.path}\u0000${f.message}`;
    return seen.has(key) ? false : (seen.add(key), true);
  });
  report(scope, withoutTokenFindings(unique, unknownPaths(known)));
}

/**
 * Validates policies attached to an imported load balancer: the same rules, applied to a document
 * holding only what this stack declares (listener details are unknown, so only the load balancer
 * name and the policies are checked).
 */
export function validatePolicyAttachments(scope: IConstruct, doc: PolicyAttachmentDocument): void {
  const known = resolveKnown(scope, doc);
  // Only the name and the policies themselves: rules relating policies to listeners would judge
  // listeners this stack cannot see.
  const findings = LoadBalancerDocuments.validatePolicies(known.loadBalancerName, known.policies);
  report(scope, withoutTokenFindings(findings, unknownPaths(known.loadBalancerName, 'name')));
}
