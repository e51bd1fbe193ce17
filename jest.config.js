/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>'],
  testMatch: ['**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  // `npm test` runs tsc over the whole project first, so ts-jest only transpiles (isolatedModules).
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json', isolatedModules: true }] },
  // The caller's WORKSHOP_*/CDK8S_* variables never reach a test; temporary folders are removed.
  setupFiles: ['<rootDir>/test/setup-env.ts'],
  setupFilesAfterEnv: ['<rootDir>/test/setup-after-env.ts'],
  snapshotResolver: '<rootDir>/scripts/snapshot-resolver.js',
};
