import { ApiObject, App, Chart } from 'cdk8s';
import { DNS_LABEL } from '../src/k8s/grammar';
import { CLUSTER_NAMESPACE_TEXT, isClusterNamespace } from '../src/k8s/namespaces';
import { UserError } from '../src/errors';
import { showValue } from '../src/show';
import { createNamespaceCommand, NAMESPACE_CREATED_BY } from '../src/annotations';
import { ExerciseChart } from './exercise-chart';
import { ACCESS_PART, MANAGED_BY_LABEL, MANAGED_BY_VALUE, PART_LABEL, PART_OF_LABEL, PART_OF_VALUE } from './labels';
import { ConfigVolumeJob, ConfigVolumeJobProps } from './config-volume-job';
import { PeriodicJob, PeriodicJobProps } from './periodic-job';
import { RetryingJob, RetryingJobProps } from './retrying-job';
import { FactorialJob, FactorialJobProps } from './factorial-job';
import { HeartbeatCron, HeartbeatCronProps } from './heartbeat-cron';
import { OneShotJob, OneShotJobProps } from './one-shot-job';
import { ParallelJob, ParallelJobProps } from './parallel-job';
import { ProbesPod, ProbesPodProps } from './probes-pod';
import { ServiceAccounts, ServiceAccountsProps } from './service-accounts';
import { SharedConfigJobs, SharedConfigJobsProps } from './shared-config-jobs';
import { StudentAccess, StudentQuota } from './student-access';
import { TraceJob, TraceJobProps } from './trace-job';
import { VotingApp, VotingAppProps } from './voting-app';
import { WorkQueueProps } from './memq';
import { WorkQueue } from './work-queue';
import { WorkQueueConsumers } from './work-queue-consumers';
import { WorkQueueLoader } from './work-queue-loader';
import { PodSecurityLevel, WorkshopNamespace } from './workshop-namespace';
import type { DnsLabel, ImageRef } from '../src/k8s/setting-types';

/** The seed's namespace (`workshop-day2-solutions`). */
export const DEFAULT_NAMESPACE = 'workshop-day2-solutions';

/** Settings of each exercise, keyed like workshop.yaml's `exercises:`. */
export interface ExerciseSettings {
  readonly votingApp?: VotingAppProps;
  /** The Job keeps the text's name, `traceroute` (TraceJobProps.name is for other apps). */
  readonly traceJob?: Omit<TraceJobProps, 'name'>;
  readonly sharedConfigJobs?: SharedConfigJobsProps;
  readonly configVolumeJob?: ConfigVolumeJobProps;
  readonly heartbeatCron?: HeartbeatCronProps;
  readonly serviceAccounts?: ServiceAccountsProps;
  readonly oneShotJob?: OneShotJobProps;
  readonly parallelJob?: ParallelJobProps;
  readonly workQueue?: WorkQueueProps;
  readonly factorialJob?: FactorialJobProps;
  readonly probesPod?: ProbesPodProps;
  readonly retryingJob?: RetryingJobProps & ExerciseNamespace;
  readonly periodicJob?: PeriodicJobProps;
}

/** For an exercise whose text works in a namespace of its own. */
export interface ExerciseNamespace {
  /**
   * Namespace of this exercise's objects instead of the workshop's. The workshop does not create
   * it: the text does (seed 004: `kubectl create ns demo-$USER`), so that command does not collide
   * with `dist/`. Its objects carry the NAMESPACE_CREATED_BY annotation saying so.
   * @default - the workshop namespace
   */
  readonly namespace?: DnsLabel;
}

export interface WorkshopProps {
  /**
   * Namespace every exercise lives in; the workshop creates it.
   * @default DEFAULT_NAMESPACE
   */
  readonly namespace?: DnsLabel;
  /**
   * Pod Security Standards levels of the namespace.
   * @default - enforce baseline, warn and audit restricted
   */
  readonly podSecurity?: { readonly enforce?: PodSecurityLevel; readonly warn?: PodSecurityLevel };
  /**
   * A kuard image built from kuard's source (kubernetes-up-and-running/kuard), for every exercise
   * that runs kuard (one shot, parallel, work queue); an exercise's own `image` wins over it. The
   * exercises then run its `/kuard` with the same flags.
   * @default - the kuard-compatible program on the catalogue's node image (lib/kuard.ts)
   */
  readonly kuardImage?: ImageRef;
  /**
   * Per-exercise settings.
   * @default - every exercise with its construct's defaults
   */
  readonly exercises?: ExerciseSettings;
  /**
   * Fleet mode: the student this namespace belongs to. Adds the `student-access` chart
   * (ResourceQuota, LimitRange, the student's ServiceAccount and Role) after the Namespace.
   * @default - a single workshop namespace without student access objects
   */
  readonly student?: string;
  /**
   * Per-student quota, in fleet mode.
   * @default - see StudentQuota
   */
  readonly studentQuota?: StudentQuota;
  /**
   * Prefix of every chart id, for several workshops in one app (`alice-voting-app`).
   * Object names and labels do not change.
   * @default - no prefix
   */
  readonly chartIdPrefix?: string;
}

