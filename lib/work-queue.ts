import { Construct } from 'constructs';
import * as k8s from '../imports/k8s';
import { assertDnsLabel, assertInteger, assertJobCounts } from '../src/prop-checks';
import { JOBS_CHAPTER_LABELS, keygenArgs, KUARD_IMAGE, kuardContainer } from './kuard';
import { exerciseOf } from './labels';
import { ContainerSizes, SecurityProfiles, WorkshopContainer, workshopPodTemplate } from './pod-defaults';

export interface WorkQueueProps {
  /**
   * kuard image, for the queue server (MemQ) and the consumers.
   * @default 'gcr.io/kuar-demo/kuard-amd64:1'
   */
  readonly image?: string;
  /**
   * Image with curl and /bin/sh, for the loader and the wait-for-work init containers.
   * @default 'curlimages/curl:8.10.1'
   */
  readonly curlImage?: string;
  /**
   * MemQ queue the loader fills and the consumers drain.
   * @default 'keygen'
   */
  readonly queueName?: string;
  /**
   * Work items the loader enqueues (`work-item-0` to `work-item-<n-1>`).
   * @default 100
   */
  readonly workItems?: number;
  /**
   * Consumer pods working at once.
   * @default 5
   */
  readonly parallelism?: number;
}

/** Port kuard serves on, MemQ included. */
const KUARD_PORT = 8080;

/**
 * Shell function shared by the loader and the consumers' init container. It sets N to how many items
 * the queue has ever received: MemQ's `enqueued` counter, which dequeuing does not lower, unlike
 * `depth`. It fails when the server does not answer or the queue does not exist.
 * (Only `$VAR` and `$(command ...)` here: Kubernetes would try to expand a `$(NAME)`.)
 */
const READ_ENQUEUED = [
  'read_enqueued() {',
  '  stats=$(curl -fsS "$QUEUE_URL/stats") || return 1',
  '  N=$(echo "$stats" | grep -o "\\"name\\":\\"$QUEUE_NAME\\"[^}]*" | grep -o \'"enqueued":[0-9]*\' | cut -d: -f2)',
  '  [ -n "$N" ]',
  '}',
];

/** The loader: creates the queue if needed, then enqueues only the items it has not received yet. */
export const LOADER_SCRIPT = [
  ...READ_ENQUEUED,
  '# PUT answers 400 "already exists" when the queue is there: creating it is idempotent.',
  'read_enqueued || curl -sS -o /dev/null -X PUT "$QUEUE_URL/queues/$QUEUE_NAME"',
  'read_enqueued || { echo "cannot read queue $QUEUE_NAME at $QUEUE_URL"; exit 1; }',
  'echo "queue $QUEUE_NAME has received $N of $WORK_ITEMS work items"',
  '# Item N is enqueued only while the server has received exactly N items, and the counter is',
  '# read again after every item: a retried pod resumes where the failed one stopped, and a second',
  '# run of the Job adds nothing.',
  'while [ "$N" -lt "$WORK_ITEMS" ]; do',
  '  curl -fsS -o /dev/null -X POST "$QUEUE_URL/queues/$QUEUE_NAME/enqueue" -d "work-item-$N" || exit 1',
  '  read_enqueued || exit 1',
  'done',
  'echo "queue $QUEUE_NAME has received all $WORK_ITEMS work items:"',
  'curl -fsS "$QUEUE_URL/stats"',
].join('\n');

/** Init container of the loader: waits until the queue Service answers. */
export const WAIT_FOR_QUEUE_SCRIPT = [
  'until curl -fsS -o /dev/null "$QUEUE_URL/stats"; do echo "waiting for the queue server at $QUEUE_URL"; sleep 2; done',
  'echo "queue server at $QUEUE_URL answers"',
].join('\n');

/**
 * Init container of the consumers: waits until the loader has put every item in the queue. kuard's
 * MemQ worker exits 0 as soon as it finds the queue empty, so a consumer that started before (or
 * during) loading would end early, and once one consumer succeeds the Job starts no new pods.
 */
export const WAIT_FOR_WORK_SCRIPT = [
  ...READ_ENQUEUED,
  'until read_enqueued && [ "$N" -ge "$WORK_ITEMS" ]; do',
  '  echo "waiting until queue $QUEUE_NAME has received $WORK_ITEMS work items (now: ${N:-no queue yet})"',
  '  sleep 2',
  'done',
  'echo "queue $QUEUE_NAME has received all $WORK_ITEMS work items: starting the worker"',
].join('\n');

