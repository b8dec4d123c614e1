#!/usr/bin/env node
'use strict';
/**
 * Generates `cdktn-secure-elb`, the construct library for CDK Terrain (cdktn) apps, from the same
 * `lib/` sources as `cdktf-secure-elb`: copies `lib/` into `dist/packages/cdktn-secure-elb/`,
 * rewrites the framework imports (`cdktf` -> `cdktn`, `@cdktf/provider-aws/...` ->
 * `@cdktn/provider-aws/...`; the two frameworks export the same names the library uses, and the
 * provider bindings have the same submodules), writes its package.json, installs its framework
 * dev dependencies there, and compiles it with the repository's jsii.
 *
 * Usage: `node scripts/frameworks/cdktn-package.js [--pack DIR]` (after `npm run build`, which it
 * does not need but which CI runs first). With `--pack`, `npm pack` writes the tarball to DIR and
 * the script prints its path.
 *
 * The framework versions live here only: the peers the generated package declares and the exact
 * versions it is compiled and tested against (jsii wants each dev dependency pinned to the lowest
 * version its peer range admits).
 */
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const ROOT = path.resolve(__dirname, '..', '..');
/** Where the package is generated (under `dist/`, which git ignores). */
const STAGING = path.join(ROOT, 'dist', 'packages', 'cdktn-secure-elb');

/** The framework set the generated package is built for and tested against. */
const CDKTN = {
  peers: { cdktn: '^0.24.0', '@cdktn/provider-aws': '^25.7.0', constructs: '>=10.6.0 <10.8.0' },
  pinned: { cdktn: '0.24.0', '@cdktn/provider-aws': '25.7.0', constructs: '10.6.0' },
};

/** Module specifiers that name the framework, and what they become for cdktn. */
const REWRITES = [
  [/^cdktf(\/.*)?$/, (m) => `cdktn${m[1] ?? ''}`],
  [/^@cdktf\/provider-aws(\/.*)?$/, (m) => `@cdktn/provider-aws${m[1] ?? ''}`],
  // This library itself, for apps written against it (the tests' walk-through app).
  [/^cdktf-secure-elb(\/.*)?$/, (m) => `cdktn-secure-elb${m[1] ?? ''}`],
];

function fail(message) {
  const error = new Error(`SECLB_FRAMEWORK_STAGING_FAILED: ${message}`);
  error.code = 'SECLB_FRAMEWORK_STAGING_FAILED';
  throw error;
}

/** Rewrites one module specifier, or returns it unchanged when it does not name cdktf. */
function rewriteSpecifier(specifier) {
  for (const [pattern, replace] of REWRITES) {
    const m = pattern.exec(specifier);
    if (m) return replace(m);
  }
  if (/^(cdktf|@cdktf\/)/.test(specifier)) fail(`no cdktn counterpart known for the import '${specifier}'`);
  return specifier;
}

/**
 * Rewrites the module specifiers of `import ... from`, `export ... from`, `import(...)` and
 * `require(...)` in TypeScript or JavaScript source text; comments and strings are left alone.
 */
