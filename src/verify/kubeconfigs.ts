// `npm run kubeconfigs`: one kubeconfig per student, for the `student` ServiceAccount of their
// namespace, with a token from the TokenRequest API. Files are mode 0600 in a git-ignored folder
// outside dist/; no token is ever printed.
import * as fs from 'fs';
import * as path from 'path';
import { parseArgs } from 'util';
import { App } from 'cdk8s';
import { StudentAccess } from '../../lib/student-access';
import { Workshop } from '../../lib/workshop';
import { AccessError, ConfigError, KubeApiError, PlanError } from '../errors';
import type { WorkshopConfig } from '../config-types';
import { studentFile } from '../synth';
import { studentWorkshops } from '../fleet';
import { CliDeps, connectionSecrets, EXIT, guarded, loadConfig, seconds } from './cli';
import { httpKubeApi, KubeApi } from './kube-api';
import { checkServerUrl, ClusterInfo, connect as realConnect, Connection } from './kubeconfig';
import { explain } from './messages';
import { YAML } from '../yaml';
import { isInsideOutput, writeFileAtomically } from '../output';
import type { Json } from '../json';

export const KUBECONFIGS_USAGE =
  'usage: npm run kubeconfigs -- [--duration 12h] [--out kubeconfigs] [--context NAME] [--server URL] [--student NAME]...';

const KUBECONFIGS_NEEDS = 'kubeconfigs needs create on serviceaccounts/token in each student namespace';

/** The shortest token the TokenRequest API issues. */
const MIN_SECONDS = 600;

/** `12h`, `90m`, `2d`, `3600s` or plain seconds. */
export function parseDuration(value: string): number {
  const m = /^(\d+)([smhd]?)$/.exec(value.trim());
  if (!m) throw new PlanError(`--duration must be a number with s, m, h or d (12h, 90m), got ${JSON.stringify(value)}`);
  const seconds = Number(m[1]) * { '': 1, s: 1, m: 60, h: 3600, d: 86400 }[m[2] as '' | 's' | 'm' | 'h' | 'd'];
  if (seconds < MIN_SECONDS)
    throw new PlanError(
      `--duration must be at least 10m (the TokenRequest API's minimum), got ${JSON.stringify(value)}`,
    );
  return seconds;
}

export interface StudentAccount {
  readonly student: string;
  readonly namespace: string;
  readonly serviceAccount: string;
}

/** Each student's ServiceAccount, from the StudentAccess construct of their workshop. */
export function studentAccounts(config: WorkshopConfig): StudentAccount[] {
  return studentWorkshops(config).map(({ student, props }) => {
    const app = new App({ outdir: 'unused' });
    const workshop = new Workshop(app, props);
    const access = app.node.findAll().find((c): c is StudentAccess => c instanceof StudentAccess);
    if (access === undefined) throw new Error(`no StudentAccess in the workshop of ${student}`);
    return { student, namespace: workshop.namespace, serviceAccount: access.serviceAccountName };
  });
}

/** A kubeconfig with one cluster, one token user and one context set to the student's namespace. */
export function studentKubeconfig(
  cluster: ClusterInfo,
  server: string,
  account: StudentAccount,
  token: string,
): string {
  const name = `workshop-${account.student}`;
  return YAML.stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [
      {
        name: cluster.name,
        cluster: {
          server,
          ...(cluster.caData ? { 'certificate-authority-data': cluster.caData } : {}),
          ...(cluster.skipTLSVerify ? { 'insecure-skip-tls-verify': true } : {}),
          ...(cluster.tlsServerName ? { 'tls-server-name': cluster.tlsServerName } : {}),
        },
      },
    ],
    users: [{ name, user: { token } }],
    contexts: [{ name, context: { cluster: cluster.name, user: name, namespace: account.namespace } }],
    'current-context': name,
  });
}

/** Writes `content` readable by its owner only, never visible half-written or with wider rights. */
function writePrivate(file: string, content: string): void {
  writeFileAtomically(file, content, 0o600);
}

export interface IssuedKubeconfig {
  readonly student: string;
  readonly file: string;
  readonly expires: string;
}

/** Requests a token for each account and writes its kubeconfig into `outDir`. */
export async function writeKubeconfigs(
  api: KubeApi,
  connection: Connection,
  accounts: StudentAccount[],
  options: { outDir: string; expirationSeconds: number; server?: string },
): Promise<Array<IssuedKubeconfig | { student: string; problem: string }>> {
  fs.mkdirSync(options.outDir, { recursive: true, mode: 0o700 });
  const results: Array<IssuedKubeconfig | { student: string; problem: string }> = [];
  for (const account of accounts) {
    const path_ = `/api/v1/namespaces/${account.namespace}/serviceaccounts/${account.serviceAccount}/token`;
    let answer: Json;
    try {
      answer = await api.postJson(path_, {
        apiVersion: 'authentication.k8s.io/v1',
        kind: 'TokenRequest',
        spec: { expirationSeconds: options.expirationSeconds },
      });
    } catch (err) {
      if (err instanceof KubeApiError && err.failure === 'not-found') {
        results.push({
          student: account.student,
          problem: `ServiceAccount ${account.serviceAccount} not found in namespace ${account.namespace}: apply dist/ first (kubectl apply -f dist/${studentFile(account.student)})`,
        });
        continue;
      }
      throw err instanceof KubeApiError
        ? new AccessError(err, { verb: 'create', resource: 'serviceaccounts/token', namespace: account.namespace })
        : err;
    }
    const token = answer?.status?.token;
    if (typeof token !== 'string' || token.length === 0) {
      results.push({
        student: account.student,
        problem: `the API server answered the TokenRequest for ${account.namespace}/${account.serviceAccount} without a token`,
      });
      continue;
    }
    const file = path.join(options.outDir, `${account.student}.kubeconfig`);
    writePrivate(
      file,
      studentKubeconfig(connection.cluster, options.server ?? connection.cluster.server, account, token),
    );
    results.push({ student: account.student, file, expires: answer.status.expirationTimestamp ?? 'unknown' });
  }
  return results;
}