/**
 * Job patterns 3, work queue: ReplicaSet `queue` runs kuard's MemQ server behind Service `queue`;
 * Job `queue-loader` creates the `keygen` queue and enqueues 100 work items in-cluster (instead of
 * the text's port-forward and curl loop); Job `consumers` runs 5 kuard workers at once that take
 * items until the queue is empty. No completions: the Job is done when a worker has exited 0 and
 * all have stopped. Everything carries `chapter: jobs`, so `kubectl delete rs,svc,job -l chapter=jobs`
 * removes it all.
 *
 * Order without a controller: the loader waits for the queue server, the consumers for a full queue
 * (init containers), so applying the whole file at once works.
 */
export class WorkQueue extends Construct {
  public readonly image: string;
  public readonly curlImage: string;
  public readonly queueName: string;
  public readonly workItems: number;
  public readonly parallelism: number;
  /** MemQ server URL inside the namespace, through Service `queue`. */
  public readonly queueUrl: string;

  constructor(scope: Construct, id: string, props: WorkQueueProps = {}) {
    super(scope, id);
    const where = this.node.path;
    this.image = props.image ?? KUARD_IMAGE;
    this.curlImage = props.curlImage ?? 'curlimages/curl:8.10.1';
    this.queueName = props.queueName ?? 'keygen';
    this.workItems = props.workItems ?? 100;
    this.parallelism = props.parallelism ?? 5;
    // The name goes into URLs and the loader's grep: keep it to a DNS label.
    assertDnsLabel('queueName', this.queueName, where);
    assertInteger('workItems', this.workItems, 1, where);
    assertJobCounts({ parallelism: this.parallelism }, where);
    this.queueUrl = `http://queue:${KUARD_PORT}/memq/server`;

    const exercise = exerciseOf(this);
    const queueSelector = { app: 'work-queue', component: 'queue' };
    const queueLabels = { ...queueSelector, ...JOBS_CHAPTER_LABELS };
    const loaderLabels = { app: 'work-queue', component: 'loader', ...JOBS_CHAPTER_LABELS };
    const consumerLabels = { app: 'message-queue', component: 'consumer', ...JOBS_CHAPTER_LABELS };
    const env: k8s.EnvVar[] = [
      { name: 'QUEUE_URL', value: this.queueUrl },
      { name: 'QUEUE_NAME', value: this.queueName },
      { name: 'WORK_ITEMS', value: String(this.workItems) },
    ];
    const curl = (name: string, script: string): WorkshopContainer => ({
      name,
      image: this.curlImage,
      command: ['/bin/sh', '-c', script],
      env,
      // curl and busybox sh only read and print (`-o /dev/null`, no cookie jar): nobody (65534)
      // instead of the image's uid 100 changes nothing for them.
      profile: SecurityProfiles.NON_ROOT,
      size: ContainerSizes.TINY,
    });

    new k8s.KubeReplicaSet(this, 'QueueReplicaSet', {
      metadata: { name: 'queue', labels: queueLabels },
      spec: {
        replicas: 1,
        selector: { matchLabels: queueSelector },
        template: workshopPodTemplate({
          exercise,
          labels: queueLabels,
          containers: [{
            ...kuardContainer('queue', this.image),
            ports: [{ name: 'http', containerPort: KUARD_PORT, protocol: 'TCP' }],
            // Ready once MemQ answers: the Service then routes, and the loader's wait ends.
            readinessProbe: {
              httpGet: { path: '/memq/server/stats', port: k8s.IntOrString.fromNumber(KUARD_PORT) },
              periodSeconds: 2,
            },
          }],
        }),
      },
    });

    new k8s.KubeService(this, 'QueueService', {
      metadata: { name: 'queue', labels: queueLabels },
      spec: {
        selector: queueSelector,
        ports: [{ name: 'http', port: KUARD_PORT, protocol: 'TCP', targetPort: k8s.IntOrString.fromNumber(KUARD_PORT) }],
      },
    });

    new k8s.KubeJob(this, 'LoaderJob', {
      metadata: { name: 'queue-loader', labels: loaderLabels },
      spec: {
        backoffLimit: 4,
        template: workshopPodTemplate({
          exercise,
          labels: loaderLabels,
          restartPolicy: 'OnFailure',
          initContainers: [curl('wait-for-queue', WAIT_FOR_QUEUE_SCRIPT)],
          containers: [curl('loader', LOADER_SCRIPT)],
        }),
      },
    });

    new k8s.KubeJob(this, 'Resource', {
      metadata: { name: 'consumers', labels: consumerLabels },
      spec: {
        parallelism: this.parallelism,
        template: workshopPodTemplate({
          exercise,
          labels: consumerLabels,
          restartPolicy: 'OnFailure',
          initContainers: [curl('wait-for-work', WAIT_FOR_WORK_SCRIPT)],
          containers: [kuardContainer('worker', this.image,
            keygenArgs({ memqServer: this.queueUrl, memqQueue: this.queueName }))],
        }),
      },
    });
  }
}
