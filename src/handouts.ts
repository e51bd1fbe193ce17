// `npm run handouts -- --out DIR`: one Markdown sheet per student (their namespace, how to use their
// kubeconfig, their NodePorts and URLs, each exercise with what it should show and the commands to
// look with, and how to check their own work), and an index for the instructor. Built from the same
// config, fleet layout and exercise outcomes as synth and verify, so a sheet cannot disagree with
// what the student's namespace holds.
import { nodePortsOf, studentWorkshops } from './fleet';
import type { WorkshopConfig } from './config-types';
import { planVerification } from './verify/plan';

export interface Handout {
  /** File name in the output folder. */
  readonly file: string;
  readonly content: string;
}

export interface HandoutOptions {
  /** Where `npm run kubeconfigs` wrote the kubeconfigs. @default 'kubeconfigs' */
  readonly kubeconfigs?: string;
  /** Host students open NodePorts on. @default 'localhost' (kind with `npm run kind-config`, Docker Desktop) */
  readonly host?: string;
}

/** The sheet of every student, then `index.md` for the instructor. */
export function handouts(config: WorkshopConfig, options: HandoutOptions = {}): Handout[] {
  if (config.students === undefined) throw new Error('handouts need students: in the workshop config (fleet mode)');
  const kubeconfigs = options.kubeconfigs ?? 'kubeconfigs';
  const host = options.host ?? 'localhost';
  const workshops = studentWorkshops(config);
  const allPorts = nodePortsOf(config);
  const sheets = workshops.map(({ student, props }) => {
    const namespace = props.namespace!;
    const ports = allPorts.get(student)!;
    const [plan] = planVerification(config, { students: [student] });
    const lines = [
      `# Kubernetes workshop: ${student}`,
      '',
      `Your namespace is **${namespace}**. Everything you create goes there; your account may create`,
      'what the exercises use (Jobs, CronJobs, Pods, ConfigMaps, Secrets, Services, Deployments,',
      'StatefulSets, ServiceAccounts, Roles) and nothing outside it.',
      '',
      '## Your access',
      '',
      `Your instructor gives you \`${student}.kubeconfig\` (from \`${kubeconfigs}/\`). Keep it to yourself: it holds your token.`,
      '',
      '```sh',
      `export KUBECONFIG=$PWD/${student}.kubeconfig`,
      "kubectl config view --minify -o jsonpath='{..namespace}'   # prints " + namespace,
      'kubectl get all                                            # your namespace, empty at first',
      '```',
      '',
      "The context already points at your namespace: the workshop text's commands work as printed, without `-n`.",
      '',
      '## Your ports',
      '',
      '| Service | NodePort | URL |',
      '|---|---:|---|',
      `| vote (voting app) | ${ports.vote} | http://${host}:${ports.vote} |`,
      `| result (voting app) | ${ports.result} | http://${host}:${ports.result} |`,
      '',
      "If the URL does not answer (kind without the class's port mappings, a remote cluster):",
      `\`kubectl port-forward svc/vote 8080:80\`, then http://localhost:8080.`,
      '',
      '## The exercises',
      '',
      ...plan.exercises.flatMap((e) => [
        `### ${e.exercise}`,
        '',
        'When it works:',
        '',
        ...e.checks.map((c) => `- ${c.title}`),
        '',
        'Look with:',
        '',
        '```sh',
        ...[...new Set(e.checks.map((c) => c.hint))],
        '```',
        '',
      ]),
      '## Check your own work',
      '',
      'With your kubeconfig, from a clone of the workshop project:',
      '',
      '```sh',
      'npm run verify                      # every exercise, in your namespace',
      'npm run verify -- trace-job         # one exercise',
      'npm run verify -- --watch           # again every 5 s until all pass',
      '```',
      '',
      `\`✓\` passed, \`✗\` failed (with the command to look with), \`pending\` not finished yet. verify judges what is in ${namespace}, however you made it.`,
      '',
    ];
    return { file: `${student}.md`, content: lines.join('\n') };
  });
  const index = [
    '# Class handouts',
    '',
    `${workshops.length} students. Hand each student their sheet and their kubeconfig (\`${kubeconfigs}/<student>.kubeconfig\`), nobody else's.`,
    '',
    '| Student | Namespace | vote | result | Sheet | Kubeconfig |',
    '|---|---|---:|---:|---|---|',
    ...workshops.map(({ student, props }) => {
      const ports = allPorts.get(student)!;
      return `| ${student} | ${props.namespace} | ${ports.vote} | ${ports.result} | [${student}.md](${student}.md) | \`${kubeconfigs}/${student}.kubeconfig\` |`;
    }),
    '',
    'Watch the class: `npm run verify -- --class --watch`.',
    '',
  ].join('\n');
  return [...sheets, { file: 'index.md', content: index }];
}
