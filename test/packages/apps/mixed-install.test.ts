import { existsSync, readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import { loadWalkthroughCertificates } from '../../../examples/walkthrough/certificates';
import { PACKAGE_ROOT } from '../../../provider/version';
import { CDKTN, createTempApp, run, tarballs, TempApp } from './helpers/temp-app';

// The silent drop, reproduced as a user did it: a cdktn app installs cdktf-secure-elb and
// aliases `cdktf` to cdktn with npm `overrides`. Two copies of cdktn end up in node_modules, the
// library registers its synth hook with the copy named `cdktf`, the app synthesizes with the other,
// and the stack used to come out without the load balancer. Now every construct refuses at synth,
// naming both copies.

const FIXTURE = join(__dirname, 'fixtures', 'walkthrough-app.js');
let app: TempApp;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  const { cdktf, cdktn } = tarballs();
  app = await createTempApp('mixed-app', [cdktf, cdktn, ...CDKTN.packages.filter((p) => !p.startsWith('cdktn-cli@'))], {
    overrides: { 'cdktf': 'npm:cdktn@0.24.0', '@cdktf/provider-aws': 'npm:@cdktn/provider-aws@25.7.0' },
  });
  const certificates = join(app.dir, 'certificates.json');
  loadWalkthroughCertificates(certificates);
  env = { ...process.env, SECLB_WALKTHROUGH_CERTIFICATES: certificates, CDKTF_OUTDIR: join(app.dir, 'cdktf.out'), CDKTF_CONTEXT_JSON: '' };
});

afterAll(() => app?.remove());

/** Runs an app and expects the mismatch error naming both copies, and no stack written. */
async function expectRefused(appSource: string, library: { name: string; folder: string }, stack: { name: string; folder: string }): Promise<void> {
  writeFileSync(join(app.dir, 'app.js'), appSource);
  const synth = await run(process.execPath, ['app.js'], { cwd: app.dir, env, timeoutMs: 120_000 });
  expect(synth.code).not.toBe(0);
  expect(synth.text).toContain(`SECLB_FRAMEWORK_MISMATCH: This construct library was built for ${library.name} (loaded from ${library.folder}), `
    + `but the stack 'walkthrough' is a TerraformStack of ${stack.name} (loaded from ${stack.folder})`);
  expect(synth.text).toContain('Fix: install the package built for your framework');
  expect(existsSync(join(app.dir, 'cdktf.out', 'stacks', 'walkthrough', 'cdk.tf.json'))).toBe(false);
}

test('cdktf-secure-elb in a cdktn app with cdktf aliased to cdktn fails at synth naming both copies of cdktn', async () => {
  expect(JSON.parse(readFileSync(join(app.dir, 'node_modules', 'cdktf', 'package.json'), 'utf8')).name).toBe('cdktn');
  // The cdktn app: framework and provider imports as cdktn, the library as cdktf-secure-elb.
  const source = CDKTN.appSource().replace("require('cdktn-secure-elb')", "require('cdktf-secure-elb')");
  await expectRefused(source,
    { name: 'cdktn 0.24.0', folder: join(app.dir, 'node_modules', 'cdktf') },
    { name: 'cdktn 0.24.0', folder: join(app.dir, 'node_modules', 'cdktn') });
});

test('cdktn-secure-elb in an app whose stack comes from the aliased copy fails the same way', async () => {
  const source = readFileSync(FIXTURE, 'utf8').replace("require('cdktf-secure-elb')", "require('cdktn-secure-elb')");
  await expectRefused(source,
    { name: 'cdktn 0.24.0', folder: join(app.dir, 'node_modules', 'cdktn') },
    { name: 'cdktn 0.24.0', folder: join(app.dir, 'node_modules', 'cdktf') });
});

test('the cdktf build of the library with a real cdktn stack (the other framework) fails naming cdktf 0.21.0 and cdktn 0.24.0', async () => {
  // The repository's own build (cdktf 0.21.0 from its node_modules) used from the cdktn app.
  const source = CDKTN.appSource().replace("require('cdktn-secure-elb')", `require(${JSON.stringify(join(PACKAGE_ROOT, 'build', 'lib'))})`);
  await expectRefused(source,
    { name: 'cdktf 0.21.0', folder: join(PACKAGE_ROOT, 'node_modules', 'cdktf') },
    { name: 'cdktn 0.24.0', folder: join(app.dir, 'node_modules', 'cdktn') });
});
