// Validation findings for CI: `--report findings.sarif` (SARIF 2.1.0, which GitHub code scanning
// shows on the pull request) or `--report findings.json` (the same facts in the project's own form).
// Every finding is listed, suppressed ones with the reason recorded in workshop.yaml, each with its
// rule's description and remediation and where it came from: the construct, the output file and
// line, and the workshop.yaml line of the setting or override behind it.
import * as fs from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { SarifBuilder, SarifResultBuilder, SarifRuleBuilder, SarifRunBuilder } from 'node-sarif-builder';
import type { Location, Result } from 'sarif';
import { exerciseAt } from '../lib/workshop';
import { isInsideOutput, OutputFile, realPathSoFar } from './output';
import { UserError } from './errors';
import type { ReportFormat, SynthOptions } from './synth-options';
import { formatFinding } from './show';
import { overrideMatches } from './validation/validate';
import type { Finding, ValidationOverride, ValidationReport } from './findings';
import type { Rule } from './validation/types';
import { YAML } from './yaml';
import { formatFieldPath } from './field-path';

const { isMap, isScalar, LineCounter, parseAllDocuments, parseDocument } = YAML;

/** The official schema URI of SARIF 2.1.0 (OASIS, errata 01). */
export const SARIF_SCHEMA =
  'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

/** A place in a text file, lines and columns from 1. */
export interface FilePosition {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

/** A place in workshop.yaml, and the setting found there. */
export interface ConfigPosition extends FilePosition {
  /** `exercises.traceJob.image`, `validation.overrides[0]`. */
  readonly field: string;
}

export interface ReportedFinding {
  readonly rule: string;
  /** `error` fails synth; `warning` and `suppressed` are an override's doing (see `override`). */
  readonly state: 'error' | 'warning' | 'suppressed';
  readonly object: string;
  readonly path: string;
  readonly value: unknown;
  readonly expected: string;
  /** The line synth prints for it. */
  readonly message: string;
  readonly constructPath?: string;
  /** Where the field sits in the output (the file is not written when synth fails). */
  readonly output?: FilePosition;
  /** The workshop.yaml setting the value comes from, or the section of the exercise that made it. */
  readonly config?: ConfigPosition;
  /** The override that made it a warning or switched it off, with its reason and place. */
  readonly override?: ValidationOverride & { readonly config?: ConfigPosition };
}

/** The JSON form of `--report`. */
export interface FindingsReport {
  readonly tool: { readonly name: string; readonly version: string };
  readonly configFile: string;
  readonly summary: { readonly errors: number; readonly warnings: number; readonly suppressed: number };
  readonly rules: ReadonlyArray<{ readonly id: string; readonly description: string; readonly remediation?: string }>;
  readonly findings: ReportedFinding[];
}

export interface ReportSources {
  /** Path of the config file as given (WORKSHOP_CONFIG), and its text. */
  readonly configFile: string;
  readonly configText?: string;
  /** `validation.overrides` of the config, in file order. */
  readonly overrides?: readonly ValidationOverride[];
  /** The output folder as given (CDK8S_OUTDIR), and the files synth made for it. */
  readonly outdir: string;
  readonly files: readonly OutputFile[];
}

type YamlPath = Array<string | number>;

/** `spec.template.spec.containers[0].image` as a path of keys and indexes. */
export function fieldPath(path: string): YamlPath {
  return [...path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)].map((m) => (m[2] !== undefined ? Number(m[2]) : m[1]));
}

/** Lines of every object's fields in the output files, found when asked. */
function outputLocator(sources: ReportSources): (finding: Finding) => FilePosition | undefined {
  const parsed = new Map<
    string,
    { counter: InstanceType<typeof LineCounter>; docs: ReturnType<typeof parseAllDocuments> }
  >();
  const docsOf = (file: OutputFile) => {
    let p = parsed.get(file.path);
    if (!p) {
      const counter = new LineCounter();
      const docs = parseAllDocuments(file.content, { lineCounter: counter });
      p = { counter, docs: Array.isArray(docs) ? docs : [] };
      parsed.set(file.path, p);
    }
    return p;
  };
  return (finding) => {
    const file = sources.files.find((f) => f.path === finding.file);
    if (!file) return undefined;
    const uri = path.join(sources.outdir, file.path);
    const { counter, docs } = docsOf(file);
    const [kind, ...rest] = finding.object.split('/');
    const name = rest[rest.length - 1];
    const doc = docs.find((d) => d.get('kind') === kind && d.getIn(['metadata', 'name']) === name);
    if (!doc) return { file: uri, line: 1, column: 1 };
    // The field itself, or the nearest part of its path that exists (a missing field's parent).
    const keys = fieldPath(finding.path);
    for (let n = keys.length; n >= 0; n--) {
      const node = doc.getIn(keys.slice(0, n), true) as { range?: [number, number, number] } | undefined;
      const offset = n === 0 ? doc.range?.[0] : node?.range?.[0];
      if (offset !== undefined) {
        const pos = counter.linePos(offset);
        return { file: uri, line: pos.line, column: pos.col };
      }
    }
    return { file: uri, line: 1, column: 1 };
  };
}

