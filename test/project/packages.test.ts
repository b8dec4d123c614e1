import { readFileSync, rmSync, writeFileSync } from 'fs';
import { join } from 'path';
import { checkoutCopy } from './helpers/checkout-copy';

/* The pack scripts are plain Node (they run before and without ts-jest). */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { packAll } = require('../../scripts/pack') as { packAll: (o: { root: string; dryRun?: boolean; out?: string }) => PackReport[] };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { stageSeclb } = require('../../scripts/stage-seclb') as { stageSeclb: (o: { root: string }) => string };

/** The part of `npm pack --json`'s report the assertions read. */
interface PackReport {
  name: string;
  size: number;
  unpackedSize: number;
  entryCount: number;
  files: { path: string }[];
}

const ROOT = join(__dirname, '..', '..');

/** Files a user's checkout holds after the README's flows (or a careless build), planted in the copy. */
const PLANTED = [
  'terraform.walkthrough.tfstate', 'terraform.walkthrough.tfstate.backup', 'plan.json', 'walkthrough.tfplan', 'server.pem',
  '.seclb/engine.json', '.seclb/admin-token', '.seclb/terraform/terraform.rc', 'cdktf.out/stacks/walkthrough/cdk.tf.json',
  'test/leak.test.ts', 'examples/walkthrough/leak.ts',
  'build/lib/terraform.tfstate', 'build/lib/plan.json', 'build/lib/server.key', 'build/lib/server.pem', 'build/lib/policy/leak.test.js',
  'build/provider/plan.json', 'build/provider/cli/server.pem', 'build/provider/terraform.tfstate',
  'dist/packages/seclb/stale.pem',
];
const FORBIDDEN = /(\.tfstate|\.tfplan|\.pem|\.key|plan\.json|\.seclb\/|cdktf\.out\/|(^|\/)test\/|\.test\.|(^|\/)examples\/|stale)/;

describe('the packages users install (npm pack --dry-run of each)', () => {
  let copy: string;
  let library: PackReport;
  let seclb: PackReport;

  beforeAll(() => {
    copy = checkoutCopy(PLANTED);
    [library, seclb] = packAll({ root: copy, dryRun: true, out: join(copy, 'tarballs') });
  }, 120_000);
  afterAll(() => rmSync(copy, { recursive: true, force: true }));

  test('cdktf-secure-elb holds only the compiled construct library, its .jsii, README and API.md', () => {
    expect(library.name).toBe('cdktf-secure-elb');
    const paths = library.files.map((f) => f.path);
    const stray = paths.filter((p) => !/^(package\.json|README\.md|API\.md|\.jsii|build\/lib\/.+\.(js|d\.ts))$/.test(p) || FORBIDDEN.test(p));
    expect(stray).toEqual([]);
    for (const needed of ['package.json', '.jsii', 'API.md', 'README.md', 'build/lib/index.js', 'build/lib/index.d.ts',
      'build/lib/constructs/secure-classic-load-balancer.js', 'build/lib/targets/aws/aws-target.js', 'build/lib/policy/index.js']) {
      expect(paths).toContain(needed);
    }
  });

  test('cdktf-secure-elb has no runtime dependency beyond its peers (no engine, CLI or plugin)', () => {
    const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    for (const key of ['dependencies', 'bundleDependencies', 'bundledDependencies', 'optionalDependencies', 'bin']) expect(manifest[key]).toBeUndefined();
    expect(Object.keys(manifest.peerDependencies).length).toBeGreaterThan(0);
    expect(library.files.filter((f) => f.path.startsWith('build/provider/'))).toEqual([]);
  });

  test('seclb holds the engine, deploy core, CLI, plugin and the model files they reach, and nothing else', () => {
    expect(seclb.name).toBe('seclb');
    const paths = seclb.files.map((f) => f.path);
    const allowed = /^(package\.json|README\.md|provider\/plugin\/proto\/[\w-]+\.proto|build\/provider\/.+\.js|build\/lib\/(policy\/.+|targets\/local\/(seclb-schema|seclb-structure|policy-attachment-shape)|contract\/[\w-]+|targets\/policy-attachment-document)\.js)$/;
    expect(paths.filter((p) => !allowed.test(p) || FORBIDDEN.test(p))).toEqual([]);
    for (const needed of ['build/provider/cli/main.js', 'build/provider/engine/main.js', 'build/provider/engine/workers/worker-main.js',
      'build/provider/plugin/main.js', 'build/provider/version.js', 'build/lib/policy/index.js', 'build/lib/targets/local/seclb-schema.js', 'build/lib/targets/local/seclb-structure.js',
      'provider/plugin/proto/tfplugin6.proto', 'provider/plugin/proto/go-plugin.proto', 'provider/plugin/proto/health.proto']) {
      expect(paths).toContain(needed);
    }
    expect(paths.filter((p) => /build\/lib\/(constructs|targets\/aws)\//.test(p))).toEqual([]);
  });

  test("seclb's manifest: the seclb bin, no framework dependency, ranges taken from the root package.json", () => {
    const manifest = JSON.parse(readFileSync(join(copy, 'dist', 'packages', 'seclb', 'package.json'), 'utf8'));
    const root = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    expect(manifest.bin).toEqual({ seclb: 'build/provider/cli/main.js' });
    expect(readFileSync(join(copy, 'dist', 'packages', 'seclb', manifest.bin.seclb), 'utf8')).toMatch(/^#!\/usr\/bin\/env node\n/);
    expect(manifest.version).toBe(root.version);
    expect(manifest.engines).toEqual(root.engines);
    expect(manifest.peerDependencies).toBeUndefined();
    const names = Object.keys(manifest.dependencies);
    expect(names).toEqual(expect.arrayContaining(['@grpc/grpc-js', '@grpc/proto-loader', '@msgpack/msgpack', 'commander', 'pino', 'prom-client', 'undici']));
    expect(names.filter((n) => /^(cdktf|cdktn|constructs|@cdktf\/|@cdktn\/)/.test(n))).toEqual([]);
    for (const name of names) expect(manifest.dependencies[name]).toBe(root.devDependencies[name]);
  });

  test('staging refuses a provider file that requires a framework package, naming the file', () => {
    const victim = join(copy, 'build', 'provider', 'version.js');
    const original = readFileSync(victim, 'utf8');
    writeFileSync(victim, `${original}\nrequire("cdktf");\n`);
    try {
      expect(() => stageSeclb({ root: copy })).toThrow(/stage-seclb: build\/provider\/version\.js requires cdktf: the seclb package must install without any framework/);
    } finally {
      writeFileSync(victim, original);
    }
  });

  test('sizes are in the range bench/RESULTS.md records (a jump means something new entered a package)', () => {
    for (const report of [library, seclb]) {
      expect(report.entryCount).toBeLessThan(600);
      expect(report.unpackedSize).toBeLessThan(4 * 1024 * 1024);
    }
  });
});
