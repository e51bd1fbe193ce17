#!/usr/bin/env node
// npm run bench: wall time and peak memory of synth, paired against another commit (the previous
// one by default), so a change is judged against the same machine at the same moment. The machine
// these numbers come from is shared and noisy: runs of the two trees alternate, medians are
// reported, and the ratio is the median of the per-pair ratios. Numbers are reported, never
// asserted: timing assertions in tests are flaky by nature.
//
//   npm run bench                        # this tree against HEAD~1, 5 pairs per figure
//   BENCH_BASE=16d75f3 npm run bench     # against any commit
//   BENCH_RUNS=9 BENCH_STUDENTS=100,884 BENCH_JEST=1 npm run bench
//   BENCH_ONLY=hostile npm run bench     # only the hostile config files (BENCH_HOSTILE=0 skips them)
//
// Figures: the floor (loading cdk8s-plus-27), the app step of the default workshop (what
// `npm run synth` runs: node scripts/app.js), the same for classes of students, and with
// BENCH_JEST=1 the jest time of `npm test` (warm). A check that our per-chart synth writes the
// same manifests as cdk8s's quadratic one-App App.synth() runs once, for 6 students (students 2 and 4 are copies: src/synth.ts).
'use strict';
const { execFileSync, spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const root = path.resolve(__dirname, '..');
const runs = Number(process.env.BENCH_RUNS || 5);
const students = (process.env.BENCH_STUDENTS || '100,884').split(',').filter(Boolean).map(Number);
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'workshop-bench-'));
const preload = path.join(__dirname, 'bench-rss.js');

/** A copy of `ref` with its own dependencies (this tree's node_modules when the lock file is the same). */
function checkout(ref) {
  const dir = path.join(work, 'base');
  fs.mkdirSync(dir);
  const tar = execFileSync('git', ['archive', '--format=tar', ref], { cwd: root, maxBuffer: 1 << 30 });
  execFileSync('tar', ['-x', '-C', dir], { input: tar, maxBuffer: 1 << 30 });
  const sameLock =
    fs.readFileSync(path.join(dir, 'package-lock.json'), 'utf-8') ===
    fs.readFileSync(path.join(root, 'package-lock.json'), 'utf-8');
  if (sameLock) {
    // Every package linked, but a .cache of its own: the two trees' caches must not overwrite each other.
    fs.mkdirSync(path.join(dir, 'node_modules'));
    for (const entry of fs.readdirSync(path.join(root, 'node_modules'))) {
      if (entry !== '.cache')
        fs.symlinkSync(path.join(root, 'node_modules', entry), path.join(dir, 'node_modules', entry));
    }
  } else {
    console.error(`bench: ${ref} has other dependencies; npm ci in a temporary folder (from the npm cache)...`);
    execFileSync('npm', ['ci', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'], {
      cwd: dir,
      stdio: 'inherit',
    });
  }
  return dir;
}

/** One run of `args` (node) in `cwd`: wall seconds, the largest peak RSS (MiB) of its node processes, stderr. */
function once(cwd, args, env, expectStatus = 0) {
  const rssFile = path.join(work, `rss-${process.hrtime.bigint()}`);
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, {
    cwd,
    encoding: 'utf-8',
    maxBuffer: 1 << 28,
    env: {
      ...process.env,
      CDK8S_OUTDIR: path.join(work, 'out'),
      ...env,
      BENCH_RSS_FILE: rssFile,
      NODE_OPTIONS: `--require=${preload}`,
    },
  });
  const wall = Number(process.hrtime.bigint() - start) / 1e9;
  if (result.status !== expectStatus) {
    throw new Error(
      `${args.join(' ')} in ${cwd} exited ${result.status}, expected ${expectStatus}:\n${result.stderr.slice(0, 2000)}${result.stdout.slice(0, 2000)}`,
    );
  }
  const rss = fs.readFileSync(rssFile, 'utf-8').trim().split('\n').map(Number);
  fs.rmSync(path.join(work, 'out'), { recursive: true, force: true });
  // The removal is flushed before the next run starts, so that run is not billed for it: on this VM
  // (ext4 mounted with discard) writing 14,144 files right after removing as many took up to twice
  // as long as into a settled disk.
  if (process.platform !== 'win32') spawnSync('sync');
  return { wall, rssMiB: Math.max(...rss) / 1024, stderr: result.stderr };
}

/**
 * Hostile or careless config files (this tree only): how long synth takes to refuse them and how
 * much it prints. 10,000 and 24,000 unknown keys once took 13 s and 141 s (quadratic reporting),
 * and a 50 MB file did not finish in 300 s.
 */