/** The settings with `kuardImage` handed to the exercises that run kuard (their own `image` wins). */
function withKuardImage(settings: ExerciseSettings, image: string | undefined): ExerciseSettings {
  if (image === undefined) return settings;
  return {
    ...settings,
    oneShotJob: { image, ...settings.oneShotJob },
    parallelJob: { image, ...settings.parallelJob },
    workQueue: { image, ...settings.workQueue },
  };
}

/** One exercise: its name (chart id, output file, label value), its settings key and how to build it. */
export interface Exercise {
  /** `retrying-job`: the chart id, the output file `NNNN-<name>.k8s.yaml`, the `k8s-workshop/exercise` label. */
  readonly name: string;
  /**
   * `retryingJob`: its key under `exercises:` in workshop.yaml (the name in camelCase; the work
   * queue's three charts share `workQueue`).
   */
  readonly settingsKey: keyof ExerciseSettings;
  build(chart: ExerciseChart, settings: ExerciseSettings): void;
  /** @default - always written */
  readonly when?: (settings: ExerciseSettings) => boolean;
  /** @default - the workshop namespace */
  readonly namespace?: (settings: ExerciseSettings) => string | undefined;
}

/**
 * The exercises, in workshop order; charts that only some settings write come last, so the file
 * numbers of the others never move. An exercise lives in its construct file, lib/<name>.ts: its
 * props (extending the JobSettings it offers, each with its @default), the construct, and the
 * `outcomes` it declares for verify. Adding one takes an entry here, its settings line in
 * ExerciseSettings above (the compiler fails while one lacks the other), its re-export in
 * lib/index.ts and its test, test/<name>.test.ts (test/exercise-files.test.ts fails while one is
 * missing); `npm run schema` and `npm run docs` then regenerate what derives from them.
 */
const EXERCISE_TABLE = [
  { name: 'voting-app', settingsKey: 'votingApp', build: (chart, s) => new VotingApp(chart, 'VotingApp', s.votingApp) },
  { name: 'trace-job', settingsKey: 'traceJob', build: (chart, s) => new TraceJob(chart, 'TraceJob', s.traceJob) },
  {
    name: 'shared-config-jobs',
    settingsKey: 'sharedConfigJobs',
    build: (chart, s) => new SharedConfigJobs(chart, 'SharedConfigJobs', s.sharedConfigJobs),
  },
  {
    name: 'config-volume-job',
    settingsKey: 'configVolumeJob',
    build: (chart, s) => new ConfigVolumeJob(chart, 'ConfigVolumeJob', s.configVolumeJob),
  },
  {
    name: 'heartbeat-cron',
    settingsKey: 'heartbeatCron',
    build: (chart, s) => new HeartbeatCron(chart, 'HeartbeatCron', s.heartbeatCron),
  },
  {
    name: 'service-accounts',
    settingsKey: 'serviceAccounts',
    build: (chart, s) => new ServiceAccounts(chart, 'ServiceAccounts', s.serviceAccounts),
  },
  {
    name: 'one-shot-job',
    settingsKey: 'oneShotJob',
    build: (chart, s) => new OneShotJob(chart, 'OneShotJob', s.oneShotJob),
  },
  {
    name: 'parallel-job',
    settingsKey: 'parallelJob',
    build: (chart, s) => new ParallelJob(chart, 'ParallelJob', s.parallelJob),
  },
  { name: 'work-queue', settingsKey: 'workQueue', build: (chart, s) => new WorkQueue(chart, 'WorkQueue', s.workQueue) },
  {
    name: 'work-queue-consumers',
    settingsKey: 'workQueue',
    build: (chart, s) => new WorkQueueConsumers(chart, 'WorkQueueConsumers', s.workQueue),
  },
  {
    name: 'factorial-job',
    settingsKey: 'factorialJob',
    build: (chart, s) => new FactorialJob(chart, 'FactorialJob', s.factorialJob),
  },
  { name: 'probes-pod', settingsKey: 'probesPod', build: (chart, s) => new ProbesPod(chart, 'ProbesPod', s.probesPod) },
  {
    name: 'retrying-job',
    settingsKey: 'retryingJob',
    namespace: (s) => s.retryingJob?.namespace,
    build: (chart, s) => new RetryingJob(chart, 'RetryingJob', s.retryingJob),
  },
  {
    name: 'periodic-job',
    settingsKey: 'periodicJob',
    build: (chart, s) => new PeriodicJob(chart, 'PeriodicJob', s.periodicJob),
  },
  {
    name: 'work-queue-loader',
    settingsKey: 'workQueue',
    when: (s) => s.workQueue?.loader === true,
    build: (chart, s) => new WorkQueueLoader(chart, 'WorkQueueLoader', s.workQueue),
  },
] as const satisfies readonly Exercise[];
export const EXERCISES: readonly Exercise[] = EXERCISE_TABLE;

