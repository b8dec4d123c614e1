import { readdirSync, readFileSync, statSync } from 'fs';
import { join } from 'path';
import { ErrorCodes } from '../../lib/policy/error-codes';

/** Every code of the policy model with its severity. Codes are never reused or renamed: edit with care. */
const PINNED: [string, string][] = [
  ['SECLB_DOC_INVALID_JSON', 'error'],
  ['SECLB_DOC_SCHEMA_VERSION_UNSUPPORTED', 'error'],
  ['SECLB_DOC_UNKNOWN_KEY', 'error'],
  ['SECLB_DOC_MISSING_FIELD', 'error'],
  ['SECLB_DOC_WRONG_TYPE', 'error'],
  ['SECLB_LB_NAME_INVALID', 'error'],
  ['SECLB_PLACEMENT_ZONES_AND_SUBNETS', 'error'],
  ['SECLB_PLACEMENT_MISSING', 'error'],
  ['SECLB_LISTENERS_EMPTY', 'error'],
  ['SECLB_TOO_MANY_LISTENERS', 'error'],
  ['SECLB_TOO_MANY_INSTANCES', 'error'],
  ['SECLB_LISTENER_PORT_OUT_OF_RANGE', 'error'],
  ['SECLB_LISTENER_PROTOCOL_UNSUPPORTED', 'error'],
  ['SECLB_LISTENER_PROTOCOL_PAIR_INVALID', 'error'],
  ['SECLB_LISTENER_INSTANCE_PORT_SECURITY_MISMATCH', 'error'],
  ['SECLB_LISTENER_DUPLICATE_PORT', 'error'],
  ['SECLB_LISTENER_CERTIFICATE_REQUIRED', 'error'],
  ['SECLB_LISTENER_CERTIFICATE_UNEXPECTED', 'error'],
  ['SECLB_POLICY_NAME_INVALID', 'error'],
  ['SECLB_POLICY_NAME_RESERVED', 'error'],
  ['SECLB_POLICY_DUPLICATE_NAME', 'error'],
  ['SECLB_POLICY_TYPE_UNKNOWN', 'error'],
  ['SECLB_POLICY_ATTRIBUTE_NOT_IN_TYPE', 'error'],
  ['SECLB_POLICY_ATTRIBUTE_MISSING', 'error'],
  ['SECLB_POLICY_ATTRIBUTE_REPEATED', 'error'],
  ['SECLB_POLICY_ATTRIBUTE_VALUE_INVALID', 'error'],
  ['SECLB_POLICY_NOT_FOUND', 'error'],
  ['SECLB_POLICY_NOT_A_PUBLIC_KEY_POLICY', 'error'],
  ['SECLB_POLICY_SSL_NEGOTIATION_ON_PLAIN_LISTENER', 'error'],
  ['SECLB_POLICY_MULTIPLE_SSL_NEGOTIATION', 'error'],
  ['SECLB_POLICY_STICKINESS_ON_TCP_LISTENER', 'error'],
  ['SECLB_POLICY_MULTIPLE_STICKINESS', 'error'],
  ['SECLB_POLICY_BACKEND_POLICY_ON_LISTENER', 'error'],
  ['SECLB_POLICY_PUBLIC_KEY_ATTACHED', 'error'],
  ['SECLB_BACKEND_PORT_OUT_OF_RANGE', 'error'],
  ['SECLB_BACKEND_DUPLICATE_PORT', 'error'],
  ['SECLB_BACKEND_PORT_UNUSED', 'warning'],
  ['SECLB_POLICY_LISTENER_POLICY_ON_BACKEND', 'error'],
  ['SECLB_POLICY_BACKEND_AUTH_ON_PLAIN_BACKEND', 'error'],
  ['SECLB_POLICY_PROXY_PROTOCOL_ON_HTTP_LISTENER', 'error'],
  ['SECLB_POLICY_PROXY_PROTOCOL_SSL_TO_SSL', 'warning'],
  ['SECLB_HC_TARGET_INVALID', 'error'],
  ['SECLB_HC_TARGET_TOO_LONG', 'error'],
  ['SECLB_HC_INTERVAL_OUT_OF_RANGE', 'error'],
  ['SECLB_HC_TIMEOUT_OUT_OF_RANGE', 'error'],
  ['SECLB_HC_THRESHOLD_OUT_OF_RANGE', 'error'],
  ['SECLB_HC_TIMEOUT_NOT_BELOW_INTERVAL', 'error'],
  ['SECLB_IDLE_TIMEOUT_OUT_OF_RANGE', 'error'],
  ['SECLB_IDLE_TIMEOUT_ABOVE_SDK_MAXIMUM', 'warning'],
  ['SECLB_DRAINING_TIMEOUT_OUT_OF_RANGE', 'error'],
  ['SECLB_ACCESS_LOG_EMIT_INTERVAL_INVALID', 'error'],
  ['SECLB_ACCESS_LOG_PREFIX_CONTAINS_AWSLOGS', 'error'],
  ['SECLB_ACCESS_LOG_BUCKET_REQUIRED', 'error'],
  ['SECLB_DESYNC_MODE_INVALID', 'error'],
  ['SECLB_TAGS_TOO_MANY', 'error'],
  ['SECLB_TAG_KEY_INVALID', 'error'],
  ['SECLB_TAG_VALUE_INVALID', 'error'],
  ['SECLB_INSTANCE_ID_EMPTY', 'error'],
  ['SECLB_INSTANCE_DUPLICATE', 'error'],
  ['SECLB_INSTANCE_ID_INVALID', 'error'],
  ['SECLB_POLICY_UNKNOWN_ATTRIBUTE', 'error'],
  ['SECLB_POLICY_NO_PROTOCOL', 'error'],
  ['SECLB_POLICY_NO_CIPHER', 'error'],
  ['SECLB_POLICY_NO_USABLE_CIPHER_FOR_PROTOCOLS', 'error'],
  ['SECLB_POLICY_SSLV2_UNSUPPORTED', 'error'],
  ['SECLB_POLICY_MIXED_FORMS', 'error'],
  ['SECLB_POLICY_ENABLE_DISABLE_CONFLICT', 'error'],
  ['SECLB_POLICY_UNKNOWN_PREDEFINED', 'error'],
  ['SECLB_POLICY_NOT_A_PROTOCOL', 'error'],
  ['SECLB_POLICY_NOT_A_CIPHER', 'error'],
  ['SECLB_POLICY_REFERENCE_IN_LIST', 'error'],
  ['SECLB_POLICY_BAD_BOOLEAN', 'error'],
  ['SECLB_POLICY_DUPLICATE_ATTRIBUTE', 'error'],
  ['SECLB_CERT_BODY_NOT_PEM', 'error'],
  ['SECLB_CERT_BODY_NOT_SINGLE', 'error'],
  ['SECLB_CERT_TOO_LARGE', 'error'],
  ['SECLB_CERT_NAME_INVALID', 'error'],
  ['SECLB_CERT_PATH_INVALID', 'error'],
  ['SECLB_CERT_KEY_NOT_PEM', 'error'],
  ['SECLB_CERT_KEY_ENCRYPTED', 'error'],
  ['SECLB_CERT_KEY_PAIR_MISMATCH', 'error'],
  ['SECLB_CERT_KEY_TYPE_UNSUPPORTED', 'error'],
  ['SECLB_CERT_NOT_YET_VALID', 'error'],
  ['SECLB_CERT_EXPIRED', 'error'],
  ['SECLB_CERT_CHAIN_NOT_PEM', 'error'],
  ['SECLB_CERT_CHAIN_MISSING', 'warning'],
  ['SECLB_CERT_CHAIN_INCLUDES_LEAF', 'error'],
  ['SECLB_CERT_CHAIN_ORDER', 'error'],
  ['SECLB_CERT_CHAIN_BROKEN', 'error'],
  ['SECLB_PUBLIC_KEY_EMPTY', 'error'],
  ['SECLB_PUBLIC_KEY_INVALID', 'error'],
  ['SECLB_PUBLIC_KEY_PRIVATE_KEY_GIVEN', 'error'],
  ['SECLB_PUBLIC_KEY_MULTIPLE', 'error'],
  ['SECLB_PUBLIC_KEY_NOT_NORMALIZED', 'error'],
  ['SECLB_WARN_SSLV3_ENABLED', 'warning'],
  ['SECLB_WARN_TLS10_ENABLED', 'warning'],
  ['SECLB_WARN_TLS11_ENABLED', 'warning'],
  ['SECLB_WARN_3DES', 'warning'],
  ['SECLB_WARN_WEAK_CIPHER', 'warning'],
  ['SECLB_WARN_CLIENT_CIPHER_ORDER', 'warning'],
  ['SECLB_WARN_NO_BACKEND_AUTH', 'warning'],
  ['SECLB_WARN_HTTP_WITHOUT_HTTPS', 'warning'],
  ['SECLB_WARN_HEALTH_CHECK_PORT_UNSERVED', 'warning'],
];

