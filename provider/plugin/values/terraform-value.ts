/**
 * Terraform values as the plugin handles them. A resource value is an object whose attributes are
 * primitives (string, number, bool), null, unknown ("known after apply"), or, for structured
 * attributes (documents as nested attributes), lists, maps and objects of those.
 */

/** The unknown value of any type (msgpack extension type 0 on the wire). */
export const UNKNOWN: unique symbol = Symbol.for('seclb.terraform.unknown');

/** The type of `UNKNOWN`. */
export type Unknown = typeof UNKNOWN;

/** One attribute's value. */
export type TerraformPrimitive = string | number | boolean | null | Unknown;

/** Any value: a primitive, or a list, map or object of values (unknown may appear at any depth). */
export type TerraformValue = TerraformPrimitive | TerraformValue[] | { [key: string]: TerraformValue };

/** A resource or provider configuration object: every schema attribute present. */
export type TerraformObject = { [attribute: string]: TerraformValue };

/** True when `v` is the unknown value. */
export function isUnknown(v: unknown): v is Unknown {
  return v === UNKNOWN;
}

/** `v` when it is a known string, else undefined (null or unknown). */
export function knownString(v: TerraformValue | undefined): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

/** `v` when it is a known number, else undefined. */
export function knownNumber(v: TerraformValue | undefined): number | undefined {
  return typeof v === 'number' ? v : undefined;
}

/** True when `v` is unknown or holds an unknown value at any depth. */
export function containsUnknown(v: TerraformValue | undefined): boolean {
  if (v === UNKNOWN) return true;
  if (v === null || typeof v !== 'object') return false;
  return (Array.isArray(v) ? v : Object.values(v)).some(containsUnknown);
}
