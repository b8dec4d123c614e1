import type { LoadBalancerDocument } from '../../../lib/policy';
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
 * `redactSecrets(plan)` for a plan whose documents' JSON texts are known already (the diff has
 * them): only the rest of the plan is written out to look for secrets, and each document's own
 * text is scanned as it is. The result is the same: the quick scan matches the plan's text exactly
 * when it matches the text of the plan without its documents or the text of one of them (a match
 * cannot straddle a member boundary).
 *
 * @param plan the plan
 * @param documentText the JSON text of a document (`JSON.stringify(document)`)
 */
export function redactPlanSecrets(plan: DeployPlan, documentText: (document: LoadBalancerDocument) => string): DeployPlan {
  const secrets = mayHoldSecrets(JSON.stringify(withoutDocuments(plan)))
    || plan.loadBalancers.some((lb) => lb.desired !== undefined && mayHoldSecrets(documentText(lb.desired)));
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