const ROOT = join(__dirname, '..', '..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });
}

describe('ErrorCodes', () => {
  test('pins every code and its severity', () => {
    expect(ErrorCodes.all().map((e) => [e.code, e.severity])).toEqual(PINNED);
  });

  test('codes are unique, well-formed, and each has a one-line title', () => {
    const codes = ErrorCodes.all().map((e) => e.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const e of ErrorCodes.all()) {
      expect(e.code).toMatch(/^SECLB_[A-Z0-9_]+$/);
      expect(e.title).toMatch(/^[A-Z].*\.$/);
      expect(e.title).not.toContain('\n');
    }
  });

  test('find returns the entry, or undefined for an unknown code', () => {
    expect(ErrorCodes.find('SECLB_HC_TIMEOUT_NOT_BELOW_INTERVAL')?.area).toBe('health-check');
    expect(ErrorCodes.find('SECLB_NOPE')).toBeUndefined();
  });

  test('every SECLB_* literal in lib/policy is registered', () => {
    const used = new Set<string>();
    for (const file of sources(join(ROOT, 'lib', 'policy'))) {
      for (const m of readFileSync(file, 'utf8').matchAll(/'(SECLB_[A-Z0-9_]+)'/g)) used.add(m[1]);
    }
    const registered = new Set(ErrorCodes.all().map((e) => e.code));
    expect([...used].filter((c) => !registered.has(c))).toEqual([]);
    expect([...registered].filter((c) => !used.has(c))).toEqual([]);
  });

  test('every registered code is asserted by at least one test under test/policy', () => {
    const tests = sources(join(ROOT, 'test', 'policy')).filter((f) => f.endsWith('.test.ts') && !f.endsWith('error-codes.test.ts'))
      .map((f) => readFileSync(f, 'utf8')).join('\n');
    expect(ErrorCodes.all().map((e) => e.code).filter((c) => !tests.includes(c))).toEqual([]);
  });

  test('the policy model\'s sections of docs/errors.md document exactly the registered codes', () => {
    const page = readFileSync(join(ROOT, 'docs', 'errors.md'), 'utf8');
    // The model's sections come first; construct, target and provider codes follow (test/project/error-registries.test.ts).
    const doc = page.slice(0, page.indexOf('\n## Construct and target codes\n'));
    const documented = [...doc.matchAll(/^\| `(SECLB_[A-Z0-9_]+)` \|/gm)].map((m) => m[1]);
    expect(documented.sort()).toEqual(ErrorCodes.all().map((e) => e.code).sort());
  });
});
