/**
 * `npm run test:packages`: the packed packages installed into temporary cdktf and cdktn apps from
 * the npm registry (test/packages/apps/). Kept out of `npm test` because each app downloads a framework,
 * its CLI and ~400 MB of provider bindings; CI runs it as its own step after the build.
 */
const base = require('./jest.config');

module.exports = {
  ...base,
  roots: ['<rootDir>/test/packages/apps'],
  testPathIgnorePatterns: ['/node_modules/'],
  globalSetup: '<rootDir>/test/packages/apps/global-setup.js',
  testTimeout: 900000,
  maxWorkers: 2,
};