/** workshop.yaml, parsed once per report: a key's line found by path, and the node at a path. */
interface ConfigLocator {
  at(path: YamlPath): ConfigPosition | undefined;
  node(path: YamlPath): unknown;
}

function configLocator(sources: ReportSources): ConfigLocator {
  if (sources.configText === undefined) return { at: () => undefined, node: () => undefined };
  const counter = new LineCounter();
  const doc = parseDocument(sources.configText, { lineCounter: counter });
  const at = (p: YamlPath): ConfigPosition | undefined => {
    const parent = p.length > 1 ? doc.getIn(p.slice(0, -1), true) : doc.contents;
    const last = p[p.length - 1];
    let offset: number | undefined;
    if (isMap(parent)) {
      const pair = parent.items.find((item) => isScalar(item.key) && item.key.value === last);
      offset = (pair?.key as { range?: [number, number, number] } | undefined)?.range?.[0];
    } else {
      offset = (doc.getIn(p, true) as { range?: [number, number, number] } | undefined)?.range?.[0];
    }
    if (offset === undefined) return undefined;
    const pos = counter.linePos(offset);
    return { file: sources.configFile, line: pos.line, column: pos.col, field: formatFieldPath(p) };
  };
  return { at, node: (p) => doc.getIn(p) };
}

/**
 * The workshop.yaml setting behind a finding: in the section of the exercise that made the object,
 * the setting whose value the finding names (`image: alpine:3.8`), else the section itself. Objects
 * of the namespace and student-access charts point at `podSecurity:` and `studentQuota:`.
 */
function configSource(finding: Finding, config: ConfigLocator): ConfigPosition | undefined {
  const chart = finding.constructPath?.split('/')[0];
  if (chart === undefined) return undefined;
  const exercise = exerciseAt(finding.constructPath!);
  const section: YamlPath | undefined = exercise
    ? ['exercises', exercise.settingsKey]
    : chart === 'namespace'
      ? ['podSecurity']
      : chart === 'student-access'
        ? ['studentQuota']
        : undefined;
  if (!section) return undefined;
  if (typeof finding.value === 'string' || typeof finding.value === 'number') {
    const node = config.node(section);
    const found = isMap(node)
      ? node.items.find((item) => isScalar(item.value) && item.value.value === finding.value)
      : undefined;
    if (found && isScalar(found.key)) {
      const at = config.at([...section, String(found.key.value)]);
      if (at) return at;
    }
  }
  return config.at(section);
}

/** Builds the report of one synth: every finding, whatever its state, with where it came from. */
export function buildReport(
  report: ValidationReport,
  rules: readonly Rule[],
  sources: ReportSources,
  tool: { name: string; version: string },
): FindingsReport {
  const locateOutput = outputLocator(sources);
  const locateConfig = configLocator(sources);
  const overrides = sources.overrides ?? [];
  const overrideAt = (o: ValidationOverride) => {
    const i = overrides.indexOf(o);
    return i >= 0 ? locateConfig.at(['validation', 'overrides', i]) : undefined;
  };
  const entry = (f: Finding, state: ReportedFinding['state'], override?: ValidationOverride): ReportedFinding => ({
    rule: f.rule,
    state,
    object: f.object,
    path: f.path,
    value: f.value,
    expected: f.expected,
    message: formatFinding(f),
    constructPath: f.constructPath,
    output: locateOutput(f),
    config: configSource(f, locateConfig),
    override: override ? { ...override, config: overrideAt(override) } : undefined,
  });
  const findings = [
    ...report.errors.map((f) => entry(f, 'error')),
    // The override that made a finding a warning is the first that matches it, as validation applies them.
    ...report.warnings.map((f) =>
      entry(
        f,
        'warning',
        overrides.find((o) => overrideMatches(o, f)),
      ),
    ),
    ...report.suppressed.map(({ finding, override }) => entry(finding, 'suppressed', override)),
  ];
  return {
    tool,
    configFile: sources.configFile,
    summary: { errors: report.errors.length, warnings: report.warnings.length, suppressed: report.suppressed.length },
    rules: rules.map((r) => ({ id: r.id, description: r.description, remediation: r.remediation })),
    findings,
  };
}

/** The rule a workshop.yaml that cannot be loaded is reported under. */
export const CONFIG_RULE = {
  id: 'workshop-config',
  description: 'workshop.yaml loads: valid YAML, known fields, values of the right type and grammar',
  remediation: 'fix the setting at the line named; docs/configuration.md lists every field',
};

/**
 * The report of a synth that stopped at its config: no manifest was made, so the findings are the
 * config's problems, each at its workshop.yaml line where the message names one (`file:line:col: ...`).
 * A CI step that uploads the report then shows the real error instead of failing on a missing file.
 */
