/**
 * Terraform values as the plugin handles them. The seclb schema has only primitive attributes
 * (string, number, bool) at the top level of each object, so a resource value is a flat object
 * whose attributes are primitives, null, or unknown ("known after apply").
 */

/** The unknown value of any type (msgpack extension type 0 on the wire). */
export const UNKNOWN: unique symbol = Symbol.for('seclb.terraform.unknown');

/** The type of `UNKNOWN`. */
export type Unknown = typeof UNKNOWN;

/** One attribute's value. */
export type TerraformPrimitive = string | number | boolean | null | Unknown;

/** A resource or provider configuration object: every schema attribute present. */
export type TerraformObject = { [attribute: string]: TerraformPrimitive };

/** True when `v` is the unknown value. */
export function isUnknown(v: unknown): v is Unknown {
  return v === UNKNOWN;
}

/** `v` when it is a known string, else undefined (null or unknown). */
export function knownString(v: TerraformPrimitive | undefined): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

/** `v` when it is a known number, else undefined. */
export function knownNumber(v: TerraformPrimitive | undefined): number | undefined {
  return typeof v === 'number' ? v : undefined;
}
