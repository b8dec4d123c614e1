import { accessSync, constants, mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { installProvider, terraformPlatform } from '../../../provider/plugin/install';
import { PLUGIN_ENTRY } from './helpers/seclb-workspace';

let dir: string;
beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'seclb-install-')); });
afterEach(() => rmSync(dir, { recursive: true, force: true }));

test('writes the unpacked mirror layout with an executable launcher named for the version', () => {
  const installed = installProvider({ dir, version: '0.1.0', entry: PLUGIN_ENTRY, hashicorpMirror: '/opt/tf-plugins' });
  expect(installed.executable).toBe(join(dir, 'mirror', 'registry.terraform.io', 'cdktf-secure-elb', 'seclb', '0.1.0', terraformPlatform(), 'terraform-provider-seclb_v0.1.0'));
  accessSync(installed.executable, constants.X_OK);
  const launcher = readFileSync(installed.executable, 'utf8');
  expect(launcher.startsWith('#!')).toBe(true);
  expect(launcher).toContain(JSON.stringify(PLUGIN_ENTRY));
});

test('writes a CLI configuration with both mirrors and no checkpoint, and returns the TF_CLI_CONFIG_FILE line', () => {
  const installed = installProvider({ dir, version: '0.1.0', entry: PLUGIN_ENTRY, hashicorpMirror: '/opt/tf-plugins' });
  const rc = readFileSync(installed.cliConfigFile, 'utf8');
  expect(rc).toContain('disable_checkpoint = true');
  expect(rc).toContain(`path    = ${JSON.stringify(join(dir, 'mirror'))}`);
  expect(rc).toContain('include = ["registry.terraform.io/cdktf-secure-elb/seclb"]');
  expect(rc).toContain('include = ["registry.terraform.io/hashicorp/*"]');
  expect(installed.envLine).toBe(`export TF_CLI_CONFIG_FILE=${installed.cliConfigFile}`);
});

test('the launcher does not change when the plugin is rebuilt (the lock file hash stays valid)', () => {
  const a = readFileSync(installProvider({ dir, version: '0.1.0', entry: PLUGIN_ENTRY }).executable);
  const b = readFileSync(installProvider({ dir, version: '0.1.0', entry: PLUGIN_ENTRY }).executable);
  expect(a.equals(b)).toBe(true);
});

test('a missing build is a coded error saying to run npm run build', () => {
  expect(() => installProvider({ dir, entry: join(dir, 'nope.js') })).toThrow(/SECLB_PLUGIN_INSTALL_FAILED: .*npm run build/);
});