function rewriteImports(source) {
  return source
    .replace(/(\bfrom\s+)(['"])([^'"]+)\2/g, (_, head, q, spec) => `${head}${q}${rewriteSpecifier(spec)}${q}`)
    .replace(/(\b(?:import|require)\(\s*)(['"])([^'"]+)\2/g, (_, head, q, spec) => `${head}${q}${rewriteSpecifier(spec)}${q}`)
    .replace(/(^|\n)(import\s+)(['"])([^'"]+)\3/g, (_, nl, head, q, spec) => `${nl}${head}${q}${rewriteSpecifier(spec)}${q}`);
}

function copyRewritten(from, to) {
  fs.mkdirSync(to, { recursive: true });
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    const source = path.join(from, entry.name);
    const target = path.join(to, entry.name);
    if (entry.isDirectory()) copyRewritten(source, target);
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) fs.writeFileSync(target, rewriteImports(fs.readFileSync(source, 'utf8')));
  }
}

/** The package.json of the generated package, from the root's shared fields and the cdktn set. */
function packageJson(root) {
  return {
    name: 'cdktn-secure-elb',
    version: root.version,
    description: 'Declare a secure AWS Classic Load Balancer once with CDK Terrain (cdktn); deploy it to AWS or to a local proxy engine that enforces the same TLS and back-end policies. Generated from the sources of cdktf-secure-elb.',
    license: root.license,
    author: root.author,
    repository: root.repository,
    keywords: ['cdktn', 'cdk-terrain', 'elb', 'tls'],
    main: 'build/lib/index.js',
    types: 'build/lib/index.d.ts',
    files: ['build/lib/**/*.js', 'build/lib/**/*.d.ts', '!build/lib/**/*.test.*', '.jsii', 'README.md'],
    engines: { node: '>=22.11' },
    jsii: { outdir: 'dist', tsc: { rootDir: '.', outDir: 'build' }, targets: {} },
    peerDependencies: CDKTN.peers,
    devDependencies: CDKTN.pinned,
  };
}

const README = `# cdktn-secure-elb

The secure AWS Classic Load Balancer constructs of \`cdktf-secure-elb\`, for CDK Terrain (cdktn)
apps: the same sources, compiled against \`cdktn\` and \`@cdktn/provider-aws\`.

\`\`\`sh
npm install cdktn-secure-elb cdktn @cdktn/provider-aws constructs
\`\`\`

\`\`\`ts
import { SecureClassicLoadBalancer, CipherPolicy, ServerCertificate, BackendAuth } from 'cdktn-secure-elb';
\`\`\`

Use \`cdktf-secure-elb\` in cdktf apps. A construct of this package in a cdktf stack (or in a stack
of a second copy of cdktn) fails at synth with \`SECLB_FRAMEWORK_MISMATCH\`, naming both copies.
`;

/** True when `dir/node_modules` already holds every pinned dev dependency at its version. */
function installed(dir) {
  return Object.entries(CDKTN.pinned).every(([name, version]) => {
    try {
      return JSON.parse(fs.readFileSync(path.join(dir, 'node_modules', name, 'package.json'), 'utf8')).version === version;
    } catch {
      return false;
    }
  });
}

function run(command, args, cwd) {
  try {
    return execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
  } catch (e) {
    return fail(`${command} ${args.join(' ')} failed in ${cwd}:\n${e.stdout ?? ''}${e.stderr ?? e.message}`);
  }
}

/**
 * Generates and compiles the package; returns its folder. Keeps an existing `node_modules` of the
 * right versions (the provider bindings are ~400 MB), so a second run costs only the compile.
 */
function buildCdktnPackage() {
  const root = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  for (const name of ['lib', 'build', 'dist', '.jsii', 'tsconfig.json', 'README.md']) fs.rmSync(path.join(STAGING, name), { recursive: true, force: true });
  copyRewritten(path.join(ROOT, 'lib'), path.join(STAGING, 'lib'));
  fs.writeFileSync(path.join(STAGING, 'package.json'), `${JSON.stringify(packageJson(root), null, 2)}\n`);
  fs.writeFileSync(path.join(STAGING, 'README.md'), README);
  if (!installed(STAGING)) {
    run('npm', ['install', '--no-audit', '--no-fund', '--no-package-lock', '--ignore-scripts', '--loglevel=error'], STAGING);
  }
  const jsii = path.join(ROOT, 'node_modules', '.bin', 'jsii');
  if (!fs.existsSync(jsii)) fail(`${jsii} is missing: run npm ci in the repository first`);
  run(jsii, ['--silence-warnings=reserved-word'], STAGING);
  return STAGING;
}

/** `npm pack` of the generated package into `out`; returns the tarball's path. */
function packCdktnPackage(out) {
  fs.mkdirSync(out, { recursive: true });
  const report = JSON.parse(run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', out], STAGING))[0];
  return path.join(out, report.filename);
}

if (require.main === module) {
  const argv = process.argv.slice(2);
  const packAt = argv.indexOf('--pack');
  try {
    const dir = buildCdktnPackage();
    console.log(`cdktn-secure-elb generated and compiled in ${path.relative(process.cwd(), dir)}`);
    if (packAt >= 0) console.log(packCdktnPackage(path.resolve(argv[packAt + 1] ?? path.join(ROOT, 'dist', 'tarballs'))));
  } catch (e) {
    console.error(e.message);
    process.exit(1);
  }
}

module.exports = { buildCdktnPackage, packCdktnPackage, rewriteImports, STAGING, CDKTN };
