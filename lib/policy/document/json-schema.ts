import { DOCUMENT_SHAPE, Shape } from './document-shape';

/** `$id` of the v1 JSON Schema. */
export const SCHEMA_ID = 'https://cdktf-secure-elb.invalid/schemas/load-balancer-document/v1.json';

function toSchema(shape: Shape): Record<string, unknown> {
  switch (shape.kind) {
    case 'string':
      return { type: 'string', description: shape.description, ...(shape.enum ? { enum: shape.enum } : {}), ...(shape.pattern ? { pattern: shape.pattern } : {}), ...(shape.maxLength ? { maxLength: shape.maxLength } : {}) };
    case 'integer':
      return { type: 'integer', description: shape.description, ...(shape.minimum !== undefined ? { minimum: shape.minimum } : {}), ...(shape.maximum !== undefined ? { maximum: shape.maximum } : {}), ...(shape.enum ? { enum: shape.enum } : {}) };
    case 'boolean':
      return { type: 'boolean', description: shape.description };
    case 'array':
      return { type: 'array', description: shape.description, items: toSchema(shape.items), ...(shape.maxItems ? { maxItems: shape.maxItems } : {}) };
    case 'map':
      return { type: 'object', description: shape.description, additionalProperties: toSchema(shape.values), propertyNames: { minLength: 1, maxLength: 128 }, ...(shape.maxProperties ? { maxProperties: shape.maxProperties } : {}) };
    case 'object': {
      const properties: Record<string, unknown> = {};
      for (const [k, f] of Object.entries(shape.fields)) properties[k] = toSchema(f.shape);
      return {
        type: 'object',
        description: shape.description,
        properties,
        required: Object.entries(shape.fields).filter(([, f]) => !f.optional).map(([k]) => k),
        additionalProperties: false,
      };
    }
  }
}

/** The JSON Schema (draft-07) text of the v1 document, derived from the same table as the parser. */
export function documentJsonSchema(): string {
  const root = toSchema(DOCUMENT_SHAPE);
  return `${JSON.stringify({
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: SCHEMA_ID,
    title: 'Classic load balancer document, version 1',
    ...root,
  }, null, 2)}\n`;
}
