/**
 * A small validator for the draft-07 keywords LoadBalancerDocuments.JSON_SCHEMA uses (type,
 * properties, required, additionalProperties, items, enum, minimum, maximum, pattern, maxLength,
 * maxItems, maxProperties, propertyNames), so tests can check the schema against real documents
 * without a JSON Schema dependency. Returns the failing paths.
 */
export function schemaErrors(schema: any, value: unknown, path: string = '$'): string[] {
  const errors: string[] = [];
  const fail = (why: string) => errors.push(`${path}: ${why}`);
  const type = schema.type;
  const is: Record<string, (v: unknown) => boolean> = {
    object: (v) => v !== null && typeof v === 'object' && !Array.isArray(v),
    array: Array.isArray,
    string: (v) => typeof v === 'string',
    integer: (v) => Number.isInteger(v),
    boolean: (v) => typeof v === 'boolean',
  };
  if (type && !is[type](value)) return [`${path}: not ${type}`];
  if (schema.enum && !schema.enum.includes(value)) fail(`not in enum ${JSON.stringify(schema.enum)}`);
  if (typeof value === 'number') {
    if (schema.minimum !== undefined && value < schema.minimum) fail(`below ${schema.minimum}`);
    if (schema.maximum !== undefined && value > schema.maximum) fail(`above ${schema.maximum}`);
  }
  if (typeof value === 'string') {
    if (schema.pattern && !new RegExp(schema.pattern, 'u').test(value)) fail(`does not match ${schema.pattern}`);
    if (schema.maxLength !== undefined && value.length > schema.maxLength) fail('too long');
  }
  if (Array.isArray(value)) {
    if (schema.maxItems !== undefined && value.length > schema.maxItems) fail('too many items');
    value.forEach((v, i) => errors.push(...schemaErrors(schema.items ?? {}, v, `${path}[${i}]`)));
  }
  if (type === 'object') {
    const record = value as Record<string, unknown>;
    for (const key of schema.required ?? []) if (!(key in record)) fail(`missing ${key}`);
    if (schema.maxProperties !== undefined && Object.keys(record).length > schema.maxProperties) fail('too many properties');
    for (const [key, v] of Object.entries(record)) {
      if (schema.propertyNames) errors.push(...schemaErrors({ type: 'string', ...schema.propertyNames }, key, `${path}{${key}}`));
      const sub = schema.properties?.[key];
      if (sub) errors.push(...schemaErrors(sub, v, `${path}.${key}`));
      else if (schema.additionalProperties === false) fail(`unknown key ${key}`);
      else if (typeof schema.additionalProperties === 'object') errors.push(...schemaErrors(schema.additionalProperties, v, `${path}.${key}`));
    }
  }
  return errors;
}
