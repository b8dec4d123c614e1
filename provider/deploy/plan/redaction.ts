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
  if (text === undefined || !QUICK_SCAN.test(text)) return value;
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
