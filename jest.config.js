/** Jest runs the TypeScript sources directly (ts-jest, transpile only; `npm run typecheck` checks types). */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // The packed-package tests install from the npm registry: `npm run test:packages` (jest.packages.config.js).
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/packages/apps/'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.dev.json', diagnostics: false }],
  },
  setupFilesAfterEnv: ['<rootDir>/test/setup.ts'],
  testTimeout: 60000,
};
