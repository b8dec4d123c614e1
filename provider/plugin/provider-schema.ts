import { SECLB_PROVIDER_CONFIG, SECLB_RESOURCE_TYPES, SeclbAttribute, SeclbResourceType } from '../../lib/targets/local/seclb-schema';

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

function attributeMessage(a: SeclbAttribute): object {
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
 * `lib/targets/local/seclb-schema.ts` (never defined a second time).
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
