import { Shape } from '../../lib/policy/document/document-shape';
import { SeclbStructure } from '../../lib/contract/seclb-structure';
import { SECLB_PROVIDER_CONFIG, SECLB_RESOURCE_TYPES, SeclbAttribute, SeclbResourceType } from '../../lib/contract/seclb-schema';

/** `tfplugin6.StringKind.MARKDOWN`: descriptions in the seclb schema are Markdown. */
const MARKDOWN = 1;

/** A `tfplugin6.Schema` message in the shape @grpc/proto-loader encodes (keepCase). */
export interface SchemaMessage {
  readonly version: number;
  readonly block: {
    readonly version: number;
    readonly attributes: object[];
    readonly block_types: object[];
    readonly description: string;
    readonly description_kind: number;
  };
}

/** `tfplugin6.Schema.Object.NestingMode`. */
const NESTING_SINGLE = 1;
const NESTING_LIST = 2;

/** The Terraform type of a shape made of primitives, lists and maps (cty JSON type notation). */
function ctyType(shape: Shape): unknown {
  switch (shape.kind) {
    case 'string': return 'string';
    case 'integer': return 'number';
    case 'boolean': return 'bool';
    case 'array': return ['list', ctyType(shape.items)];
    case 'map': return ['map', ctyType(shape.values)];
    case 'object': return ['object', Object.fromEntries(Object.entries(shape.fields).map(([k, f]) => [SeclbStructure.attributeName(k), ctyType(f.shape)]))];
  }
}

/** The nested object type of an object shape, or of a list of them; undefined for other shapes. */
function nestedType(shape: Shape): object | undefined {
  if (shape.kind === 'object') {
    return {
      nesting: NESTING_SINGLE,
      attributes: Object.entries(shape.fields).map(([field, f]) => shapeAttribute(SeclbStructure.attributeName(field), f.shape, f.optional !== true)),
    };
  }
  if (shape.kind === 'array' && shape.items.kind === 'object') return { ...nestedType(shape.items), nesting: NESTING_LIST };
  return undefined;
}

/** One field of a document shape as a schema attribute: nested for objects and lists of objects. */
function shapeAttribute(name: string, shape: Shape, required: boolean): object {
  const nested = nestedType(shape);
  return {
    name,
    ...(nested ? { nested_type: nested } : { type: Buffer.from(JSON.stringify(ctyType(shape))) }),
    description: shape.description,
    description_kind: MARKDOWN,
    required,
    optional: !required,
    computed: false,
    sensitive: false,
  };
}

function attributeMessage(a: SeclbAttribute): object {
  if (a.type === 'structured' && a.shape) return { ...shapeAttribute(a.name, a.shape, a.required === true), description: a.description };
  return {
    name: a.name,
    type: Buffer.from(JSON.stringify(a.type)),
    description: a.description,
    description_kind: MARKDOWN,
    required: a.required === true,
    optional: a.optional === true,
    computed: a.computed === true,
    sensitive: a.sensitive === true,
  };
}

function schemaMessage(version: number, description: string, attributes: readonly SeclbAttribute[]): SchemaMessage {
  return {
    version,
    block: { version, attributes: attributes.map(attributeMessage), block_types: [], description, description_kind: MARKDOWN },
  };
}

/**
 * The `seclb` provider's schema as protocol-6 messages, converted from THE schema in
 * `lib/contract/seclb-schema.ts` (never defined a second time).
 */
export class ProviderSchema {
  /** The provider block's schema. */
  public static provider(): SchemaMessage {
    return schemaMessage(0, 'The seclb provider: deploys Classic load balancers, their policies and server certificates to the local engine.', SECLB_PROVIDER_CONFIG);
  }

  /** Resource type name → schema. */
  public static resources(): { [typeName: string]: SchemaMessage } {
    const out: { [typeName: string]: SchemaMessage } = {};
    for (const t of SECLB_RESOURCE_TYPES) out[t.typeName] = schemaMessage(t.version, t.description, t.attributes);
    return out;
  }

  /** One resource type by name, or undefined. */
  public static resourceType(typeName: string): SeclbResourceType | undefined {
    return SECLB_RESOURCE_TYPES.find((t) => t.typeName === typeName);
  }

  private constructor() {}
}
