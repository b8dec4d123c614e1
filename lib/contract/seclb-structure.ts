import { Shape } from '../policy/document/document-shape';

/**
 * How a document of the policy model (a load-balancer document, a policy attachment) appears as a
 * structured Terraform attribute of the seclb provider: the same shape (the table in
 * lib/policy/document/document-shape.ts, never a second copy), with snake_case attribute names,
 * lists for arrays, maps for maps and nested objects for objects. Terraform can then diff and
 * point at single fields (`document.health_check.timeout_seconds`) instead of one JSON string.
 *
 * Internal to the package (not exported from lib/index.ts).
 */

/** A structured value as it appears in `cdk.tf.json` and (with nulls filled in) in state. */
export type StructuredValue = string | number | boolean | null | StructuredValue[] | { [name: string]: StructuredValue };

/** One step of a Terraform attribute path. */
export type AttributeStep = { attribute_name: string } | { element_key_int: number } | { element_key_string: string };

type ObjectShape = Extract<Shape, { kind: 'object' }>;

/** Conversions between policy-model documents and their structured Terraform form. */
export class SeclbStructure {
  /** The Terraform attribute name of a document field: `timeoutSeconds` → `timeout_seconds`. */
  public static attributeName(field: string): string {
    return field.replace(/([a-z0-9])([A-Z])/g, '$1_$2').replace(/([A-Z])([A-Z][a-z])/g, '$1_$2').toLowerCase();
  }

  /**
   * A document (camelCase JSON as the policy model writes it) in its Terraform form. Absent
   * optional fields are left out; values of another type than the shape says pass through as they
   * are, so the model's own checks report them with their codes.
   */
  public static toTerraform(shape: Shape, value: unknown): StructuredValue {
    if (value === null || value === undefined) return null;
    switch (shape.kind) {
      case 'array':
        return Array.isArray(value) ? value.map((v) => SeclbStructure.toTerraform(shape.items, v)) : value as StructuredValue;
      case 'map':
        if (typeof value !== 'object' || Array.isArray(value)) return value as StructuredValue;
        return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, SeclbStructure.toTerraform(shape.values, v)]));
      case 'object': {
        if (typeof value !== 'object' || Array.isArray(value)) return value as StructuredValue;
        const record = value as Record<string, unknown>;
        const out: { [name: string]: StructuredValue } = {};
        for (const [field, spec] of Object.entries(shape.fields)) {
          if (record[field] === undefined || record[field] === null) continue;
          out[SeclbStructure.attributeName(field)] = SeclbStructure.toTerraform(spec.shape, record[field]);
        }
        // Keys the shape does not know are kept, so the structural check names them.
        for (const [k, v] of Object.entries(record)) if (!(k in shape.fields)) out[k] = v as StructuredValue;
        return out;
      }
      default:
        return value as StructuredValue;
    }
  }

  /** The document (camelCase JSON) a Terraform value stands for; null optional fields are left out. */
  public static fromTerraform(shape: Shape, value: unknown): unknown {
    if (value === null || value === undefined) return undefined;
    switch (shape.kind) {
      case 'array':
        return Array.isArray(value) ? value.map((v) => SeclbStructure.fromTerraform(shape.items, v)) : value;
      case 'map':
        if (typeof value !== 'object' || Array.isArray(value)) return value;
        return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, SeclbStructure.fromTerraform(shape.values, v)]));
      case 'object': {
        if (typeof value !== 'object' || Array.isArray(value)) return value;
        const record = value as Record<string, unknown>;
        const out: Record<string, unknown> = {};
        const known = new Set<string>();
        for (const [field, spec] of Object.entries(shape.fields)) {
          const name = SeclbStructure.attributeName(field);
          known.add(name);
          const v = SeclbStructure.fromTerraform(spec.shape, record[name]);
          if (v !== undefined) out[field] = v;
        }
        for (const [k, v] of Object.entries(record)) if (!known.has(k)) out[k] = v;
        return out;
      }
      default:
        return value;
    }
  }

  /**
   * The Terraform attribute path of a field inside the document, from a policy-model path such as
   * `listeners[0].policyNames` or `tags["env"]`: the steps after the attribute itself. Unknown
   * parts end the path early (it then points at the nearest enclosing attribute).
   */
  public static steps(shape: Shape, path: string | undefined): AttributeStep[] {
    const steps: AttributeStep[] = [];
    if (!path) return steps;
    const tokens = path.match(/[A-Za-z0-9_]+|\[\d+\]|\["(?:[^"\\]|\\.)*"\]/g) ?? [];
    let at: Shape | undefined = shape;
    for (const token of tokens) {
      if (!at) break;
      if (token.startsWith('[')) {
        if (at.kind === 'array' && /^\[\d+\]$/.test(token)) {
          steps.push({ element_key_int: Number(token.slice(1, -1)) });
          at = at.items;
        } else if (at.kind === 'map' && token.startsWith('["')) {
          steps.push({ element_key_string: JSON.parse(token.slice(1, -1)) as string });
          at = at.values;
        } else break;
      } else {
        const field: ObjectShape['fields'][string] | undefined = at.kind === 'object' ? at.fields[token] : undefined;
        if (!field) break;
        steps.push({ attribute_name: SeclbStructure.attributeName(token) });
        at = field.shape;
      }
    }
    return steps;
  }

  private constructor() {}
}
