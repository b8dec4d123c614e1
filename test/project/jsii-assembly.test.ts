import { existsSync, readFileSync } from 'fs';
import { join } from 'path';

const ASSEMBLY = join(__dirname, '..', '..', '.jsii');

describe('the jsii assembly', () => {
  test('exists after `npm run build` and exports the policy model', () => {
    if (!existsSync(ASSEMBLY)) {
      throw new Error(`no jsii assembly at ${ASSEMBLY}: run \`npm run build\` (CI does) before the tests`);
    }
    const assembly = JSON.parse(readFileSync(ASSEMBLY, 'utf8'));
    expect(assembly.name).toBe('cdktf-secure-elb');
    const types = Object.keys(assembly.types ?? {});
    for (const name of ['CipherPolicies', 'CipherCatalog', 'PredefinedPolicies', 'SecurityPolicy', 'TlsProtocol', 'TlsTranslation', 'SecurityComparison', 'LoadBalancerDocument']) {
      expect(types).toContain(`cdktf-secure-elb.${name}`);
    }
  });
});

describe('API.md', () => {
  test('documents every type of the jsii assembly (regenerate with `npm run docgen`)', () => {
    if (!existsSync(ASSEMBLY)) throw new Error('no jsii assembly: run `npm run build` first');
    const assembly = JSON.parse(readFileSync(ASSEMBLY, 'utf8'));
    const api = readFileSync(join(__dirname, '..', '..', 'API.md'), 'utf8');
    const documented = new Set([...api.matchAll(/^### \w+ <a name="\w+" id="([^"]+)"/gm)].map((m) => m[1]));
    const missing = Object.keys(assembly.types).filter((fqn) => !documented.has(fqn));
    expect(missing).toEqual([]);
  });
});
