/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>'],
  testMatch: ['**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  // `npm test` runs tsc over the whole project first, so ts-jest only transpiles (isolatedModules).
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json', isolatedModules: true }] },
  snapshotResolver: '<rootDir>/scripts/snapshot-resolver.js',
};
