import { Finding } from '../findings';
import { CipherPolicies } from './cipher-policies';
import { CipherPolicyResolution } from './cipher-policy-resolution';
import { PolicyAttribute } from './policy-attribute';

/** One attribute list resolved: the result at the path it was first asked for. */
interface Resolved {
  readonly path: string;
  readonly resolution: CipherPolicyResolution;
}

/** Resolutions by attribute-list content (`contentKey`). */
const resolved = new Map<string, Resolved>();
/** Bound on distinct attribute lists kept; a stack repeats a few policies many times. */
const MAX_RESOLVED_LISTS = 1024;

/**
 * A key for an attribute list's content (names and values, length-prefixed so no two lists share
 * one), or undefined when the list holds anything but `{ name: string, value: string }` entries
 * (such lists are resolved every time).
 */
function contentKey(attributes: PolicyAttribute[]): string | undefined {
  if (!Array.isArray(attributes)) return undefined;
  let key = '';
  for (let i = 0; i < attributes.length; i++) {
    const a = attributes[i] as unknown as { name?: unknown; value?: unknown } | null;
    if (a === null || typeof a !== 'object' || typeof a.name !== 'string' || typeof a.value !== 'string') return undefined;
    key += `|${a.name.length}:${a.name}${a.value.length}:${a.value}`;
  }
  return key;
}

/**
 * `CipherPolicies.fromAttributes(attributes, path)`, resolved once per distinct attribute list in
 * this process: validation, the engine's compiler, the deploy core's security review and the plan
 * renderer all resolve through here, so a plan of 1,000 load balancers sharing a few cipher
 * policies resolves each list once (each holds the complete canonical set of ~90 attributes).
 *
 * The resolution is a pure function of the names and values; only the findings' paths depend on
 * `path`. A list with no findings is therefore shared whatever the path; one with findings is
 * resolved again when asked for at another path. Callers get their own copies of the findings;
 * the resolved policy is shared and must not be changed (its fields are readonly).
 *
 * @param attributes an SSL negotiation policy's attribute list
 * @param path the property path findings name @default 'attributes'
 */
export function resolveSslPolicyAttributes(attributes: PolicyAttribute[], path: string = 'attributes'): CipherPolicyResolution {
  const key = contentKey(attributes);
  if (key === undefined) return CipherPolicies.fromAttributes(attributes, path);
  let entry = resolved.get(key);
  if (entry === undefined || (entry.path !== path && entry.resolution.findings.length > 0)) {
    entry = { path, resolution: CipherPolicies.fromAttributes(attributes, path) };
    if (resolved.size >= MAX_RESOLVED_LISTS) resolved.clear();
    resolved.set(key, entry);
  }
  const { policy, findings } = entry.resolution;
  return { ...(policy === undefined ? {} : { policy }), findings: findings.map((f: Finding) => ({ ...f })) };
}
