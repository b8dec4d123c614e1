#!/usr/bin/env node
'use strict';
/**
 * `npm run pack`: packs what users install, from an existing build (`npm run build` first):
 *
 * - `cdktf-secure-elb`, the jsii construct library (the repository root, its `files` allowlist);
 * - `seclb`, the engine, deploy core, CLI and Terraform plugin, staged by `stage-seclb.js`.
 *
 * Usage: `node scripts/pack.js [--dry-run] [--out DIR] [--json]`. Tarballs go to `DIR`
 * (default `dist/tarballs`); `--json` prints npm's pack report for each package (name, filename,
 * size, unpackedSize, entryCount, files) as one JSON array.
 */
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const { stageSeclb } = require('./stage-seclb');

/** Runs `npm pack --json` in `dir`; returns npm's report for the one package. */
function npmPack(dir, { dryRun, out }) {
  const args = ['pack', '--json', '--ignore-scripts', '--pack-destination', out];
  if (dryRun) args.push('--dry-run');
  const stdout = execFileSync('npm', args, { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
  return JSON.parse(stdout)[0];
}

/**
 * Packs both packages; returns npm's reports, library first.
 * @param {{ root?: string, dryRun?: boolean, out?: string }} [options]
 */
function packAll(options = {}) {
  const root = path.resolve(options.root ?? path.join(__dirname, '..'));
  const out = path.resolve(options.out ?? path.join(root, 'dist', 'tarballs'));
  fs.mkdirSync(out, { recursive: true });
  if (!fs.existsSync(path.join(root, '.jsii'))) throw new Error(`pack: ${root} has no .jsii assembly (run npm run build)`);
  const seclbDir = stageSeclb({ root });
  return [npmPack(root, { dryRun: options.dryRun, out }), npmPack(seclbDir, { dryRun: options.dryRun, out })];
}

if (require.main === module) {
  const argv = process.argv.slice(2);
  const outAt = argv.indexOf('--out');
  try {
    const reports = packAll({ dryRun: argv.includes('--dry-run'), out: outAt >= 0 ? argv[outAt + 1] : undefined });
    if (argv.includes('--json')) process.stdout.write(`${JSON.stringify(reports, null, 2)}\n`);
    else for (const r of reports) console.log(`${r.name}@${r.version}  ${r.filename}  packed ${r.size} B  unpacked ${r.unpackedSize} B  ${r.entryCount} files`);
  } catch (e) {
    console.error(e.message);
    process.exit(1);
  }
}

module.exports = { packAll };