function hostile() {
  const cases = [
    ['2,000 unknown keys', () => Array.from({ length: 2000 }, (_, i) => `key${i}: ${i}\n`).join('')],
    ['10,000 unknown keys', () => Array.from({ length: 10000 }, (_, i) => `key${i}: ${i}\n`).join('')],
    ['24,000 unknown keys', () => Array.from({ length: 24000 }, (_, i) => `key${i}: ${i}\n`).join('')],
    [
      '24,000 misspelled keys under exercises.traceJob',
      () =>
        `exercises:\n  traceJob:\n${Array.from({ length: 24000 }, (_, i) => `    restartPolcy${i}: Never\n`).join('')}`,
    ],
    ['1 MB namespace value (just under the size cap)', () => `namespace: ${'A'.repeat(1024 * 1024 - 20)}\n`],
    ['50 MB namespace value', () => `namespace: ${'A'.repeat(50 * 1024 * 1024)}\n`],
  ];
  console.log(
    '| config file (synth refuses each, exit 1) | size (bytes) | median wall (s) | peak RSS (MiB) | stderr (bytes) | stderr lines |',
  );
  console.log('|---|---:|---:|---:|---:|---:|');
  for (const [label, make] of cases) {
    const file = path.join(work, 'hostile.yaml');
    fs.writeFileSync(file, make());
    const samples = Array.from({ length: Math.min(runs, 3) }, () =>
      once(root, [path.join('scripts', 'app.js')], { WORKSHOP_CONFIG: file }, 1),
    );
    const stderr = samples[0].stderr;
    console.log(
      `| ${label} | ${fs.statSync(file).size} | ${median(samples.map((x) => x.wall)).toFixed(3)} | ${Math.max(...samples.map((x) => x.rssMiB)).toFixed(0)} | ${Buffer.byteLength(stderr)} | ${stderr.trimEnd().split('\n').length} |`,
    );
    fs.rmSync(file);
  }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** `runs` pairs of base and head runs, alternating which goes first. */
function paired(label, trees, args, env = {}, times = runs) {
  for (const dir of Object.values(trees)) once(dir, args, env); // warm the bundle and schema caches
  const samples = { base: [], head: [] };
  for (let i = 0; i < times; i++) {
    const order = i % 2 === 0 ? ['base', 'head'] : ['head', 'base'];
    for (const which of order) samples[which].push(once(trees[which], args, env));
  }
  const summary = (s) => ({ wall: median(s.map((x) => x.wall)), rssMiB: Math.max(...s.map((x) => x.rssMiB)) });
  const ratio = median(samples.head.map((h, i) => h.wall / samples.base[i].wall));
  return { label, base: summary(samples.base), head: summary(samples.head), ratio, runs: times };
}

function classConfig(n) {
  const file = path.join(work, `class-${n}.yaml`);
  fs.writeFileSync(file, `students: [${Array.from({ length: n }, (_, i) => `student${i + 1}`).join(', ')}]\n`);
  return file;
}

/** Jest wall time of a warm `npm test` (after tsc), from jest's own JSON report. */
function jestTime(dir) {
  const out = path.join(work, `jest-${path.basename(dir)}.json`);
  spawnSync(path.join(dir, 'node_modules', '.bin', 'jest'), ['--ci', '--silent', '--json', `--outputFile=${out}`], {
    cwd: dir,
    encoding: 'utf-8',
  });
  const report = JSON.parse(fs.readFileSync(out, 'utf-8'));
  const end = Math.max(...report.testResults.map((r) => r.endTime));
  const slowest = [...report.testResults].sort((a, b) => b.endTime - b.startTime - (a.endTime - a.startTime))[0];
  return {
    wall: (end - report.startTime) / 1000,
    tests: report.numTotalTests,
    failed: report.numFailedTests,
    slowest: `${path.basename(slowest.name)} ${((slowest.endTime - slowest.startTime) / 1000).toFixed(1)} s`,
  };
}

/** Our synth and one App's App.synth() write the same objects for a small class. */
function sameAsAppSynth() {
  const env = { WORKSHOP_CONFIG: classConfig(6) };
  const ours = path.join(work, 'ours');
  const plain = path.join(work, 'plain');
  for (const [outdir, entry] of [
    [ours, 'main.ts'],
    [plain, 'scripts/plain-synth.ts'],
  ]) {
    const r = spawnSync(process.execPath, [path.join(root, 'scripts', 'app.js')], {
      cwd: root,
      encoding: 'utf-8',
      env: { ...process.env, ...env, CDK8S_OUTDIR: outdir, WORKSHOP_APP_ENTRY: entry },
    });
    if (r.status !== 0) throw new Error(`${entry} failed: ${r.stderr}`);
  }
  const { parseAllDocuments } = require('yaml');
  const objects = (dir) =>
    fs
      .readdirSync(dir, { recursive: true })
      .filter((f) => f.endsWith('.yaml'))
      .flatMap((f) => parseAllDocuments(fs.readFileSync(path.join(dir, f), 'utf-8')).map((d) => d.toJS()))
      .filter(Boolean)
      .map((m) => JSON.stringify(m))
      .sort();
  const a = objects(ours);
  const b = objects(plain);
  return a.length === b.length && a.every((x, i) => x === b[i])
    ? `same ${a.length} objects`
    : `DIFFERENT (${a.length} vs ${b.length} objects)`;
}

function main() {
  if (process.env.BENCH_ONLY === 'hostile') {
    hostile();
    return;
  }
  const ref = process.env.BENCH_BASE || 'HEAD~1';
  const base = checkout(ref);
  const trees = { base, head: root };
  const commit = (dir) =>
    dir === root
      ? `this tree (${execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf-8' }).trim()}${execFileSync('git', ['status', '--porcelain'], { cwd: root, encoding: 'utf-8' }).trim() ? ' + changes' : ''})`
      : ref;
  const app = path.join('scripts', 'app.js');
  const rows = [
    paired('floor: node -e "require(\'cdk8s-plus-27\')"', trees, ['-e', "require('cdk8s-plus-27')"]),
    paired('app step, default workshop (npm run synth)', trees, [app]),
    ...students.map((n) =>
      paired(
        `app step, ${n} students`,
        trees,
        [app],
        { WORKSHOP_CONFIG: classConfig(n) },
        n >= 500 ? Math.min(runs, 3) : runs,
      ),
    ),
  ];
  console.log(
    `base: ${commit(base)}; head: ${commit(root)}; ${os.cpus().length} cores, node ${process.version}, load ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
  console.log(
    'A shared, noisy machine: medians of alternating runs; "head / base" is the median of the per-pair ratios.\n',
  );
  console.log(
    '| what | runs | base median (s) | head median (s) | head / base | base peak RSS (MiB) | head peak RSS (MiB) |',
  );
  console.log('|---|---:|---:|---:|---:|---:|---:|');
  for (const r of rows) {
    console.log(
      `| ${r.label} | ${r.runs} | ${r.base.wall.toFixed(2)} | ${r.head.wall.toFixed(2)} | ${r.ratio.toFixed(2)} | ${r.base.rssMiB.toFixed(0)} | ${r.head.rssMiB.toFixed(0)} |`,
    );
  }
  const [floor, workshop] = rows;
  const fleet = (n) => rows.find((r) => r.label === `app step, ${n} students`);
  console.log('');
  console.log(
    `app step / floor: base ${(workshop.base.wall / floor.base.wall).toFixed(2)}x, head ${(workshop.head.wall / floor.head.wall).toFixed(2)}x (goal: at most 2x)`,
  );
  const big = fleet(Math.max(...students));
  if (big)
    console.log(
      `${Math.max(...students)} students: head ${big.head.wall.toFixed(2)} s, ${big.head.rssMiB.toFixed(0)} MiB (goal for 884: at most 8 s and 400 MiB)`,
    );
  if (fleet(100) && fleet(884)) {
    console.log(
      `884 / 100 students: base ${(fleet(884).base.wall / fleet(100).base.wall).toFixed(2)}x, head ${(fleet(884).head.wall / fleet(100).head.wall).toFixed(2)}x (goal: at most 9.5x)`,
    );
  }
  console.log(`our synth against one App's App.synth(), 6 students: ${sameAsAppSynth()}`);
  if (process.env.BENCH_JEST === '1') {
    const j = { base: jestTime(base), head: jestTime(root) };
    console.log(
      `jest wall time, warm: base ${j.base.wall.toFixed(1)} s (${j.base.tests} tests, slowest ${j.base.slowest}), head ${j.head.wall.toFixed(1)} s (${j.head.tests} tests, ${j.head.failed} failed, slowest ${j.head.slowest}) (goal: at most 15 s)`,
    );
  }
  if (process.env.BENCH_HOSTILE !== '0') {
    console.log('');
    hostile();
  }
}

try {
  main();
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}
