// `npm run verify [-- exercise...]`: checks each exercise's expected outcomes on the current
// kube-context, for one namespace or (--class) the whole class.
import { parseArgs } from 'util';
import { ConfigError, PlanError } from '../errors';
import { applyEnvironment, loadWorkshopConfig } from '../config';
import type { WorkshopConfig } from '../config-types';
import { studentNamespace } from '../fleet';
import { DEFAULT_NAMESPACE } from '../../lib/workshop';
import { httpKubeApi, RequestTimer } from './kube-api';
import { connect as realConnect, Connection, ConnectOptions } from './kubeconfig';
import { explain } from './messages';
import { printable, redact } from '../show';
import { planVerification } from './plan';
import { formatMatrix, formatTable, toJson } from './report';
import { isTransient, verify, VerifyReport, watch } from './verify';

/** What the command needs from the world; tests pass their own. */
export interface CliDeps {
  readonly env: NodeJS.ProcessEnv;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly connect?: (options: ConnectOptions) => Promise<Connection>;
  readonly now?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
  /** The timeout of each API request. @default - a real timer */
  readonly requestTimer?: RequestTimer;
  /**
   * Clears the terminal before a round's matrix (`--class --watch` on a terminal redraws it); absent
   * when the output is piped, where rounds are appended.
   * @default - append
   */
  readonly clearScreen?: () => void;
}

export const VERIFY_USAGE = `usage: npm run verify -- [exercise...] [--context NAME] [--namespace NS] [--student NAME]... [--class]
                      [--json] [--watch] [--timeout SECONDS] [--interval SECONDS] [--request-timeout SECONDS]`;

const VERIFY_NEEDS =
  'verify needs get and list on pods, pods/log, jobs, cronjobs, deployments and persistentvolumeclaims there ' +
  '(and for --class, list in all namespaces: a cluster-wide read role such as view, bound with a ClusterRoleBinding)';

/** The credentials of a connection, to be redacted from everything printed (a token in an error body). */
export function connectionSecrets(connection: Connection | undefined): string[] {
  const auth = (connection?.endpoint.options?.headers as Record<string, string> | undefined)?.Authorization;
  if (typeof auth !== 'string') return [];
  const credential = auth.replace(/^\S+\s+/, '');
  const basic = /^basic\s/i.test(auth)
    ? Buffer.from(credential, 'base64').toString('utf-8').split(':').slice(1).join(':')
    : '';
  return [auth, credential, basic].filter((s) => s.length > 0);
}

/**
 * deps with every line redacted (the connection's credentials, once known) and escaped for the
 * terminal: what a server sends (messages, reasons, names) cannot reach the screen raw.
 */
export function guarded(deps: CliDeps, secrets: () => string[]): CliDeps {
  return {
    ...deps,
    stdout: (text) => deps.stdout(printable(redact(text, secrets()))),
    stderr: (text) => deps.stderr(printable(redact(text, secrets()))),
  };
}

/** Exit codes: 0 every check passes, 1 a check failed or is pending, 2 verify could not check. */
export const EXIT = { pass: 0, fail: 1, error: 2 } as const;

export function loadConfig(env: NodeJS.ProcessEnv): { config: WorkshopConfig; file: string } {
  const file = env.WORKSHOP_CONFIG ?? 'workshop.yaml';
  return { config: applyEnvironment(loadWorkshopConfig(file), env), file };
}

/** The longest timer Node keeps: a longer one fires after 1 ms instead (TimeoutOverflowWarning). */
const MAX_TIMER_SECONDS = Math.floor((2 ** 31 - 1) / 1000);

/** `--name` in seconds: a positive number up to what a timer can hold. */
export function seconds(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = value.trim() === '' ? NaN : Number(value);
  if (!Number.isFinite(n) || n <= 0 || n > MAX_TIMER_SECONDS) {
    throw new PlanError(
      `--${name} must be a number of seconds above 0 and at most ${MAX_TIMER_SECONDS}, got ${JSON.stringify(value)}`,
    );
  }
  return n;
}

/**
 * Without students: the namespace to check as the user's own: --namespace, else the context's
 * namespace (a student's kubeconfig sets it), unless that is `default` or an exercise's own
 * namespace (seed 004 has students point their context at demo-$USER). undefined: the config's.
 */
