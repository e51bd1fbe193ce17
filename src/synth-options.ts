// Command-line options of the app step: `npm run -s synth -- --stdout --report findings.sarif`.
// `npx cdk8s synth` passes no arguments to the app, so the report file can also come from the
// environment (WORKSHOP_REPORT).
import { parseArgs } from 'util';
import { UsageError } from './errors';

export type ReportFormat = 'sarif' | 'json';

export interface SynthOptions {
  /** Write every manifest to standard output, in apply order, and leave the output folder alone. */
  readonly stdout: boolean;
  /** Where to write the findings report, its format, and where the file name came from. */
  readonly report?: { readonly file: string; readonly format: ReportFormat; readonly source: string };
}

/** `.sarif` and `.sarif.json` give SARIF 2.1.0, `.json` the project's own JSON form. */
export function reportFormatOf(file: string): ReportFormat | undefined {
  if (/\.sarif(\.json)?$/i.test(file)) return 'sarif';
  if (/\.json$/i.test(file)) return 'json';
  return undefined;
}

export function parseSynthOptions(argv: string[], env: NodeJS.ProcessEnv): SynthOptions {
  let values: { stdout?: boolean; report?: string };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { stdout: { type: 'boolean' }, report: { type: 'string' } },
      strict: true,
    }));
  } catch (err) {
    throw new UsageError(`${(err as Error).message}; the app takes --stdout and --report <file.sarif|file.json>`);
  }
  // An empty WORKSHOP_REPORT is a mistake (a variable meant to be set), as an empty WORKSHOP_CONFIG
  // or CDK8S_OUTDIR is: said, not silently taken as "no report".
  if (env.WORKSHOP_REPORT === '' && values.report === undefined) {
    throw new UsageError('WORKSHOP_REPORT is set but empty: name a .sarif, .sarif.json or .json file, or unset it');
  }
  const [file, source] =
    values.report !== undefined
      ? [values.report, '--report']
      : env.WORKSHOP_REPORT
        ? [env.WORKSHOP_REPORT, 'WORKSHOP_REPORT']
        : [undefined, undefined];
  if (file === undefined || source === undefined) return { stdout: values.stdout ?? false };
  const format = reportFormatOf(file);
  if (format === undefined) {
    throw new UsageError(`${source} must name a .sarif, .sarif.json or .json file, got ${JSON.stringify(file)}`);
  }
  return { stdout: values.stdout ?? false, report: { file, format, source } };
}
