import { decode, encode, ExtData } from '@msgpack/msgpack';
import { Shape } from '../../../lib/policy/document/document-shape';
import { SeclbAttribute } from '../../../lib/contract/seclb-schema';
import { SeclbStructure } from '../../../lib/contract/seclb-structure';
import { PluginErrors } from '../errors';
import { TerraformObject, TerraformPrimitive, TerraformValue, UNKNOWN, Unknown } from './terraform-value';

/** A `tfplugin6.DynamicValue` as grpc-js hands it over (bytes as Buffers). */
export interface DynamicValueMessage {
  /** The msgpack encoding (what Terraform always sends). */
  readonly msgpack?: Uint8Array | null;
  /** The JSON encoding (never sent by Terraform). */
  readonly json?: Uint8Array | null;
}

const UNKNOWN_EXT = new ExtData(0, new Uint8Array([0]));

type PrimitiveType = 'string' | 'number' | 'bool';

const PRIMITIVE: { [kind: string]: PrimitiveType } = { string: 'string', integer: 'number', boolean: 'bool' };

/**
 * Type-directed conversion between Terraform's DynamicValue encodings and objects of the seclb
 * schema: msgpack with nil for null and any extension for unknown (§4.3 of tfplugin6.md), numbers
 * accepted as any integer width, float or decimal string; JSON for stored state. Structured
 * attributes are walked along their document shape (snake_case names, every attribute present).
 */
export class DynamicValueCodec {
  /**
   * Decodes an object value: null (`c0`, empty, or absent), unknown (an extension), or an
   * object with exactly the schema's attributes.
   * @param what names the value in error messages, e.g. `config of seclb_load_balancer`
   */
  public static decodeObject(value: DynamicValueMessage | null | undefined, attributes: readonly SeclbAttribute[], what: string): TerraformObject | null | Unknown {
    let raw: unknown;
    if (value?.msgpack && value.msgpack.length > 0) {
      try {
        raw = decode(value.msgpack, { useBigInt64: true });
      } catch (e) {
        throw PluginErrors.valueDecode(what, `msgpack: ${(e as Error).message}`);
      }
    } else if (value?.json && value.json.length > 0) {
      raw = JSON.parse(Buffer.from(value.json).toString('utf8'));
    } else {
      return null;
    }
    if (raw === null) return null;
    if (raw instanceof ExtData) return UNKNOWN;
    if (typeof raw !== 'object' || Array.isArray(raw)) throw PluginErrors.valueDecode(what, `expected an object, got ${typeof raw}`);
    const map = raw as Record<string, unknown>;
    const names = new Set(attributes.map((a) => a.name));
    const extra = Object.keys(map).filter((k) => !names.has(k));
    if (extra.length) throw PluginErrors.valueDecode(what, `unsupported attribute(s) ${extra.join(', ')}`);
    const out: TerraformObject = {};
    for (const a of attributes) out[a.name] = DynamicValueCodec.attribute(map[a.name], a, `${what}.${a.name}`);
    return out;
  }

