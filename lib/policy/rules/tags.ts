import { fieldRange } from '../document/document-fields';
import { Finding, Findings } from '../findings';
import { q } from './rule-helpers';

/** Codes of the tag rules. */
export const TAG_CODES = {
  TOO_MANY: 'SECLB_TAGS_TOO_MANY',
  KEY_INVALID: 'SECLB_TAG_KEY_INVALID',
  VALUE_INVALID: 'SECLB_TAG_VALUE_INVALID',
} as const;

/**
 * Most tags a Classic load balancer carries (the field table's range of `tags`): 10, as the ELB
 * API reference states for AddTags ("Each load balancer can have a maximum of 10 tags";
 * TooManyTags beyond),
 * https://docs.aws.amazon.com/elasticloadbalancing/2012-06-01/APIReference/API_AddTags.html
 * (also the quota page and botocore). The Classic guide's generic "Tag restrictions" say 50 per
 * resource; the model follows the API contract, the stricter of the two, so nothing it passes can
 * be refused by the API.
 */
export const MAX_TAGS: number = fieldRange('tags').max;

/** Where `MAX_TAGS` comes from, as messages cite it. */
export const MAX_TAGS_SOURCE = 'ELB API reference, AddTags';

const ALPHABET = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;
const ALPHABET_TEXT = 'letters, digits, spaces and _ . : / = + - @';

/** At most `MAX_TAGS` tags; keys 1-128 characters, values 0-256, both from ELB's tag alphabet. */
export function checkTags(path: string, tags: { [key: string]: string }): Finding[] {
  const findings: Finding[] = [];
  const keys = Object.keys(tags);
  if (keys.length > MAX_TAGS) {
    findings.push(Findings.error(TAG_CODES.TOO_MANY, path, String(keys.length),
      `${path} has ${keys.length} tags.`,
      `A Classic ELB carries at most ${MAX_TAGS} tags (${MAX_TAGS_SOURCE}; TooManyTags beyond).`,
      `remove ${keys.length - MAX_TAGS} tag${keys.length - MAX_TAGS === 1 ? '' : 's'}.`));
  }
  for (const key of keys) {
    const at = `${path}[${JSON.stringify(key)}]`;
    if (key.length < 1 || key.length > 128 || !ALPHABET.test(key)) {
      findings.push(Findings.error(TAG_CODES.KEY_INVALID, at, q(key),
        `${path} has the key ${q(key)}, which ${key.length === 0 ? 'is empty' : key.length > 128 ? `is ${key.length} characters long` : 'contains characters outside the tag alphabet'}.`,
        `Tag keys are 1-128 characters of ${ALPHABET_TEXT}.`,
        'shorten or rename the key.'));
    }
    const value = tags[key];
    if (typeof value !== 'string' || value.length > 256 || !ALPHABET.test(value)) {
      findings.push(Findings.error(TAG_CODES.VALUE_INVALID, at, q(value),
        `${at} is ${q(value)}, which ${typeof value !== 'string' ? 'is not text' : value.length > 256 ? `is ${value.length} characters long` : 'contains characters outside the tag alphabet'}.`,
        `Tag values are 0-256 characters of ${ALPHABET_TEXT}.`,
        'shorten the value or remove the other characters.'));
    }
  }
  return findings;
}
