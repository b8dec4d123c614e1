import { Finding, Findings } from '../findings';
import { didYouMean, nearestName } from '../rules/rule-helpers';
import { DOCUMENT_CODES } from './document-codes';
import { Shape } from './document-shape';

const RULE = 'A load-balancer document follows the v1 schema (LoadBalancerDocuments.JSON_SCHEMA): known keys only, every required field present, each of its type.';

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'number') return Number.isInteger(value) ? 'a number' : 'a fractional number';
  return `a ${typeof value}`;
}

function expected(shape: Shape): string {
  switch (shape.kind) {
    case 'string': return 'a string';
    case 'integer': return 'a whole number';
    case 'boolean': return 'true or false';
    case 'array': return 'an array';
    default: return 'an object';
  }
}

function show(value: unknown): string {
  const text = typeof value === 'string' ? `'${value}'` : JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

const join = (path: string, key: string) => (path ? `${path}.${key}` : key);

/** The field names of an object shape, as a list (in order) and a set, computed once per shape. */
const fieldNames = new WeakMap<Shape, { readonly list: string[]; readonly set: Set<string> }>();

function namesOf(shape: Shape & { kind: 'object' }): { readonly list: string[]; readonly set: Set<string> } {
  let names = fieldNames.get(shape);
  if (!names) {
    const list = Object.keys(shape.fields);
    fieldNames.set(shape, names = { list, set: new Set(list) });
  }
  return names;
}

/**
 * Checks `value` against `shape`: types, required fields and unknown keys (with a suggestion).
 * Ranges and enums are left to the semantic rules. Returns every finding.
 */
export function checkShape(value: unknown, shape: Shape, path: string): Finding[] {
  const findings: Finding[] = [];
  collect(value, shape, path, findings);
  return findings;
}

/** `checkShape` into one list: the same findings in the same order, without a list per value. */
function collect(value: unknown, shape: Shape, path: string, findings: Finding[]): void {
  const wrong = (): void => {
    const where = path || 'the document';
    findings.push(Findings.error(DOCUMENT_CODES.WRONG_TYPE, path, show(value),
      `${where} is ${kindOf(value)} (${show(value)}), but must be ${expected(shape)}.`, RULE,
      `write ${where} as ${expected(shape)}${'description' in shape ? ` (${shape.description})` : ''}.`));
  };
  switch (shape.kind) {
    case 'string':
      if (typeof value !== 'string') wrong();
      return;
    case 'integer':
      if (!(typeof value === 'number' && Number.isFinite(value))) wrong();
      return;
    case 'boolean':
      if (typeof value !== 'boolean') wrong();
      return;
    case 'array':
      if (!Array.isArray(value)) return wrong();
      value.forEach((item, i) => collect(item, shape.items, `${path}[${i}]`, findings));
      return;
    case 'map': {
      if (value === null || typeof value !== 'object' || Array.isArray(value)) return wrong();
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) collect(v, shape.values, `${path}[${JSON.stringify(k)}]`, findings);
      return;
    }
    case 'object': {
      if (value === null || typeof value !== 'object' || Array.isArray(value)) return wrong();
      const where = path || 'the document';
      const record = value as Record<string, unknown>;
      const known = namesOf(shape);
      for (const key of Object.keys(record)) {
        if (known.set.has(key)) continue;
        const suggestion = nearestName(key, known.list);
        findings.push(Findings.error(DOCUMENT_CODES.UNKNOWN_KEY, join(path, key), `'${key}'`,
          `${join(path, key)} is not a field of ${where}.${didYouMean(suggestion)}`, RULE,
          suggestion ? `rename it to '${suggestion}'.` : `remove it; ${where} takes ${known.list.join(', ')}.`));
      }
      for (const key of known.list) {
        const field = shape.fields[key];
        if (record[key] === undefined) {
          if (!field.optional) {
            const at = join(path, key);
            findings.push(Findings.error(DOCUMENT_CODES.MISSING_FIELD, at, '',
              `${at} is missing.`, RULE, `add ${at}: ${expected(field.shape)} (${field.shape.description})`));
          }
          continue;
        }
        collect(record[key], field.shape, join(path, key), findings);
      }
      return;
    }
  }
}
