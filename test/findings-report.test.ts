import * as fs from 'fs';
import * as path from 'path';
import Ajv, { _ } from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { cachedModule, cachePath, packageVersion } from '../src/disk-cache';
import { fieldPath, FindingsReport, toSarif } from '../src/findings-report';
import { RULES } from '../src/validation/validate';
import { synthApp, SynthRun, WORKSHOP_YAML } from './synth-app';
import { ROOT, tempDir } from './util';
import type { Json } from '../src/json';
const SARIF_SCHEMA_TEXT = fs.readFileSync(path.join(ROOT, 'test', 'schemas', 'sarif-schema-2.1.0.json'), 'utf-8');

type SarifValidate = ((data: unknown) => boolean) & { errors?: unknown[] | null };
let compiled: SarifValidate | undefined;
/**
 * The official SARIF 2.1.0 schema (JSON Schema draft-04), formats included. Compiling it costs ajv
 * about half a second, so its standalone code is kept in the project's disk cache (rebuilt when the
 * schema or a version of ajv changes, or the entry is damaged), like the app's own validators.
 */
function sarifValidator(): SarifValidate {
  if (!compiled) {
    const versions = ['ajv', 'ajv-draft-04', 'ajv-formats'].map((name) => `${name}@${packageVersion(name)}`).join(' ');
    compiled = cachedModule<SarifValidate>(
      cachePath('test-validators', 'sarif-2.1.0.js'),
      `sarif-test 1 ${versions}\n${SARIF_SCHEMA_TEXT}`,
      () => {
        const standalone = require('ajv/dist/standalone').default;
        const ajv = new Ajv({
          allErrors: true,
          strict: false,
          code: { source: true, formats: _`require("ajv-formats/dist/formats").fullFormats` },
        });
        addFormats(ajv);
        return standalone(ajv, ajv.compile(JSON.parse(SARIF_SCHEMA_TEXT)));
      },
      (e) => typeof e === 'function',
    );
  }
  return compiled;
}

/**
 * A workshop with findings in every state: the traceroute image unpinned (an error, on the
 * workshop.yaml line that sets it), Pod Security `restricted` (errors), one object's finding
 * turned into a warning and one switched off, each with its reason.
 */
const CONFIG = `podSecurity:
  enforce: restricted
exercises:
  traceJob:
    image: alpine
validation:
  overrides:
    - rule: pod-security
      severity: warning
      object: Job/ping-google
      reason: ping needs NET_RAW; checked by hand
    - rule: pod-security
      severity: "off"
      object: StatefulSet/data-pipeline
      reason: postgres and redis chown their data folders as root
`;

interface ReportRun {
  readonly result: SynthRun;
  readonly dir: string;
  readonly config: string;
  readonly text?: string;
}

/** Synth with `--report <dir>/<report>` and `configText` as its workshop.yaml, in a folder of its own. */
async function synthWithReport(configText: string, report: string, extra: string[] = []): Promise<ReportRun> {
  const dir = tempDir();
  const config = path.join(dir, 'workshop.yaml');
  fs.writeFileSync(config, configText);
  const file = path.join(dir, report);
  const result = await synthApp({ WORKSHOP_CONFIG: config, CDK8S_OUTDIR: path.join(dir, 'dist') }, [
    '--report',
    file,
    ...extra,
  ]);
  return { result, dir, config, text: fs.existsSync(file) ? fs.readFileSync(file, 'utf-8') : undefined };
}

