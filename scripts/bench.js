#!/usr/bin/env node
// npm run bench: median wall time and peak memory of the synth app step and of `npx cdk8s synth`,
// next to the floor (loading cdk8s-plus-27) and to the same app run through ts-node.
// Numbers are reported, never asserted: timing assertions in tests are flaky by nature.
//
//   npm run bench                 # 7 runs per command
//   BENCH_RUNS=15 npm run bench
//   BENCH_ONLY=hostile npm run bench   # only the hostile config files (also: BENCH_HOSTILE=0 skips them)
'use strict';
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const root = path.resolve(__dirname, '..');
const runs = Number(process.env.BENCH_RUNS || 7);
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'workshop-bench-'));
const preload = path.join(__dirname, 'bench-rss.js');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);

/** Runs `cmd` `runs` times; returns median wall seconds and the largest peak RSS (MiB) of any node process in it. */
function measure(label, cmd, args, env = {}, times = runs, expectStatus = 0) {
  const walls = [];
  let peak = 0;
  for (let i = 0; i < times; i++) {
    const rssFile = path.join(work, `rss-${label.replace(/\W+/g, '_')}-${i}`);
    const outdir = path.join(work, `out-${i}`);
    const start = process.hrtime.bigint();
    const result = spawnSync(cmd, args, {
      cwd: root,
      encoding: 'utf-8',
      env: {
        ...process.env,
        CDK8S_OUTDIR: outdir,
        ...env,
        BENCH_RSS_FILE: rssFile,
        NODE_OPTIONS: `${process.env.NODE_OPTIONS || ''} --require=${preload}`.trim(),
      },
    });
    const wall = Number(process.hrtime.bigint() - start) / 1e9;
    if (result.status !== expectStatus) {
      throw new Error(`${label} exited ${result.status}, expected ${expectStatus}:\n${result.stderr.slice(0, 2000)}${result.stdout.slice(0, 2000)}`);
    }
    walls.push(wall);
    lastStderr = result.stderr;
    const rss = fs.readFileSync(rssFile, 'utf-8').trim().split('\n').map(Number);
    peak = Math.max(peak, ...rss);
    fs.rmSync(outdir, { recursive: true, force: true });
  }
  walls.sort((a, b) => a - b);
  return { label, wall: walls[Math.floor(walls.length / 2)], rssMiB: peak / 1024, runs: times };
}

let lastStderr = '';

/**
 * Hostile or careless config files: how long synth takes to refuse them and how much it prints.
 * The cases: 10,000 and 24,000 unknown keys (quadratic reporting took 13 s and 141 s)
 * and a 50 MB file (did not finish in 300 s).
 */
function hostile() {
  const cases = [
    ['2,000 unknown keys', () => Array.from({ length: 2000 }, (_, i) => `key${i}: ${i}\n`).join('')],
    ['10,000 unknown keys', () => Array.from({ length: 10000 }, (_, i) => `key${i}: ${i}\n`).join('')],
    ['24,000 unknown keys', () => Array.from({ length: 24000 }, (_, i) => `key${i}: ${i}\n`).join('')],
    ['24,000 misspelled keys under exercises.traceJob', () => `exercises:\n  traceJob:\n${Array.from({ length: 24000 }, (_, i) => `    restartPolcy${i}: Never\n`).join('')}`],
    ['1 MB namespace value (just under the size cap)', () => `namespace: ${'A'.repeat(1024 * 1024 - 20)}\n`],
    ['50 MB namespace value', () => `namespace: ${'A'.repeat(50 * 1024 * 1024)}\n`],
  ];
  const lines = ['| config file | size (bytes) | median wall (s) | peak RSS (MiB) | stderr (bytes) | stderr lines |', '|---|---:|---:|---:|---:|---:|'];
  for (const [label, make] of cases) {
    const file = path.join(work, `hostile-${label.replace(/\W+/g, '_')}.yaml`);
    fs.writeFileSync(file, make());
    const r = measure(label, process.execPath, [path.join(root, 'scripts', 'app.js')], { WORKSHOP_CONFIG: file }, Math.min(runs, 3), 1);
    lines.push(`| ${label} | ${fs.statSync(file).size} | ${r.wall.toFixed(3)} | ${r.rssMiB.toFixed(0)} | ${Buffer.byteLength(lastStderr)} | ${lastStderr.trimEnd().split('\n').length} |`);
    fs.rmSync(file);
  }
  console.log(lines.join('\n'));
}

function table(rows, floor) {
  const lines = ['| command | runs | median wall (s) | x floor | peak RSS (MiB) |', '|---|---:|---:|---:|---:|'];
  for (const r of rows) {
    lines.push(`| ${r.label} | ${r.runs} | ${r.wall.toFixed(3)} | ${(r.wall / floor.wall).toFixed(2)} | ${r.rssMiB.toFixed(0)} |`);
  }
  return lines.join('\n');
}

