import type { DeployPlan } from './deploy-plan';

/** What replaces a secret in a plan or a rendering. */
export const REDACTED = '(redacted)';

const PEM_PRIVATE_KEY = /-----BEGIN ([A-Z0-9 ]*)PRIVATE KEY-----[\s\S]*?(-----END \1PRIVATE KEY-----|$)/g;
const SECRET_KEY_NAME = /^(private_?key|privateKeyPem|key_?pem|password|passphrase|secret|token|admin_?token)$/i;

const QUICK_SCAN = /PRIVATE KEY|"(private_?key|privateKeyPem|key_?pem|password|passphrase|secret|token|admin_?token)":/i;

/**
 * Returns a JSON-like value with secrets replaced by `(redacted)`: every PEM private key block
 * inside a string, and the value of every member whose name says it holds a secret (`privateKey`,
 * `private_key`, `password`, `token`, ...). When something is redacted the result is a deep copy;
 * when nothing needs to be (the usual case, found by one scan of the JSON text) it is the value
 * itself. Plans are redacted when built, when read and again when rendered, so a document that
 * holds key material by mistake never reaches a screen, a pull request or a plan file.
 */
export function redactSecrets<T>(value: T): T {
  const text = JSON.stringify(value);
  if (text === undefined || !mayHoldSecrets(text)) return value;
  return redact(value) as T;
}

/**
 * `redactSecrets(plan)` without writing the plan's documents out as JSON (1,000 documents of
 * ~10 kB each): only the rest of the plan is written out and scanned, and each document is
 * scanned in place (`jsonMayHoldSecrets`). The result is the same: the quick scan matches the
 * plan's text exactly when it matches the text of the plan without its documents or the text of
 * one of them (no match can straddle a member boundary).
 */
export function redactPlanSecrets(plan: DeployPlan): DeployPlan {
  const secrets = mayHoldSecrets(JSON.stringify(withoutDocuments(plan)))
    || plan.loadBalancers.some((lb) => lb.desired !== undefined && jsonMayHoldSecrets(lb.desired));
  return secrets ? redact(plan) as DeployPlan : plan;
}

/**
 * `redactSecrets` for a renderer that shows everything of a plan but the desired documents: the
 * plan, redacted, without its load balancers' `desired` (so they are not written out to be scanned).
 */
export function redactPlanForRendering(plan: DeployPlan): DeployPlan {
  return redactSecrets(withoutDocuments(plan));
}

function withoutDocuments(plan: DeployPlan): DeployPlan {
  return { ...plan, loadBalancers: plan.loadBalancers.map(({ desired: _desired, ...lb }) => lb) };
}

/**
 * The quick scan over a value's JSON text (`JSON.stringify`, with or without indentation: it
 * reads the same either way). False means nothing in the value needs redacting.
 */
export function mayHoldSecrets(jsonText: string): boolean {
  return QUICK_SCAN.test(jsonText);
}

const SECRET_MEMBER = /(^|")(private_?key|privateKeyPem|key_?pem|password|passphrase|secret|token|admin_?token)$/i;
const PRIVATE_KEY_WORDS = /PRIVATE KEY/i;

/**
 * The quick scan's answer for `JSON.stringify(value)`, found without writing the text: a string
 * (member name or value) holding `PRIVATE KEY` in any case, or a member whose name, as JSON writes
 * it before its colon, ends in `"<secret name>"` (the name itself, or a name ending in a quote and
 * the secret name). Values JSON writes in another shape than their members (a `Date`, an object
 * with `toJSON`, a class instance, a function) send the value to the text scan.
 */
export function jsonMayHoldSecrets(value: unknown): boolean {
  const verdict = scanInPlace(value);
  if (verdict !== undefined) return verdict;
  const text = JSON.stringify(value);
  return text !== undefined && mayHoldSecrets(text);
}

/** The words hold a space, so most strings (names, `true`, addresses) are passed over without a regex. */
const mentionsPrivateKey = (text: string): boolean => text.includes(' ') && PRIVATE_KEY_WORDS.test(text);

/** Member names repeat (`name`, `value`, ... in every document): each is judged once. */
const memberVerdicts = new Map<string, boolean>();
const MAX_MEMBER_VERDICTS = 1024;

function secretMember(key: string): boolean {
  let verdict = memberVerdicts.get(key);
  if (verdict === undefined) {
    verdict = SECRET_MEMBER.test(key) || mentionsPrivateKey(key);
    if (memberVerdicts.size >= MAX_MEMBER_VERDICTS) memberVerdicts.clear();
    memberVerdicts.set(key, verdict);
  }
  return verdict;
}

/** true/false as the text scan would answer, or undefined when only the text can tell. */
function scanInPlace(value: unknown): boolean | undefined {
  if (typeof value === 'string') return mentionsPrivateKey(value);
  if (value === null || typeof value === 'number' || typeof value === 'boolean') return false;
  if (typeof value !== 'object') return undefined;
  const proto = Object.getPrototypeOf(value);
  if (Array.isArray(value)) {
    if (proto !== Array.prototype) return undefined;
    for (const item of value) {
      if (item === undefined) continue; // written as null
      const found = scanInPlace(item);
      if (found !== false) return found;
    }
    return false;
  }
  if ((proto !== Object.prototype && proto !== null) || typeof (value as { toJSON?: unknown }).toJSON === 'function') return undefined;
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    const v = record[key];
    if (v === undefined) continue; // not written
    if (typeof v === 'function' || typeof v === 'symbol') return undefined;
    if (secretMember(key)) return true;
    const found = scanInPlace(v);
    if (found !== false) return found;
  }
  return false;
}

/** `redact` without the scan: a deep copy with every secret replaced (for a value `mayHoldSecrets` flagged). */
export function redactAll<T>(value: T): T {
  return redact(value) as T;
}

/** True when a string holds a PEM private key block. */
export function containsPrivateKey(text: string): boolean {
  PEM_PRIVATE_KEY.lastIndex = 0;
  const found = PEM_PRIVATE_KEY.test(text);
  PEM_PRIVATE_KEY.lastIndex = 0;
  return found;
}

function redact(value: unknown): unknown {
  if (typeof value === 'string') return containsPrivateKey(value) ? value.replace(PEM_PRIVATE_KEY, REDACTED) : value;
  if (Array.isArray(value)) return value.map((v) => redact(v));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (v === undefined) continue;
    out[k] = SECRET_KEY_NAME.test(k) && v !== null && v !== '' ? REDACTED : redact(v);
  }
  return out;
}