describe('findings report', () => {
  // One synth per form of CONFIG's report, shared by the tests that read it.
  let sarif: ReportRun;
  let json: ReportRun;
  let log: Json;
  let results: Json[];
  beforeAll(async () => {
    sarif = await synthWithReport(CONFIG, 'findings.sarif');
    json = await synthWithReport(CONFIG, 'findings.json');
    log = JSON.parse(sarif.text ?? '{}');
    results = log.runs?.[0]?.results ?? [];
  });
  const resultOf = (rule: string, object: string) =>
    results.find((r) => r.ruleId === rule && r.properties.object === object);

  test('is written when validation fails, and synth still fails and writes no manifests', () => {
    expect(sarif.result.status).toBe(1);
    expect(sarif.result.stderr).toContain('synth failed: validation found');
    expect(sarif.result.stderr).toMatch(
      /wrote findings report .*findings\.sarif \(SARIF 2\.1\.0\): 9 errors, 3 warnings, 16 suppressed/,
    );
    expect(fs.existsSync(path.join(sarif.dir, 'dist'))).toBe(false);
  });

  test('is valid SARIF 2.1.0 by the official schema', () => {
    const validate = sarifValidator();
    const valid = validate(log);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    expect(log.version).toEqual('2.1.0');
    // The validator has teeth: a wrong version and a URI that is not one are refused.
    expect(validate({ ...log, version: '2.2.0' })).toBe(false);
    const badUri = JSON.parse(JSON.stringify(log));
    badUri.runs[0].tool.driver.informationUri = 'not a uri';
    expect(validate(badUri)).toBe(false);
    expect(validate.errors).toEqual([
      expect.objectContaining({ instancePath: '/runs/0/tool/driver/informationUri', keyword: 'format' }),
    ]);
  });

  test('lists every rule with its description and help', () => {
    const rules = log.runs[0].tool.driver.rules;
    expect(rules.map((r: Json) => r.id)).toEqual(RULES.map((r) => r.id));
    for (const r of rules) {
      expect(r.shortDescription.text.length).toBeGreaterThan(10);
      expect(r.help.text.length).toBeGreaterThan(10);
    }
  });

  test('points an error at the workshop.yaml line that set the value, and at the output file line of the field', () => {
    const r = resultOf('image-pinned', 'Job/workshop-day2-solutions/traceroute');
    expect(r.level).toEqual('error');
    expect(r.locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: expect.stringMatching(/workshop\.yaml$/), index: expect.any(Number) },
      region: { startLine: 5, startColumn: 5 },
    });
    const output = r.relatedLocations[0].physicalLocation;
    expect(output.artifactLocation.uri).toMatch(/dist\/0002-trace-job\.k8s\.yaml$/);
    expect(r.locations[0].logicalLocations[0]).toEqual({
      name: 'Job/workshop-day2-solutions/traceroute',
      fullyQualifiedName: 'trace-job/TraceJob/Resource',
      kind: 'resource',
    });
    expect(r.message.text).toContain(
      '[image-pinned] Job/workshop-day2-solutions/traceroute spec.template.spec.containers[0].image: got "alpine"',
    );
  });

  test('gives the output line of the very field a finding names', async () => {
    const report = JSON.parse(json.text!);
    const f = report.findings.find((x: Json) => x.rule === 'image-pinned');
    expect(f.output).toEqual({
      file: expect.stringMatching(/dist\/0002-trace-job\.k8s\.yaml$/),
      line: expect.any(Number),
      column: expect.any(Number),
    });
    // The file is not written on failure; the same synth with the override for everything shows it.
    const ok = await synthWithReport(
      `${CONFIG}    - rule: image-pinned\n      severity: warning\n      reason: only to see the output\n    - rule: pod-security\n      severity: warning\n      reason: only to see the output\n`,
      'ok.json',
    );
    expect(ok.result.status).toBe(0);
    const g = JSON.parse(ok.text!).findings.find((x: Json) => x.rule === 'image-pinned');
    const lines = fs.readFileSync(path.join(ok.dir, 'dist', '0002-trace-job.k8s.yaml'), 'utf-8').split('\n');
    expect(lines[g.output.line - 1].trim()).toEqual('image: alpine');
  });

  test('marks a warning by its override and lists a suppressed finding with the reason and the override line', () => {
    const warning = resultOf('pod-security', 'Job/workshop-day2-solutions/ping-google');
    expect(warning.level).toEqual('warning');
    const off = results.filter(
      (r) => r.properties.object === 'StatefulSet/workshop-day2-solutions/data-pipeline' && r.ruleId === 'pod-security',
    );
    expect(off.length).toBeGreaterThan(0);
    for (const r of off) {
      expect(r.suppressions).toEqual([
        {
          kind: 'external',
          status: 'accepted',
          justification: 'postgres and redis chown their data folders as root',
          location: {
            physicalLocation: {
              artifactLocation: { uri: expect.stringMatching(/workshop\.yaml$/) },
              region: { startLine: 12, startColumn: 7 },
            },
          },
        },
      ]);
    }
  });

  test('the JSON form holds the same findings, each with its state, sources and override', () => {
    expect(json.result.status).toBe(1);
    expect(json.result.stderr).toMatch(
      /wrote findings report .*findings\.json \(JSON\): 9 errors, 3 warnings, 16 suppressed/,
    );
    const report = JSON.parse(json.text!);
    expect(report.summary).toEqual({ errors: 9, warnings: 3, suppressed: 16 });
    expect(report.findings.length).toEqual(results.length);
    expect(report.findings.length).toEqual(report.summary.errors + report.summary.warnings + report.summary.suppressed);
    const warning = report.findings.find((f: Json) => f.state === 'warning');
    expect(warning).toMatchObject({
      rule: 'pod-security',
      object: 'Job/workshop-day2-solutions/ping-google',
      override: {
        rule: 'pod-security',
        severity: 'warning',
        reason: 'ping needs NET_RAW; checked by hand',
        config: { line: 8, field: 'validation.overrides[0]' },
      },
    });
    // exercises.sharedConfigJobs is not in this file: the value is the construct's default.
    expect(warning.config).toBeUndefined();
    const image = report.findings.find((f: Json) => f.rule === 'image-pinned');
    expect(image.config).toEqual({ file: json.config, line: 5, column: 5, field: 'exercises.traceJob.image' });
    expect(report.rules.find((r: Json) => r.id === 'image-pinned').description).toContain(
      'every image names a version',
    );
  });

  test('a clean synth writes an empty report and the manifests', async () => {
    const clean = await synthWithReport('namespace: class-a\n', 'clean.sarif', ['--stdout']);
    expect(clean.result.status).toBe(0);
    const cleanLog = JSON.parse(clean.text!);
    expect(sarifValidator()(cleanLog)).toBe(true);
    expect(cleanLog.runs[0].results).toEqual([]);
    expect(clean.result.stdout).toContain('kind: Namespace');
  });
});

