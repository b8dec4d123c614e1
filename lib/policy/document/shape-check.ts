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

/**
 * Checks `value` against `shape`: types, required fields and unknown keys (with a suggestion).
 * Ranges and enums are left to the semantic rules. Returns every finding.
 */
export function checkShape(value: unknown, shape: Shape, path: string): Finding[] {
  const where = path || 'the document';
  const wrong = (): Finding[] => [Findings.error(DOCUMENT_CODES.WRONG_TYPE, path, show(value),
    `${where} is ${kindOf(value)} (${show(value)}), but must be ${expected(shape)}.`, RULE,
    `write ${where} as ${expected(shape)}${'description' in shape ? ` (${shape.description})` : ''}.`)];
  switch (shape.kind) {
    case 'string': return typeof value === 'string' ? [] : wrong();
    case 'integer': return typeof value === 'number' && Number.isFinite(value) ? [] : wrong();
    case 'boolean': return typeof value === 'boolean' ? [] : wrong();
    case 'array':
      if (!Array.isArray(value)) return wrong();
      return value.flatMap((item, i) => checkShape(item, shape.items, `${path}[${i}]`));
    case 'map': {
      if (value === null || typeof value !== 'object' || Array.isArray(value)) return wrong();
      return Object.entries(value as Record<string, unknown>)
        .flatMap(([k, v]) => checkShape(v, shape.values, `${path}[${JSON.stringify(k)}]`));
    }
    case 'object': {
      if (value === null || typeof value !== 'object' || Array.isArray(value)) return wrong();
      const record = value as Record<string, unknown>;
      const findings: Finding[] = [];
      const known = Object.keys(shape.fields);
      for (const key of Object.keys(record)) {
        if (known.includes(key)) continue;
        const suggestion = nearestName(key, known);
        findings.push(Findings.error(DOCUMENT_CODES.UNKNOWN_KEY, join(path, key), `'${key}'`,
          `${join(path, key)} is not a field of ${where}.${didYouMean(suggestion)}`, RULE,
          suggestion ? `rename it to '${suggestion}'.` : `remove it; ${where} takes ${known.join(', ')}.`));
      }
      for (const key of known) {
        const field = shape.fields[key];
        const at = join(path, key);
        if (record[key] === undefined) {
          if (!field.optional) {
            findings.push(Findings.error(DOCUMENT_CODES.MISSING_FIELD, at, '',
              `${at} is missing.`, RULE, `add ${at}: ${expected(field.shape)} (${field.shape.description})`));
          }
          continue;
        }
        findings.push(...checkShape(record[key], field.shape, at));
      }
      return findings;
    }
  }
}