/**
 * The folder for the kubeconfigs: outside dist/ (also through links), a folder (not a file), and
 * readable by its owner only, whatever it was before: it holds every student's token.
 */
function prepareOutDir(outDir: string, dist: string, given: string, cwd: string): void {
  if (isInsideOutput(outDir, dist)) {
    throw new PlanError(
      `--out ${given} is inside ${path.relative(cwd, dist) || '.'}/, which synth replaces; pick a folder outside it`,
    );
  }
  const stat = fs.statSync(outDir, { throwIfNoEntry: false });
  if (stat !== undefined && !stat.isDirectory())
    throw new PlanError(`--out ${given} exists and is not a folder; name a folder for the kubeconfigs`);
  fs.mkdirSync(outDir, { recursive: true, mode: 0o700 });
  const mode = fs.statSync(outDir).mode & 0o777;
  if (mode !== 0o700) fs.chmodSync(outDir, 0o700);
}

export async function runKubeconfigs(argv: string[], rawDeps: CliDeps & { cwd?: string }): Promise<number> {
  let connection: Connection | undefined;
  const deps = { ...guarded(rawDeps, () => connectionSecrets(connection)), cwd: rawDeps.cwd };
  try {
    const { values } = parseArgs({
      args: argv,
      options: {
        duration: { type: 'string' },
        out: { type: 'string' },
        context: { type: 'string' },
        server: { type: 'string' },
        student: { type: 'string', multiple: true },
        'request-timeout': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
    if (values.help) {
      deps.stdout(KUBECONFIGS_USAGE);
      return EXIT.pass;
    }
    const cwd = deps.cwd ?? process.cwd();
    const expirationSeconds = parseDuration(values.duration ?? '12h');
    const outDir = path.resolve(cwd, values.out ?? 'kubeconfigs');
    const dist = path.resolve(cwd, deps.env.CDK8S_OUTDIR ?? 'dist');
    const requestTimeoutS = seconds('request-timeout', values['request-timeout'], 10);
    if (values.server !== undefined) checkServerUrl(values.server, '--server');
    prepareOutDir(outDir, dist, values.out ?? 'kubeconfigs', cwd);
    const { config, file } = loadConfig(deps.env);
    if (config.students === undefined)
      throw new PlanError(`kubeconfigs needs students: in ${file} (fleet mode): one kubeconfig per student`);
    const unknown = (values.student ?? []).filter((s) => !config.students!.includes(s));
    if (unknown.length > 0)
      throw new PlanError(`unknown student ${unknown.join(', ')}; ${file} lists ${config.students.join(', ')}`);
    const accounts = studentAccounts(config).filter(
      (a) => values.student === undefined || values.student.includes(a.student),
    );
    connection = await (deps.connect ?? realConnect)({ context: values.context, env: deps.env });
    const api = httpKubeApi(connection.endpoint, { timeoutMs: requestTimeoutS * 1000 });
    let results;
    try {
      results = await writeKubeconfigs(api, connection, accounts, { outDir, expirationSeconds, server: values.server });
    } finally {
      api.close();
    }
    for (const r of results) {
      if ('problem' in r) deps.stderr(`kubeconfigs: ${r.student}: ${r.problem}`);
      else
        deps.stdout(
          `wrote ${path.relative(cwd, r.file)} (mode 0600): ServiceAccount of ${r.student}, token valid until ${r.expires}`,
        );
    }
    const written = results.filter((r) => !('problem' in r)).length;
    deps.stdout(
      `${written} of ${results.length} kubeconfigs written to ${path.relative(cwd, outDir) || '.'}/ (git-ignored; hand each student only their own file)`,
    );
    return written === results.length ? EXIT.pass : EXIT.fail;
  } catch (err) {
    const line =
      err instanceof ConfigError
        ? err.message
        : (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')
          ? `${(err as Error).message}\n${KUBECONFIGS_USAGE}`
          : explain(
              err,
              connection && { context: connection.context, server: connection.cluster.server },
              KUBECONFIGS_NEEDS,
            );
    if (line === undefined) throw err;
    deps.stderr(`kubeconfigs: ${line}`);
    return EXIT.error;
  }
}
