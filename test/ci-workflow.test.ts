// The real-cluster workflow cannot run here (no Docker engine, no cluster): what can be checked is
// that it parses, that the npm scripts and config files it uses exist and load, and that what it
// pulls is pinned.
import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';
import { loadWorkshopConfig } from '../src/config';
import { ROOT } from './util';
import type { Json } from '../src/json';

const workflow = parse(fs.readFileSync(path.join(ROOT, '.github', 'workflows', 'real-cluster.yml'), 'utf-8'));
const scripts: Record<string, string> = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf-8')).scripts;
const job = workflow.jobs.workshop;
const runs: string[] = job.steps.map((s: Json) => s.run).filter((r: unknown): r is string => typeof r === 'string');

describe('the real-cluster workflow', () => {
  test('runs the default workshop and a class of three on kind, applies dist/ and watches verify', () => {
    expect(job.strategy.matrix.include.map((m: Json) => m.workshop)).toEqual(['default', 'class']);
    expect(runs).toEqual(
      expect.arrayContaining(['kubectl apply -f dist/', 'npm run verify -- ${{ matrix.verify }} --watch']),
    );
    expect(job.strategy.matrix.include.find((m: Json) => m.workshop === 'class').verify).toEqual('--class');
    expect(loadWorkshopConfig(path.join(ROOT, 'ci', 'class.yaml')).students).toEqual(['alice', 'bob', 'carol']);
  });

  test('calls only npm scripts that exist, and loads config files that exist and are valid', () => {
    const called = runs.flatMap((r) => [...r.matchAll(/npm run (?:--silent )?([\w:-]+)/g)].map((m) => m[1]));
    expect(called.length).toBeGreaterThan(0);
    expect(called.filter((name) => scripts[name] === undefined)).toEqual([]);
    for (const m of job.strategy.matrix.include) {
      const file = job.env.WORKSHOP_CONFIG.replace('${{ matrix.workshop }}', m.workshop);
      expect(loadWorkshopConfig(path.join(ROOT, file)).exercises?.workQueue?.loader).toBe(true);
    }
  });

  test('pins kind and its node images by version and digest, and actions by major version', () => {
    expect(job.env.KIND_VERSION).toMatch(/^v\d+\.\d+\.\d+$/);
    for (const m of job.strategy.matrix.include) expect(m.node).toMatch(/^v1\.(3[4-9])\.\d+@sha256:[0-9a-f]{64}$/);
    for (const step of job.steps.filter((s: Json) => s.uses)) expect(step.uses).toMatch(/^actions\/[\w-]+@v\d+$/);
    expect(workflow.permissions).toEqual({ contents: 'read' });
  });
});

describe('the code-scanning snippet of docs/validation.md', () => {
  test('is current: upload-sarif v4, with the permission it needs', () => {
    const readme = fs.readFileSync(path.join(ROOT, 'docs', 'validation.md'), 'utf-8');
    const block = /```yaml\n(permissions:[\s\S]*?upload-sarif[\s\S]*?)```/.exec(readme)?.[1];
    const snippet = parse(block ?? '');
    expect(snippet.permissions).toEqual({ contents: 'read', 'security-events': 'write' });
    const upload = snippet.steps.find((s: Json) => String(s.uses).includes('upload-sarif'));
    expect(upload).toEqual({
      uses: 'github/codeql-action/upload-sarif@v4',
      if: 'always()',
      with: { sarif_file: 'findings.sarif' },
    });
    expect(snippet.steps.map((s: Json) => s.run).filter(Boolean)).toEqual([
      'npm ci',
      'npm run -s synth -- --report findings.sarif',
    ]);
    expect(readme).not.toContain('upload-sarif@v3');
    expect(fs.readFileSync(path.join(ROOT, 'README.md'), 'utf-8')).not.toContain('upload-sarif@v3');
  });
});
