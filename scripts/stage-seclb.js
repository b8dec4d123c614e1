'use strict';
/**
 * Stages the `seclb` package (engine, deploy core, `seclb` CLI, Terraform plugin) from the
 * compiled tree into `dist/packages/seclb/`, ready for `npm pack`.
 *
 * Why a staged copy rather than a folder of its own: the sources stay where they are
 * (`provider/`, `lib/policy/`) and the package keeps the `build/...` layout they compile to, so
 * every relative `require` and `PACKAGE_ROOT` path works unchanged.
 *
 * Why the package carries the compiled policy model itself instead of depending on the construct
 * library: the library has cdktf (or cdktn) and its AWS provider bindings as peers, which npm
 * installs with it; `seclb` must install the same for a cdktf and a cdktn user, so it takes only
 * the files its code reaches. They are found by following `require` from every compiled
 * `build/provider` file; a reached file that requires a framework package is refused.
 *
 * Its dependencies are the packages those files require, at the ranges the root package.json
 * gives them (root devDependencies: the one place their versions are written).
 */
const { builtinModules } = require('module');
const fs = require('fs');
const path = require('path');

/** Packages a `seclb` file may never require: the frameworks and their bindings. */
const FRAMEWORK_PACKAGES = /^(cdktf|cdktn|constructs|@cdktf\/|@cdktn\/)/;

/** What the staged package admits, beside package.json and README.md (npm adds them). */
const SECLB_FILES = ['build/**/*.js', 'provider/plugin/proto/*.proto'];

/** Stops staging: a build tool's error (not a product error code), naming the file and the fix. */
function fail(message) {
  throw new Error(`stage-seclb: ${message}`);
}

function walk(dir, out = []) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, out);
    else out.push(full);
  }
  return out;
}

/** Bare and relative specifiers of every `require(...)` in compiled CommonJS. */
function requiredSpecifiers(source) {
  const found = [];
  const pattern = /\brequire\(\s*(["'])([^"']+)\1\s*\)/g;
  let match;
  while ((match = pattern.exec(source))) found.push(match[2]);
  return found;
}

function resolveRelative(fromFile, specifier) {
  const base = path.resolve(path.dirname(fromFile), specifier);
  for (const candidate of [base, `${base}.js`, `${base}.json`, path.join(base, 'index.js')]) {
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
  }
  return fail(`${path.relative(process.cwd(), fromFile)} requires ${specifier}, which is not in the build (run npm run build)`);
}

/** The package name of a bare specifier (`@scope/name/sub` -> `@scope/name`). */
function packageName(specifier) {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/**
 * Files reached from the compiled provider, and the packages they require.
 * @param {string} root the repository root (holds build/)
 */
function seclbClosure(root) {
  const buildDir = path.join(root, 'build');
  const providerDir = path.join(buildDir, 'provider');
  if (!fs.existsSync(path.join(providerDir, 'cli', 'main.js'))) fail(`${providerDir} has no compiled CLI (run npm run build)`);
  const queue = walk(providerDir).filter((f) => f.endsWith('.js'));
  const files = new Set();
  const packages = new Map();
  while (queue.length) {
    const file = queue.pop();
    if (files.has(file)) continue;
    if (!file.startsWith(buildDir + path.sep)) fail(`${file} is outside build/`);
    files.add(file);
    for (const specifier of requiredSpecifiers(fs.readFileSync(file, 'utf8'))) {
      if (specifier.startsWith('.')) queue.push(resolveRelative(file, specifier));
      else if (specifier.startsWith('node:') || builtinModules.includes(packageName(specifier))) continue;
      else if (FRAMEWORK_PACKAGES.test(specifier)) fail(`${path.relative(root, file)} requires ${specifier}: the seclb package must install without any framework`);
      else packages.set(packageName(specifier), path.relative(root, file));
    }
  }
  return { files: [...files].sort(), packages };
}

/** The `package.json` of the staged package, derived from the root one. */
function seclbManifest(rootManifest, packages) {
  const ranges = { ...rootManifest.devDependencies, ...rootManifest.dependencies };
  const dependencies = {};
  for (const [name, requiredBy] of [...packages].sort(([a], [b]) => a.localeCompare(b))) {
    if (!ranges[name]) fail(`${requiredBy} requires ${name}, which the root package.json does not list (add it to devDependencies)`);
    dependencies[name] = ranges[name];
  }
  return {
    name: 'seclb',
    version: rootManifest.version,
    description: 'The local proxy engine, deploy core, seclb CLI and Terraform provider plugin for cdktf-secure-elb: deploy a secure Classic ELB declaration to loopback with the same TLS and back-end policies.',
    license: rootManifest.license,
    author: rootManifest.author,
    repository: rootManifest.repository,
    engines: rootManifest.engines,
    bin: { seclb: 'build/provider/cli/main.js' },
    files: SECLB_FILES,
    dependencies,
  };
}

/**
 * Writes `<out>/` (default `dist/packages/seclb`) afresh and returns its path.
 * @param {{ root?: string, out?: string }} [options]
 */
function stageSeclb(options = {}) {
  const root = path.resolve(options.root ?? path.join(__dirname, '..'));
  const out = path.resolve(options.out ?? path.join(root, 'dist', 'packages', 'seclb'));
  const rootManifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  const { files, packages } = seclbClosure(root);
  const manifest = seclbManifest(rootManifest, packages);
  fs.rmSync(out, { recursive: true, force: true });
  const copy = (from, to) => {
    fs.mkdirSync(path.dirname(to), { recursive: true });
    fs.copyFileSync(from, to);
  };
  for (const file of files) copy(file, path.join(out, path.relative(root, file)));
  const protoDir = path.join(root, 'provider', 'plugin', 'proto');
  for (const proto of fs.readdirSync(protoDir).filter((f) => f.endsWith('.proto'))) {
    copy(path.join(protoDir, proto), path.join(out, 'provider', 'plugin', 'proto', proto));
  }
  copy(path.join(root, 'provider', 'cli', 'README.md'), path.join(out, 'README.md'));
  fs.writeFileSync(path.join(out, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return out;
}

module.exports = { stageSeclb, seclbClosure, seclbManifest, SECLB_FILES };