/** Fleet mode: 1, 10 and 100 students through our synth and through one App's App.synth(). */
function fleet() {
  const sizes = (process.env.BENCH_STUDENTS || '1,10,100').split(',').map(Number);
  const rows = [];
  for (const n of sizes) {
    const config = path.join(work, `class-${n}.yaml`);
    fs.writeFileSync(config, `students: [${Array.from({ length: n }, (_, i) => `student${i + 1}`).join(', ')}]\n`);
    const env = { WORKSHOP_CONFIG: config };
    const count = spawnSync(process.execPath, [path.join(root, 'scripts', 'app.js')], { cwd: root, encoding: 'utf-8', env: { ...process.env, ...env, CDK8S_OUTDIR: path.join(work, 'count') } });
    const objects = Number(/synthesized (\d+) objects/.exec(count.stderr)?.[1]);
    const times = n >= 100 ? Math.min(runs, 3) : runs;
    const app = measure(`app step, ${n} students`, process.execPath, [path.join(root, 'scripts', 'app.js')], env, times);
    const cli = measure(`npx cdk8s synth, ${n} students`, bin('cdk8s'), ['synth', '--output', path.join(work, 'cli-out')], env, times);
    const plain = measure(`App.synth() in one App, ${n} students`, process.execPath, [path.join(root, 'scripts', 'app.js')],
      { ...env, WORKSHOP_APP_ENTRY: 'scripts/plain-synth.ts' }, Math.min(times, n >= 100 ? 1 : 3));
    rows.push({ n, objects, app, cli, plain });
  }
  const lines = [
    '| students | objects | app step (s) | app peak RSS (MiB) | cdk8s synth (s) | cdk8s synth peak RSS (MiB) | App.synth() one App (s) | its peak RSS (MiB) | App.synth() / app step |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const r of rows) {
    lines.push(`| ${r.n} | ${r.objects} | ${r.app.wall.toFixed(3)} | ${r.app.rssMiB.toFixed(0)} | ${r.cli.wall.toFixed(3)} | ${r.cli.rssMiB.toFixed(0)} | ${r.plain.wall.toFixed(3)} | ${r.plain.rssMiB.toFixed(0)} | ${(r.plain.wall / r.app.wall).toFixed(1)}x |`);
  }
  console.log(lines.join('\n'));
  const at = (n) => rows.find((r) => r.n === n);
  if (at(10) && at(100)) {
    console.log('');
    console.log(`npx cdk8s synth, 100 / 10 students: ${(at(100).cli.wall / at(10).cli.wall).toFixed(2)}x (goal: at most 12x); 100 students: ${at(100).cli.wall.toFixed(2)} s (goal: at most 5 s)`);
    console.log(`app step, 100 / 10 students: ${(at(100).app.wall / at(10).app.wall).toFixed(2)}x; peak RSS ${(at(100).app.rssMiB / at(10).app.rssMiB).toFixed(2)}x`);
  }
}

function main() {
  // Warm the bundle cache once, as every synth after the first edit does.
  measure('warm-up', process.execPath, [path.join(root, 'scripts', 'app.js')], {}, 1);
  if (process.env.BENCH_ONLY === 'hostile') {
    hostile();
    return;
  }

  const floor = measure("floor: node -e require('cdk8s-plus-27')", process.execPath, ['-e', "require('cdk8s-plus-27')"]);
  const app = measure('app step: node scripts/app.js', process.execPath, [path.join(root, 'scripts', 'app.js')]);
  const cold = measure('app step, cold bundle cache (after an edit)', process.execPath, [path.join(root, 'scripts', 'app.js')],
    { WORKSHOP_APP_CACHE_BUST: '1' }, Math.min(runs, 3));
  const cli = measure('npx cdk8s synth', bin('cdk8s'), ['synth', '--output', path.join(work, 'cli-out')]);
  const unvalidatedEnv = { WORKSHOP_APP_ENTRY: 'scripts/unvalidated-synth.ts' };
  measure('warm-up', process.execPath, [path.join(root, 'scripts', 'app.js')], unvalidatedEnv, 1);
  const appNoValidation = measure('app step without validation (reference)', process.execPath, [path.join(root, 'scripts', 'app.js')], unvalidatedEnv);
  const cliNoValidation = measure('npx cdk8s synth without validation (reference)', bin('cdk8s'), ['synth', '--output', path.join(work, 'cli-out')], unvalidatedEnv);
  const tsNode = measure('same app through ts-node', bin('ts-node'), [path.join(root, 'main.ts')], {}, Math.min(runs, 3));

  console.log(table([floor, app, appNoValidation, cold, cli, cliNoValidation, tsNode], floor));
  console.log('');
  console.log(`app step / floor: ${(app.wall / floor.wall).toFixed(2)}x (goal: at most 2x)`);
  console.log(`validation adds ${(100 * (app.wall / appNoValidation.wall - 1)).toFixed(0)}% to the app step and ` +
    `${(100 * (cli.wall / cliNoValidation.wall - 1)).toFixed(0)}% to npx cdk8s synth (goal: at most 30%)`);
  console.log(`ts-node / app step: ${(tsNode.wall / app.wall).toFixed(1)}x slower`);
  console.log(`machine: ${os.cpus().length} cores, node ${process.version}`);
  if (process.env.BENCH_FLEET !== '0') {
    console.log('');
    console.log('Fleet mode (students: list)');
    console.log('');
    fleet();
  }
  if (process.env.BENCH_HOSTILE !== '0') {
    console.log('');
    console.log('Hostile config files (synth refuses each; exit 1)');
    console.log('');
    hostile();
  }
}

try {
  main();
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}