function ownNamespace(
  config: WorkshopConfig,
  file: string,
  wanted: string | undefined,
  connection: Connection,
): string | undefined {
  if (config.students !== undefined) {
    if (wanted !== undefined)
      throw new PlanError(
        `--namespace is for one workshop namespace; ${file} lists students: check one with --student NAME`,
      );
    return undefined;
  }
  if (wanted !== undefined) return wanted;
  const ns = connection.namespace;
  if (ns === undefined || ns === '' || ns === 'default' || ns === (config.namespace ?? DEFAULT_NAMESPACE))
    return undefined;
  if (ns === config.exercises?.retryingJob?.namespace) return undefined;
  return ns;
}

/** The students to check: --student, all with --class, else the one whose namespace the context points at. */
function chooseStudents(
  config: WorkshopConfig,
  file: string,
  wanted: string[],
  wholeClass: boolean,
  connection: Connection,
): string[] | undefined {
  if (config.students === undefined) {
    if (wholeClass)
      throw new PlanError(
        `--class needs students: in ${file} (fleet mode); without it there is one namespace, checked by plain npm run verify`,
      );
    return undefined;
  }
  if (wanted.length > 0) return wanted;
  if (wholeClass) return config.students;
  const own = config.students.find((s) => studentNamespace(config, s) === connection.namespace);
  if (own !== undefined) return [own];
  throw new PlanError(
    `${file} lists ${config.students.length} students: check one with --student NAME, or the whole class with --class`,
  );
}

export async function runVerify(argv: string[], rawDeps: CliDeps): Promise<number> {
  let connection: Connection | undefined;
  const deps = guarded(rawDeps, () => connectionSecrets(connection));
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        context: { type: 'string' },
        namespace: { type: 'string', short: 'n' },
        student: { type: 'string', multiple: true },
        class: { type: 'boolean' },
        json: { type: 'boolean' },
        watch: { type: 'boolean' },
        timeout: { type: 'string' },
        interval: { type: 'string' },
        'request-timeout': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
    if (values.help) {
      deps.stdout(VERIFY_USAGE);
      return EXIT.pass;
    }
    const timeoutS = seconds('timeout', values.timeout, 600);
    const intervalS = seconds('interval', values.interval, 5);
    const requestTimeoutS = seconds('request-timeout', values['request-timeout'], 10);
    const { config, file } = loadConfig(deps.env);
    connection = await (deps.connect ?? realConnect)({ context: values.context, env: deps.env });
    const students = chooseStudents(config, file, values.student ?? [], Boolean(values.class), connection);
    const own = ownNamespace(config, file, values.namespace, connection);
    const plan = planVerification(config, {
      exercises: positionals,
      students,
      outdir: deps.env.CDK8S_OUTDIR,
      namespace: own,
    });
    const target = { context: connection.context, server: connection.cluster.server };
    const api = httpKubeApi(connection.endpoint, { timeoutMs: requestTimeoutS * 1000, timer: deps.requestTimer });
    const wholeClass = Boolean(values.class);
    const once = () => verify(api, plan, { clusterWide: wholeClass || plan.length > 1 });
    let report: VerifyReport;
    try {
      report = values.watch
        ? await watch(once, {
            timeoutMs: timeoutS * 1000,
            intervalMs: intervalS * 1000,
            now: deps.now,
            sleep: deps.sleep,
            onRound: (r, round) => {
              const checks = r.namespaces.flatMap((n) => n.exercises.flatMap((e) => e.checks));
              const passed = checks.filter((c) => c.verdict === 'pass').length;
              // A class: the whole matrix every round (appended: who is stuck shows as it happens).
              if (wholeClass) {
                rawDeps.clearScreen?.();
                deps.stderr(formatMatrix(r));
              }
              deps.stderr(
                `round ${round}: ${passed} of ${checks.length} checks pass; checking again in ${intervalS} s`,
              );
            },
            transient: (err, round) => {
              if (!isTransient(err)) return false;
              deps.stderr(`round ${round}: ${explain(err, target, VERIFY_NEEDS)}; checking again in ${intervalS} s`);
              return true;
            },
          })
        : await once();
    } finally {
      api.close();
    }
    if (values.json) {
      deps.stdout(JSON.stringify(toJson(report, connection.context), null, 2));
    } else {
      deps.stdout(`context ${connection.context} (${connection.cluster.server})`);
      deps.stdout(wholeClass ? formatMatrix(report) : formatTable(report));
    }
    return report.verdict === 'pass' ? EXIT.pass : EXIT.fail;
  } catch (err) {
    const line =
      err instanceof ConfigError
        ? err.message
        : (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')
          ? `${(err as Error).message}\n${VERIFY_USAGE}`
          : explain(
              err,
              connection && { context: connection.context, server: connection.cluster.server },
              VERIFY_NEEDS,
            );
    if (line === undefined) throw err;
    deps.stderr(`verify: ${line}`);
    return EXIT.error;
  }
}
