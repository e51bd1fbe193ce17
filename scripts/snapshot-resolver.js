// Keeps every snapshot in the project's top-level __snapshots__/ folder (the design card's layout),
// named after its test file: test/trace-job.test.ts -> __snapshots__/trace-job.test.ts.snap.
const path = require('path');

const root = path.resolve(__dirname, '..');
const testDir = path.join(root, 'test');

module.exports = {
  resolveSnapshotPath: (testPath, ext) => path.join(root, '__snapshots__', path.basename(testPath) + ext),
  resolveTestPath: (snapshotPath, ext) => path.join(testDir, path.basename(snapshotPath, ext)),
  testPathForConsistencyCheck: path.join(testDir, 'example.test.ts'),
};
