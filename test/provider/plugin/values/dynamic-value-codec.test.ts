import { encode, ExtData } from '@msgpack/msgpack';
import { SECLB_LOAD_BALANCER } from '../../../../lib/contract/seclb-schema';
import { DynamicValueCodec } from '../../../../provider/plugin/values/dynamic-value-codec';
import { containsUnknown, UNKNOWN } from '../../../../provider/plugin/values/terraform-value';
import { lbDocument, listener } from '../../engine/helpers/documents';
import { structuredDocument } from '../helpers/structured';

const ATTRS = SECLB_LOAD_BALANCER.attributes;
const mp = (v: unknown) => ({ msgpack: Buffer.from(encode(v, { useBigInt64: true })) });
const full = (o: Record<string, unknown>) => ({ id: null, name: null, document: null, revision: null, dns_name: null, ...o });

test('null objects: c0, an empty DynamicValue, or none at all', () => {
  expect(DynamicValueCodec.decodeObject({ msgpack: Buffer.from([0xc0]) }, ATTRS, 'x')).toBeNull();
  expect(DynamicValueCodec.decodeObject({ msgpack: Buffer.alloc(0) }, ATTRS, 'x')).toBeNull();
  expect(DynamicValueCodec.decodeObject(undefined, ATTRS, 'x')).toBeNull();
});

test('unknown: the plain d4 00 00, the c7 00 00 form and refined (type 12) unknowns', () => {
  expect(DynamicValueCodec.decodeObject({ msgpack: Buffer.from([0xd4, 0, 0]) }, ATTRS, 'x')).toBe(UNKNOWN);
  const refined = Buffer.from('c7090c8201c202a47072652d', 'hex');
  const value = DynamicValueCodec.decodeObject(mp(full({ name: new ExtData(12, refined.subarray(3)), document: new ExtData(0, new Uint8Array([0])) })), ATTRS, 'x') as Record<string, unknown>;
  expect(value.name).toBe(UNKNOWN);
  expect(value.document).toBe(UNKNOWN);
  expect(DynamicValueCodec.decodeObject({ msgpack: Buffer.from([0xc7, 0, 0]) }, ATTRS, 'x')).toBe(UNKNOWN);
});

test('numbers arrive as any integer width, a float, a bigint or a decimal string', () => {
  for (const n of [3, 1000, 2.5, BigInt(7), '12']) {
    const v = DynamicValueCodec.decodeObject(mp(full({ revision: n })), ATTRS, 'x') as Record<string, unknown>;
    expect(v.revision).toBe(Number(n));
  }
});

test('an object with a missing or an extra attribute is refused with a coded error', () => {
  expect(() => DynamicValueCodec.decodeObject(mp({ ...full({}), extra: 1 }), ATTRS, 'config')).toThrow(/SECLB_PLUGIN_VALUE_DECODE: .*unsupported attribute\(s\) extra/);
  expect(() => DynamicValueCodec.decodeObject(mp(full({ name: 5 })), ATTRS, 'config')).toThrow(/config\.name/);
});

const doc = lbDocument('web', { listeners: [listener(80, 'HTTP', 8080, 'HTTP')], healthCheck: { target: 'TCP:8080' }, instances: [{ instanceId: 'i-1', address: '127.0.0.11' }] });

/** The structured document with every optional attribute present as null (as Terraform sends it). */
const withNulls = (v: any) => ({ ...v, access_log: null, listeners: v.listeners.map((l: any) => ({ ssl_certificate_id: null, ...l })) });

test('encoding writes every attribute, unknown as d4 00 00, and round-trips', () => {
  const document = structuredDocument(doc);
  const encoded = DynamicValueCodec.encodeObject({ id: 'web', name: 'web', document, revision: UNKNOWN, dns_name: null }, ATTRS);
  expect(encoded.msgpack.includes(Buffer.from([0xd4, 0, 0]))).toBe(true);
  const back = DynamicValueCodec.decodeObject(encoded, ATTRS, 'x') as Record<string, unknown>;
  expect(back).toEqual({ id: 'web', name: 'web', document: withNulls(document), revision: UNKNOWN, dns_name: null });
  expect(DynamicValueCodec.encodeObject(null, ATTRS).msgpack).toEqual(Buffer.from([0xc0]));
});

test('stored JSON state: missing attributes become null, attributes no longer in the schema are dropped', () => {
  expect(DynamicValueCodec.fromStateJson('{"name":"web","revision":4,"old":true}', ATTRS, 'state')).toEqual(full({ name: 'web', revision: 4 }));
});

test('structured attributes: snake_case nested attributes, unknown at any depth, wrong kinds refused at their path', () => {
  const document = structuredDocument(doc) as any;
  expect(document.health_check).toEqual({ target: 'TCP:8080', interval_seconds: 20, timeout_seconds: 15, healthy_threshold: 2, unhealthy_threshold: 2 });
  const partly = { ...document, idle_timeout_seconds: new ExtData(0, new Uint8Array([0])) };
  const value = DynamicValueCodec.decodeObject(mp(full({ document: partly })), ATTRS, 'x') as any;
  expect(value.document.idle_timeout_seconds).toBe(UNKNOWN);
  expect(containsUnknown(value.document)).toBe(true);
  expect(containsUnknown(value.document.health_check)).toBe(false);
  expect(() => DynamicValueCodec.decodeObject(mp(full({ document: { ...document, health_check: [1] } })), ATTRS, 'config'))
    .toThrow(/config\.document\.health_check Terraform sent .*expected an object, got a list/);
  expect(() => DynamicValueCodec.decodeObject(mp(full({ document: { ...document, listeners: [{ ...document.listeners[0], extra: 1 }] } })), ATTRS, 'config'))
    .toThrow(/config\.document\.listeners\[0\] Terraform sent .*unsupported attribute\(s\) extra/);
});

test('stored JSON state of schema version 0: the document string is read into its structure', () => {
  const state = DynamicValueCodec.fromStateJson(JSON.stringify({ id: 'web', name: 'web', document: JSON.stringify(doc), revision: 2 }), ATTRS, 'state');
  expect(state).toEqual(full({ id: 'web', name: 'web', document: withNulls(structuredDocument(doc)), revision: 2 }));
  expect(() => DynamicValueCodec.fromStateJson('{"document":"{not json"}', ATTRS, 'state')).toThrow(/SECLB_PLUGIN_VALUE_DECODE: .*state\.document.*schema version 0 is not JSON/);
});
