import { decode, encode } from '@msgpack/msgpack';
import pino from 'pino';
import { ProviderService } from '../../../provider/plugin/provider-service';
import { lbDocument, listener } from '../engine/helpers/documents';
import { structuredDocument } from './helpers/structured';

// The tfplugin6.Provider implementation called directly (no socket): the answers Terraform gets
// for requests that must never crash the plugin.

type Rpc = (call: { request: unknown }, cb: (err: Error | null, res: any) => void) => void;

const impl = () => new ProviderService(pino({ level: 'silent' })).implementation() as unknown as Record<string, Rpc>;
const call = (rpcs: Record<string, Rpc>, name: string, request: unknown) =>
  new Promise<any>((resolve, reject) => rpcs[name]({ request }, (err, res) => (err ? reject(err) : resolve(res))));
const mp = (v: unknown) => ({ msgpack: Buffer.from(encode(v)) });
const doc = lbDocument('web', { listeners: [listener(80, 'HTTP', 8080, 'HTTP')], healthCheck: { target: 'TCP:8080' }, instances: [{ instanceId: 'i-1' }] });

test('GetProviderSchema serves the three resource types with Markdown descriptions and the sensitive key', async () => {
  const r = await call(impl(), 'GetProviderSchema', {});
  expect(Object.keys(r.resource_schemas).sort()).toEqual(['seclb_load_balancer', 'seclb_policy_attachment', 'seclb_server_certificate']);
  const attrs = r.resource_schemas.seclb_server_certificate.block.attributes;
  expect(attrs.find((a: any) => a.name === 'private_key')).toMatchObject({ sensitive: true, required: true, description_kind: 1 });
  expect(JSON.parse(attrs[0].type.toString())).toBe('string');
  expect(r.provider.block.attributes.map((a: any) => a.name)).toEqual(['state_directory', 'admin_address']);
});

test('the load-balancer document is served as nested attributes derived from the document shape (schema version 1)', async () => {
  const r = await call(impl(), 'GetProviderSchema', {});
  const lb = r.resource_schemas.seclb_load_balancer;
  expect(lb.version).toBe(1);
  const document = lb.block.attributes.find((a: any) => a.name === 'document');
  expect(document).toMatchObject({ required: true, nested_type: { nesting: 1 } });
  const nested = (a: any, name: string) => a.nested_type.attributes.find((x: any) => x.name === name);
  expect(nested(document, 'listeners').nested_type.nesting).toBe(2);
  expect(nested(nested(document, 'listeners'), 'ssl_certificate_id')).toMatchObject({ optional: true, required: false });
  expect(JSON.parse(nested(nested(document, 'health_check'), 'timeout_seconds').type.toString())).toBe('number');
  expect(JSON.parse(nested(document, 'tags').type.toString())).toEqual(['map', 'string']);
  expect(nested(document, 'access_log')).toMatchObject({ optional: true, nested_type: { nesting: 1 } });
  const attachment = r.resource_schemas.seclb_policy_attachment.block.attributes.find((a: any) => a.name === 'attachment');
  expect(nested(nested(attachment, 'policies'), 'attributes').nested_type.nesting).toBe(2);
});

test('GetResourceIdentitySchemas answers an empty map (Terraform 1.12+ calls it after every schema read)', async () => {
  expect(await call(impl(), 'GetResourceIdentitySchemas', {})).toEqual({ identity_schemas: {}, diagnostics: [] });
});

test('an unknown resource type is an error diagnostic, not a gRPC error', async () => {
  const r = await call(impl(), 'ValidateResourceConfig', { type_name: 'seclb_nope', config: mp(null) });
  expect(r.diagnostics[0]).toMatchObject({ severity: 1, summary: expect.stringMatching(/^SECLB_PLUGIN_UNKNOWN_RESOURCE_TYPE: /) });
});

test('a configuration that is wholly unknown validates without errors', async () => {
  const r = await call(impl(), 'ValidateResourceConfig', { type_name: 'seclb_load_balancer', config: { msgpack: Buffer.from([0xd4, 0, 0]) } });
  expect(r.diagnostics).toEqual([]);
});

test('UpgradeResourceState: version-0 JSON (the document as a string) becomes msgpack of the structure; a newer version is refused', async () => {
  const rpcs = impl();
  const r = await call(rpcs, 'UpgradeResourceState', { type_name: 'seclb_load_balancer', version: 0, raw_state: { json: Buffer.from(JSON.stringify({ id: 'web', name: 'web', document: JSON.stringify(doc), revision: 3 })) } });
  expect(r.diagnostics).toEqual([]);
  const upgraded = decode(r.upgraded_state.msgpack) as any;
  expect(upgraded).toMatchObject({ dns_name: null, id: 'web', name: 'web', revision: 3 });
  expect(upgraded.document.health_check.timeout_seconds).toBe(15);
  expect(upgraded.document.listeners).toEqual([{ load_balancer_port: 80, protocol: 'HTTP', instance_port: 8080, instance_protocol: 'HTTP', ssl_certificate_id: null, policy_names: [] }]);
  expect(upgraded.document.access_log).toBeNull();
  const current = await call(rpcs, 'UpgradeResourceState', { type_name: 'seclb_load_balancer', version: 1, raw_state: { json: Buffer.from(JSON.stringify({ id: 'web', name: 'web', document: structuredDocument(doc), revision: 3 })) } });
  expect(decode(current.upgraded_state.msgpack)).toEqual(upgraded);
  const newer = await call(rpcs, 'UpgradeResourceState', { type_name: 'seclb_load_balancer', version: 5, raw_state: { json: Buffer.from('{}') } });
  expect(newer.diagnostics[0].summary).toMatch(/^SECLB_PLUGIN_STATE_UPGRADE: /);
});

test('resource RPCs before ConfigureProvider are diagnostics saying so', async () => {
  const r = await call(impl(), 'ReadResource', { type_name: 'seclb_load_balancer', current_state: mp({ id: 'web', name: 'web', document: structuredDocument(doc), revision: 1, dns_name: null }), private: Buffer.from('p') });
  expect(r.diagnostics[0].summary).toMatch(/^SECLB_PLUGIN_NOT_CONFIGURED: /);
  expect(r.private).toEqual(Buffer.from('p'));
});

test('after StopProvider, an apply does not start and says why', async () => {
  const rpcs = impl();
  expect(await call(rpcs, 'StopProvider', {})).toEqual({ Error: '' });
  const r = await call(rpcs, 'ApplyResourceChange', { type_name: 'seclb_load_balancer', prior_state: mp(null), planned_state: mp({ id: 'web', name: 'web', document: structuredDocument(doc), revision: null, dns_name: null }), planned_private: Buffer.alloc(0) });
  expect(r.diagnostics[0].summary).toMatch(/^SECLB_PLUGIN_STOPPED: /);
  expect(r.new_state.msgpack).toEqual(Buffer.from([0xc0]));
});
