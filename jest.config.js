/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>'],
  testMatch: ['**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  // `npm test` runs tsc over the whole project first, so ts-jest only transpiles (isolatedModules in tsconfig.json).
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  // The caller's WORKSHOP_*/CDK8S_* variables never reach a test; temporary folders are removed.
  setupFiles: ['<rootDir>/test/setup-env.ts'],
  setupFilesAfterEnv: ['<rootDir>/test/setup-after-env.ts'],
  // Every core: the slow suites mostly wait on the processes they spawn, so two workers on two cores pay.
  maxWorkers: '100%',
  snapshotResolver: '<rootDir>/scripts/snapshot-resolver.js',
};
