import { decode, encode, ExtData } from '@msgpack/msgpack';
import { SeclbAttribute, SeclbAttributeType } from '../../../lib/targets/local/seclb-schema';
import { PluginErrors } from '../errors';
import { TerraformObject, TerraformPrimitive, UNKNOWN, Unknown } from './terraform-value';

/** A `tfplugin6.DynamicValue` as grpc-js hands it over (bytes as Buffers). */
export interface DynamicValueMessage {
  /** The msgpack encoding (what Terraform always sends). */
  readonly msgpack?: Uint8Array | null;
  /** The JSON encoding (never sent by Terraform). */
  readonly json?: Uint8Array | null;
}

const UNKNOWN_EXT = new ExtData(0, new Uint8Array([0]));

/**
 * Type-directed conversion between Terraform's DynamicValue encodings and flat objects of the
 * seclb schema: msgpack with nil for null and any extension for unknown (§4.3 of tfplugin6.md),
 * numbers accepted as any integer width, float or decimal string; JSON for stored state.
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
    for (const a of attributes) out[a.name] = DynamicValueCodec.primitive(map[a.name], a.type, `${what}.${a.name}`);
    return out;
  }

  /** Encodes an object (or null) with every schema attribute present, as msgpack. */
  public static encodeObject(value: TerraformObject | null, attributes: readonly SeclbAttribute[]): { msgpack: Buffer } {
    if (value === null) return { msgpack: Buffer.from([0xc0]) };
    const map: Record<string, unknown> = {};
    for (const a of [...attributes].sort((x, y) => (x.name < y.name ? -1 : 1))) {
      const v = value[a.name];
      map[a.name] = v === UNKNOWN ? UNKNOWN_EXT : v ?? null;
    }
    const bytes = encode(map);
    return { msgpack: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) };
  }

  /**
   * Reads stored state JSON (`RawState.json`) into an object of the current schema: attributes
   * missing from the JSON become null, attributes no longer in the schema are dropped.
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
    for (const a of attributes) out[a.name] = DynamicValueCodec.primitive((raw as Record<string, unknown>)[a.name] ?? null, a.type, `${what}.${a.name}`);
    return out;
  }

  private static primitive(v: unknown, type: SeclbAttributeType, where: string): TerraformPrimitive {
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
