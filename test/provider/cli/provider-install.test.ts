import { existsSync, mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { seclb } from '../../../examples/demo/cli-runner';
import { requireBuild } from '../../e2e/helpers/built';

test('seclb provider install writes the mirror and a CLI config through the plugin\'s installProvider', async () => {
  requireBuild();
  const dir = mkdtempSync(join(tmpdir(), 'seclb-cli-provider-'));
  try {
    const r = await seclb(['--json', 'provider', 'install', '--dir', join(dir, 'tf')], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const installed = JSON.parse(r.stdout);
    expect(existsSync(installed.executable)).toBe(true);
    expect(readFileSync(installed.cliConfigFile, 'utf8')).toMatch(/filesystem_mirror/);
    expect(installed.envLine).toMatch(/^export TF_CLI_CONFIG_FILE=/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