export function configErrorReport(
  configFile: string,
  problems: readonly string[],
  tool: FindingsReport['tool'],
): FindingsReport {
  const findings: ReportedFinding[] = problems.map((problem) => {
    const at = /^(.*?):(\d+):(\d+): /.exec(problem);
    return {
      rule: CONFIG_RULE.id,
      state: 'error',
      object: configFile,
      path: '',
      value: undefined,
      expected: CONFIG_RULE.description,
      message: problem,
      config: at ? { file: at[1], line: Number(at[2]), column: Number(at[3]), field: '' } : undefined,
    };
  });
  return {
    tool,
    configFile,
    summary: { errors: findings.length, warnings: 0, suppressed: 0 },
    rules: [CONFIG_RULE],
    findings,
  };
}

/** A file as SARIF wants it: relative to the working folder (the repository, in CI), else a file: URI. */
function artifactUri(file: string): string {
  const relative = path.relative(process.cwd(), path.resolve(file));
  return relative.startsWith('..') || path.isAbsolute(relative)
    ? pathToFileURL(path.resolve(file)).href
    : relative.split(path.sep).join('/');
}

function physical(at: FilePosition): Location {
  return {
    physicalLocation: {
      artifactLocation: { uri: artifactUri(at.file) },
      region: { startLine: at.line, startColumn: at.column },
    },
  };
}

/** The report as a SARIF 2.1.0 log: rules with help, results with locations and suppressions. */
export function toSarif(report: FindingsReport): object {
  const run = new SarifRunBuilder().initSimple({
    toolDriverName: report.tool.name,
    toolDriverVersion: report.tool.version,
  });
  for (const r of report.rules) {
    run.addRule(
      new SarifRuleBuilder({
        id: r.id,
        shortDescription: { text: r.description },
        fullDescription: { text: r.description },
        help: { text: r.remediation ?? r.description },
        defaultConfiguration: { level: 'error' },
      }),
    );
  }
  for (const f of report.findings) {
    // Where to fix it first: the workshop.yaml setting (in the repository, so code scanning can
    // annotate the line), then the output file.
    const places = [f.config, f.output].filter((p): p is FilePosition => p !== undefined);
    const logical = [{ name: f.object, fullyQualifiedName: f.constructPath ?? f.object, kind: 'resource' }];
    const result: Result = {
      ruleId: f.rule,
      level: f.state === 'warning' ? 'warning' : 'error',
      message: { text: f.message },
      locations: [{ ...(places.length > 0 ? physical(places[0]) : {}), logicalLocations: logical }],
      properties: {
        object: f.object,
        path: f.path,
        value: f.value,
        expected: f.expected,
        constructPath: f.constructPath,
        state: f.state,
      },
    };
    if (places.length > 1) {
      result.relatedLocations = [
        { ...physical(places[1]), id: 1, message: { text: 'the field in the synthesized manifest' } },
      ];
    }
    if (f.state === 'suppressed' && f.override) {
      result.suppressions = [
        {
          kind: 'external',
          status: 'accepted',
          justification: f.override.reason,
          ...(f.override.config ? { location: physical(f.override.config) } : {}),
        },
      ];
    }
    run.addResult(new SarifResultBuilder(result));
  }
  const log = new SarifBuilder({ $schema: SARIF_SCHEMA, version: '2.1.0' });
  log.addRun(run);
  return log.buildSarifOutput();
}

/** The report file's text in `format`. */
export function renderReport(report: FindingsReport, format: ReportFormat): string {
  return `${JSON.stringify(format === 'sarif' ? toSarif(report) : report, null, 2)}\n`;
}

/** The tool a report names as its driver: how synth knows a report it wrote. */
export const REPORT_TOOL = 'k8s-workshop-cdk8s';

/**
 * What a report may replace: nothing inside the output folder (synth would refuse to replace a folder
 * holding a file it does not write, so every later synth would fail), and no existing file but a
 * report (`--report package.json` must not overwrite package.json).
 */
export function checkReportTarget(target: NonNullable<SynthOptions['report']>, outdir: string): void {
  const file = realPathSoFar(target.file);
  if (isInsideOutput(target.file, outdir)) {
    throw new UserError(
      `${target.source} ${JSON.stringify(target.file)} is inside the output folder ${outdir}/, which holds manifests only ` +
        '(kubectl apply -f reads it, and synth replaces it whole): write the report beside it',
    );
  }
  let existing: fs.Stats | undefined;
  try {
    existing = fs.lstatSync(file);
  } catch {
    return;
  }
  if (!existing.isFile() || !isReport(file)) {
    throw new UserError(
      `${target.source} ${JSON.stringify(target.file)} exists and is not a findings report synth wrote: ` +
        'synth replaces only its own reports; choose another name or remove that file',
    );
  }
}

/** A file synth wrote with --report before: SARIF with this tool as its driver, or the JSON report. */
function isReport(file: string): boolean {
  try {
    const fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NOFOLLOW ?? 0));
    const head = Buffer.alloc(4096);
    const n = fs.readSync(fd, head, 0, head.length, 0);
    fs.closeSync(fd);
    const text = head.subarray(0, n).toString('utf-8');
    return text.includes(`"name": "${REPORT_TOOL}"`) && (text.includes('"$schema"') || text.includes('"tool"'));
  } catch {
    return false;
  }
}