describe('findings report failures', () => {
  test('a report that cannot be written fails synth, naming the file and where it came from, and leaves dist/ alone', async () => {
    const dir = tempDir();
    const outdir = path.join(dir, 'dist');
    fs.mkdirSync(outdir);
    fs.writeFileSync(path.join(outdir, 'previous.k8s.yaml'), '---\n');
    const file = path.join(dir, 'no-such-folder', 'findings.sarif');
    const result = await synthApp({ WORKSHOP_CONFIG: WORKSHOP_YAML, CDK8S_OUTDIR: outdir, WORKSHOP_REPORT: file });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      `synth failed: cannot write the findings report ${file} (from WORKSHOP_REPORT): ENOENT`,
    );
    expect(fs.readdirSync(outdir)).toEqual(['previous.k8s.yaml']);
    expect(fs.readdirSync(dir)).toEqual(['dist']);
  });
});

describe('SARIF locations', () => {
  test('name a file in the working folder by its relative path, and one elsewhere by a file: URI', () => {
    const inside = path.join(process.cwd(), 'workshop.yaml');
    const report: FindingsReport = {
      tool: { name: 'k8s-workshop-cdk8s', version: '0.0.0' },
      configFile: inside,
      summary: { errors: 1, warnings: 0, suppressed: 0 },
      rules: [{ id: 'image-pinned', description: 'every image names a version' }],
      findings: [
        {
          rule: 'image-pinned',
          state: 'error',
          object: 'Job/ns/traceroute',
          path: 'spec',
          value: 'alpine',
          expected: 'a digest',
          message: 'm',
          config: { file: inside, line: 5, column: 5, field: 'exercises.traceJob.image' },
          output: { file: '/elsewhere/dist/0002-trace-job.k8s.yaml', line: 7, column: 3 },
        },
      ],
    } as FindingsReport;
    const result = (toSarif(report) as Json).runs[0].results[0];
    expect(result.locations[0].physicalLocation.artifactLocation.uri).toEqual('workshop.yaml');
    expect(result.relatedLocations[0].physicalLocation.artifactLocation.uri).toEqual(
      'file:///elsewhere/dist/0002-trace-job.k8s.yaml',
    );
  });
});

describe('field paths', () => {
  test('split a finding path into keys and indexes', () => {
    expect(fieldPath('spec.template.spec.containers[0].env[12].valueFrom.configMapKeyRef.name')).toEqual([
      'spec',
      'template',
      'spec',
      'containers',
      0,
      'env',
      12,
      'valueFrom',
      'configMapKeyRef',
      'name',
    ]);
  });
});

describe('findings report of a config that does not load', () => {
  test("is still written, as valid SARIF with the config's problem at its line, and synth still fails", async () => {
    const run = await synthWithReport('arch: x86_64\n', 'findings.sarif');
    expect(run.result.status).toBe(1);
    expect(run.result.stderr).toContain(`${run.config}:1:7: arch must be one of amd64, arm64, got "x86_64"`);
    expect(run.result.stderr).toContain('wrote findings report');
    const log = JSON.parse(run.text ?? '{}');
    const validate = sarifValidator();
    expect(validate(log)).toBe(true);
    const [result] = log.runs[0].results;
    expect(result.ruleId).toEqual('workshop-config');
    expect(result.message.text).toEqual(`${run.config}:1:7: arch must be one of amd64, arm64, got "x86_64"`);
    expect(result.locations[0].physicalLocation.region).toEqual({ startLine: 1, startColumn: 7 });
    expect(fs.existsSync(path.join(run.dir, 'dist'))).toBe(false);
  });
});
