import { Findings } from '../findings';

/**
 * Small helpers shared by the rules (internal: not exported from the package).
 */

/** Quotes a value for a message (`Findings.quote`, under the short name the rules use). */
export const q: (value: unknown) => string = (value) => Findings.quote(value);

/** True when `value` is an integer within [min, max]. */
export function isIntegerIn(value: unknown, min: number, max: number): boolean {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
}

/** Edit distance between two strings (insert, delete, substitute). */
export function editDistance(a: string, b: string): number {
  const prev = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length];
}

/** Names longer than this get no suggestion (every name ELB knows is shorter; edit distances cost length squared). */
const SUGGEST_LIMIT = 256;

/**
 * The candidate nearest to `name`, or undefined when none is close: a case-insensitive match, an
 * edit distance of at most a third of the name's length (at least 2), or a candidate the name is
 * an abbreviation of (its letters in order, covering 60% of it). A wrong guess is worse than none.
 */
export function nearestName(name: string, candidates: string[]): string | undefined {
  if (typeof name !== 'string' || name === '' || name.length > SUGGEST_LIMIT) return undefined;
  const lower = name.toLowerCase();
  const sameCase = candidates.find((c) => c.toLowerCase() === lower);
  if (sameCase) return sameCase;
  let best: string | undefined;
  let bestDistance = Number.MAX_SAFE_INTEGER;
  const close = Math.max(2, Math.floor(name.length / 3));
  for (const candidate of candidates) {
    // The distance is at least the difference in length: skip what cannot be close (and keep a
    // 4 MB name from costing seconds of edit distances).
    if (candidate.length > SUGGEST_LIMIT || Math.abs(candidate.length - name.length) > close) continue;
    const d = editDistance(lower, candidate.toLowerCase());
    if (d < bestDistance) {
      bestDistance = d;
      best = candidate;
    }
  }
  if (best !== undefined && bestDistance <= close) return best;
  // A name with words left out (`ProxyProtocolType` for `ProxyProtocolPolicyType`).
  return candidates.find((c) => lower.length >= 0.6 * c.length && isSubsequence(lower, c.toLowerCase()));
}

function isSubsequence(short: string, long: string): boolean {
  let i = 0;
  for (let j = 0; j < long.length && i < short.length; j++) if (short[i] === long[j]) i++;
  return i === short.length;
}

/** `" Did you mean 'x'?"` or an empty string. */
export function didYouMean(suggestion: string | undefined): string {
  return suggestion ? ` Did you mean '${suggestion}'?` : '';
}

/** Upper-cases a protocol for comparison (ELB accepts any case). Non-strings give ''. */
export function upper(value: unknown): string {
  return typeof value === 'string' ? value.toUpperCase() : '';
}