  /** Encodes an object (or null) with every schema attribute present, as msgpack. */
  public static encodeObject(value: TerraformObject | null, attributes: readonly SeclbAttribute[]): { msgpack: Buffer } {
    if (value === null) return { msgpack: Buffer.from([0xc0]) };
    const map: Record<string, unknown> = {};
    for (const a of [...attributes].sort((x, y) => (x.name < y.name ? -1 : 1))) {
      const v = value[a.name];
      map[a.name] = a.shape ? DynamicValueCodec.encodeStructured(v ?? null, a.shape) : v === UNKNOWN ? UNKNOWN_EXT : v ?? null;
    }
    const bytes = encode(map);
    return { msgpack: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) };
  }

  /**
   * Reads stored state JSON (`RawState.json`) into an object of the current schema: attributes
   * missing from the JSON become null, attributes no longer in the schema are dropped, and a
   * structured attribute stored as a JSON string (schema version 0) is read into its structure.
   */
  public static fromStateJson(json: string, attributes: readonly SeclbAttribute[], what: string): TerraformObject {
    let raw: unknown;
    try {
      raw = JSON.parse(json);
    } catch (e) {
      throw PluginErrors.valueDecode(what, `JSON: ${(e as Error).message}`);
    }
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw PluginErrors.valueDecode(what, 'expected a JSON object');
    const out: TerraformObject = {};
    for (const a of attributes) {
      let v = (raw as Record<string, unknown>)[a.name] ?? null;
      if (a.shape && typeof v === 'string') {
        try {
          v = SeclbStructure.toTerraform(a.shape, JSON.parse(v));
        } catch (e) {
          throw PluginErrors.valueDecode(`${what}.${a.name}`, `the JSON string of schema version 0 is not JSON (${(e as Error).message})`);
        }
      }
      out[a.name] = DynamicValueCodec.attribute(v, a, `${what}.${a.name}`);
    }
    return out;
  }

  private static attribute(v: unknown, a: SeclbAttribute, where: string): TerraformValue {
    if (a.shape) return DynamicValueCodec.structured(v, a.shape, where);
    if (a.type === 'structured') throw PluginErrors.valueDecode(where, 'a structured attribute without a shape');
    return DynamicValueCodec.primitive(v, a.type, where);
  }

  /** Decodes a structured value along its shape: objects get every attribute (null when absent). */
  private static structured(v: unknown, shape: Shape, where: string): TerraformValue {
    if (v === null || v === undefined) return null;
    if (v instanceof ExtData) return UNKNOWN;
    switch (shape.kind) {
      case 'array':
        if (!Array.isArray(v)) break;
        return v.map((item, i) => DynamicValueCodec.structured(item, shape.items, `${where}[${i}]`));
      case 'map':
        if (typeof v !== 'object' || Array.isArray(v)) break;
        return Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, DynamicValueCodec.structured(x, shape.values, `${where}[${JSON.stringify(k)}]`)]));
      case 'object': {
        if (typeof v !== 'object' || Array.isArray(v)) break;
        const record = v as Record<string, unknown>;
        const out: { [key: string]: TerraformValue } = {};
        for (const [field, f] of Object.entries(shape.fields)) {
          const name = SeclbStructure.attributeName(field);
          out[name] = DynamicValueCodec.structured(record[name], f.shape, `${where}.${name}`);
        }
        const extra = Object.keys(record).filter((k) => !(k in out));
        if (extra.length) throw PluginErrors.valueDecode(where, `unsupported attribute(s) ${extra.join(', ')}`);
        return out;
      }
      default:
        return DynamicValueCodec.primitive(v, PRIMITIVE[shape.kind], where);
    }
    throw PluginErrors.valueDecode(where, `expected ${shape.kind === 'array' ? 'a list' : shape.kind === 'map' ? 'a map' : 'an object'}, got ${Array.isArray(v) ? 'a list' : typeof v}`);
  }

  /** The msgpack-ready form of a structured value: unknown as the extension, every object attribute present. */
  private static encodeStructured(v: TerraformValue, shape: Shape): unknown {
    if (v === UNKNOWN) return UNKNOWN_EXT;
    if (v === null || v === undefined) return null;
    switch (shape.kind) {
      case 'array':
        return Array.isArray(v) ? v.map((x) => DynamicValueCodec.encodeStructured(x, shape.items)) : v;
      case 'map':
        return typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, DynamicValueCodec.encodeStructured(x, shape.values)])) : v;
      case 'object': {
        if (typeof v !== 'object' || Array.isArray(v)) return v;
        const record = v as { [key: string]: TerraformValue };
        return Object.fromEntries(Object.entries(shape.fields).map(([field, f]) => {
          const name = SeclbStructure.attributeName(field);
          return [name, DynamicValueCodec.encodeStructured(record[name] ?? null, f.shape)];
        }));
      }
      default:
        return v;
    }
  }

  private static primitive(v: unknown, type: PrimitiveType, where: string): TerraformPrimitive {
    if (v === null || v === undefined) return null;
    if (v instanceof ExtData) return UNKNOWN;
    switch (type) {
      case 'string':
        if (typeof v === 'string') return v;
        break;
      case 'bool':
        if (typeof v === 'boolean') return v;
        break;
      case 'number':
        if (typeof v === 'number') return v;
        if (typeof v === 'bigint') return Number(v);
        if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
        break;
    }
    throw PluginErrors.valueDecode(where, `expected a ${type}, got ${typeof v}`);
  }

  private constructor() {}
}