/** Fails to compile while a key of ExerciseSettings has no exercise in EXERCISES. */
type SettingsWithoutExercise = Exclude<keyof ExerciseSettings, (typeof EXERCISE_TABLE)[number]['settingsKey']>;
export const EVERY_SETTING_HAS_AN_EXERCISE: [SettingsWithoutExercise] extends [never] ? true : SettingsWithoutExercise =
  true;

/** The exercise whose chart holds the construct at `constructPath` (`periodic-job/PeriodicJob`). */
export function exerciseAt(constructPath: string): Exercise | undefined {
  const chartId = constructPath.split('/')[0];
  return EXERCISES.find((e) => e.name === chartId);
}

/**
 * An exercise's own namespace: a DNS label, not one of the cluster's (the text ends with
 * `kubectl delete ns` on it), and not in fleet mode, where it would be every student's.
 */
function checkOwnNamespace(field: string, namespace: string, student: string | undefined): void {
  if (!DNS_LABEL.test(namespace)) {
    throw new UserError(`${field} must be ${DNS_LABEL.description}, got ${showValue(namespace)}`);
  }
  if (isClusterNamespace(namespace)) throw new UserError(`${field} ${CLUSTER_NAMESPACE_TEXT(namespace)}`);
  if (student !== undefined) {
    throw new UserError(
      `${field} cannot be used with students: every student's exercise would land in ${JSON.stringify(namespace)}; ` +
        'leave it out, and each student finds it in their own namespace',
    );
  }
}

/** The charts of one workshop namespace: the Namespace first, then one chart per exercise. */
export class Workshop {
  public readonly namespace: string;
  public readonly namespaceChart: Chart;
  public readonly exerciseCharts: ExerciseChart[];

  constructor(app: App, props: WorkshopProps = {}) {
    this.namespace = props.namespace ?? DEFAULT_NAMESPACE;
    // Cluster-scoped: this chart sets no namespace, and carries no exercise label.
    const prefix = props.chartIdPrefix ?? '';
    this.namespaceChart = new Chart(app, `${prefix}namespace`, {
      labels: { [PART_OF_LABEL]: PART_OF_VALUE, [MANAGED_BY_LABEL]: MANAGED_BY_VALUE, [PART_LABEL]: ACCESS_PART },
      disableResourceNameHashes: true,
    });
    new WorkshopNamespace(this.namespaceChart, 'Namespace', { name: this.namespace, ...props.podSecurity });

    const settings = withKuardImage(props.exercises ?? {}, props.kuardImage);
    const charts: Array<Pick<Exercise, 'name' | 'build'> & Partial<Pick<Exercise, 'settingsKey' | 'namespace'>>> = [];
    if (props.student !== undefined) {
      const student = props.student;
      charts.push({
        name: 'student-access',
        build: (chart) => new StudentAccess(chart, 'StudentAccess', { student, quota: props.studentQuota }),
      });
    }
    charts.push(...EXERCISES.filter((e) => e.when?.(settings) ?? true));
    this.exerciseCharts = charts.map(({ name, build, settingsKey, namespace: namespaceOf }) => {
      // The workshop namespace itself is no namespace of its own: the workshop creates that one.
      const own = namespaceOf?.(settings) === this.namespace ? undefined : namespaceOf?.(settings);
      if (own !== undefined) checkOwnNamespace(`exercises.${settingsKey}.namespace`, own, props.student);
      const chart = new ExerciseChart(app, {
        namespace: own ?? this.namespace,
        exercise: name,
        chartId: `${prefix}${name}`,
        extraLabels: name === 'student-access' ? { [PART_LABEL]: ACCESS_PART } : undefined,
      });
      // Orders the Namespace before what lives in it, in App.synth() and in our own output.
      chart.addDependency(this.namespaceChart);
      build(chart, settings);
      if (own !== undefined) {
        for (const o of chart.node.findAll()) {
          if (o instanceof ApiObject) o.metadata.addAnnotation(NAMESPACE_CREATED_BY, createNamespaceCommand(own));
        }
      }
      return chart;
    });
  }
}
