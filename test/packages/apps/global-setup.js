'use strict';
/**
 * Runs once before the packed-package tests: checks that the npm registry answers (the apps
 * install from it), then packs the packages a user installs into a temporary folder and passes
 * their paths to the tests in SECLB_TEST_TARBALLS (JSON: { cdktf, seclb, cdktn }): the construct
 * library and seclb with `npm run pack`'s code, cdktn-secure-elb generated from the same lib/.
 */
const { execFileSync } = require('child_process');
const { mkdtempSync } = require('fs');
const { tmpdir } = require('os');
const { join } = require('path');
const { buildCdktnPackage, packCdktnPackage } = require('../../../scripts/frameworks/cdktn-package');
const { packAll } = require('../../../scripts/pack');

function requireRegistry() {
  try {
    execFileSync('npm', ['ping', '--loglevel=error'], { stdio: 'pipe', timeout: 60_000 });
  } catch (e) {
    const lines = `${e.stderr ?? ''}`.split('\n').map((l) => l.replace(/^npm error\s*/, '').trim()).filter(Boolean);
    const why = lines.find((l) => /FetchError|ENOTFOUND|ECONNREFUSED|ETIMEDOUT|EAI_AGAIN|\b[45]\d\d\b/.test(l)) ?? lines[0] ?? e.message;
    throw new Error(`the npm registry is unreachable (npm ping failed: ${why}). The packed-package tests install cdktf, cdktn, `
      + 'their CLIs and provider bindings from it; run them where the registry answers (or point npm at a mirror with npm config set registry).');
  }
}

module.exports = async () => {
  requireRegistry();
  const out = mkdtempSync(join(tmpdir(), 'seclb-tarballs-'));
  const [library, seclb] = packAll({ out });
  buildCdktnPackage();
  process.env.SECLB_TEST_TARBALLS = JSON.stringify({ cdktf: join(out, library.filename), seclb: join(out, seclb.filename), cdktn: packCdktnPackage(out) });
};
