import { PLUGIN_CODES, PluginError, PluginErrors } from '../../../provider/plugin/errors';

// Codes are public contract: pinned here; never reuse or rename one.
test.each([
  ['NOT_STARTED_BY_TERRAFORM', 'SECLB_PLUGIN_NOT_STARTED_BY_TERRAFORM'],
  ['PROTOCOL_UNSUPPORTED', 'SECLB_PLUGIN_PROTOCOL_UNSUPPORTED'],
  ['BAD_CLIENT_CERT', 'SECLB_PLUGIN_BAD_CLIENT_CERT'],
  ['LISTEN_FAILED', 'SECLB_PLUGIN_LISTEN_FAILED'],
  ['START_FAILED', 'SECLB_PLUGIN_START_FAILED'],
  ['VALUE_DECODE', 'SECLB_PLUGIN_VALUE_DECODE'],
  ['UNKNOWN_RESOURCE_TYPE', 'SECLB_PLUGIN_UNKNOWN_RESOURCE_TYPE'],
  ['NOT_CONFIGURED', 'SECLB_PLUGIN_NOT_CONFIGURED'],
  ['NAME_MISMATCH', 'SECLB_PLUGIN_NAME_MISMATCH'],
  ['STATE_UPGRADE', 'SECLB_PLUGIN_STATE_UPGRADE'],
  ['IMPORT_NOT_FOUND', 'SECLB_PLUGIN_IMPORT_NOT_FOUND'],
  ['STOPPED', 'SECLB_PLUGIN_STOPPED'],
  ['INTERNAL', 'SECLB_PLUGIN_INTERNAL'],
  ['INSTALL_FAILED', 'SECLB_PLUGIN_INSTALL_FAILED'],
  ['BAD_PROVIDER_CONFIG', 'SECLB_PLUGIN_BAD_PROVIDER_CONFIG'],
  ['OWNED_ELSEWHERE', 'SECLB_PLUGIN_OWNED_ELSEWHERE'],
  ['CLI_CONFIG_UNMERGEABLE', 'SECLB_PLUGIN_CLI_CONFIG_UNMERGEABLE'],
])('%s is %s', (key, code) => {
  expect(PLUGIN_CODES[key as keyof typeof PLUGIN_CODES]).toBe(code);
});

test('every code is pinned above', () => {
  expect(Object.keys(PLUGIN_CODES)).toHaveLength(17);
});

test('errors lead with their code, carry the brand, and name the fix', () => {
  const e = PluginErrors.nameMismatch('name', 'a', 'name', 'b', 'document');
  expect(e).toBeInstanceOf(PluginError);
  expect(e.code).toBe('SECLB_PLUGIN_NAME_MISMATCH');
  expect(e.message).toMatch(/^SECLB_PLUGIN_NAME_MISMATCH: name is 'a' but document\.name is 'b'\..*Fix: /);
  expect(e.path).toBe('name');
  expect((e as unknown as Record<symbol, unknown>)[Symbol.for('seclb.error.SECLB_PLUGIN_NAME_MISMATCH')]).toBe(true);
  expect(new Error('x')).not.toBeInstanceOf(PluginError);
});
