import { execFile } from 'child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { PACKAGE_ROOT } from '../../../../provider/version';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const cdktnPackage = require('../../../../scripts/frameworks/cdktn-package') as {
  rewriteImports(source: string): string;
  CDKTN: { pinned: Record<string, string> };
};
const rootPackage = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> };

/** The tarballs the global setup packed. */
export interface Tarballs {
  /** cdktf-secure-elb. */
  readonly cdktf: string;
  /** seclb: the engine, deploy core, CLI and Terraform plugin (no framework). */
  readonly seclb: string;
  /** cdktn-secure-elb (generated from the same lib/). */
  readonly cdktn: string;
}

/** The tarballs packed by test/packages/apps/global-setup.js. */
export function tarballs(): Tarballs {
  const text = process.env.SECLB_TEST_TARBALLS;
  if (!text) throw new Error('SECLB_TEST_TARBALLS is not set: run these tests with npm run test:packages (its global setup packs the packages).');
  return JSON.parse(text) as Tarballs;
}

/** One framework as a user installs it: the library package, the framework, provider bindings and CLI. */
export interface Framework {
  /** `cdktf` or `cdktn`. */
  readonly name: 'cdktf' | 'cdktn';
  /** What `npm install` gets besides the library tarball. */
  readonly packages: string[];
  /** The provider bindings package (for its AWS provider version). */
  readonly providerPackage: string;
  /** The CLI that runs `deploy`, given the app folder. */
  cli(appDir: string): string;
  /** The walk-through app's source for this framework. */
  appSource(): string;
}

const FIXTURE = join(__dirname, '..', 'fixtures', 'walkthrough-app.js');

/**
 * cdktf 0.21 with @cdktf/provider-aws 21.22.1 (the top of the library's peer range, AWS provider 6.x;
 * the repository's own tests use 20.1.0) and the repository's cdktf-cli 0.21.0.
 */
export const CDKTF: Framework = {
  name: 'cdktf',
  packages: [`cdktf@${rootPackage.devDependencies.cdktf}`, `constructs@${rootPackage.devDependencies.constructs}`, '@cdktf/provider-aws@21.22.1'],
  providerPackage: '@cdktf/provider-aws',
  cli: () => join(PACKAGE_ROOT, 'node_modules', '.bin', 'cdktf'),
  appSource: () => readFileSync(FIXTURE, 'utf8'),
};

/** cdktn with @cdktn/provider-aws at the versions cdktn-secure-elb is built against, and cdktn-cli. */
export const CDKTN: Framework = {
  name: 'cdktn',
  packages: [...Object.entries(cdktnPackage.CDKTN.pinned).map(([name, version]) => `${name}@${version}`), `cdktn-cli@${cdktnPackage.CDKTN.pinned.cdktn}`],
  providerPackage: '@cdktn/provider-aws',
  cli: (appDir) => join(appDir, 'node_modules', '.bin', 'cdktn'),
  appSource: () => cdktnPackage.rewriteImports(readFileSync(FIXTURE, 'utf8')),
};

/** What a command printed and how it ended. */
export interface Run {
  readonly code: number;
  /** stdout and stderr, without terminal colour codes. */
  readonly text: string;
}

/** Runs a command with a time limit; never rejects. */
export function run(command: string, args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs: number }): Promise<Run> {
  return new Promise((resolve) => {
    const child = execFile(command, args, { cwd: options.cwd, env: options.env ?? process.env, timeout: options.timeoutMs, maxBuffer: 64 * 1024 * 1024 },
      (err, stdout, stderr) => {
        const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : -1) : 0;
        // eslint-disable-next-line no-control-regex
        resolve({ code, text: `${stdout}\n${stderr}${err && code === -1 ? `\n${err.message}` : ''}`.replace(/\x1b\[[0-9;]*[A-Za-z]/g, '') });
      });
    child.stdin?.end();
  });
}

/** A user's app folder with the packages installed from tarballs and the registry. */
export interface TempApp {
  readonly dir: string;
  /** Removes the folder. */
  remove(): void;
}

/**
 * Creates an app folder and runs `npm install` of `specs` there (the shared npm cache makes a
 * second run cheap). `packageJson` is merged into its package.json (e.g. `overrides`).
 */
export async function createTempApp(prefix: string, specs: string[], packageJson: Record<string, unknown> = {}): Promise<TempApp> {
  const dir = mkdtempSync(join(tmpdir(), `seclb-${prefix}-`));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: `seclb-${prefix}`, private: true, ...packageJson }, null, 2));
  const installed = await run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error', ...specs],
    { cwd: dir, timeoutMs: 600_000 });
  if (installed.code !== 0) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`npm install ${specs.join(' ')} failed in a temporary app (exit ${installed.code}):\n${installed.text.slice(-4000)}`);
  }
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Resource counts by type in a synthesized stack. */
export function resourceCounts(stackJson: { resource?: Record<string, Record<string, unknown>> }): Record<string, number> {
  return Object.fromEntries(Object.entries(stackJson.resource ?? {}).map(([type, byName]) => [type, Object.keys(byName).length]).sort());
}
