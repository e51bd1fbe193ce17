// What the three work-queue charts (queue, consumers, loader) share: their settings, kuard's MemQ
// address, the shell that reads MemQ's stats, and the curl containers that run it.
import * as k8s from '../imports/k8s';
import { assertDnsLabel, assertInteger, assertJobCounts } from '../src/prop-checks';
import { imageRef } from '../src/images';
import { JOBS_CHAPTER_LABELS } from './kuard';
import { ContainerSizes, SecurityProfiles, WorkshopContainer } from './pod-defaults';
import type { DnsLabel, ImageRef } from '../src/k8s/setting-types';

/** The work-queue settings (workshop.yaml `exercises.workQueue`), read by all three charts. */
export interface WorkQueueProps {
  /**
   * A kuard image built from kuard's source, for the queue server (MemQ) and the consumers, run as
   * `/kuard` with the same flags.
   * @default - the kuard-compatible program (ConfigMaps `kuard-queue`, `kuard-consumers`) on the catalogue's node image
   */
  readonly image?: ImageRef;
  /**
   * Image with curl and /bin/sh, for the loader and the consumers' wait-for-work init container.
   * @default - the catalogue's curl (curlimages/curl:8.21.0)
   */
  readonly curlImage?: ImageRef;
  /**
   * MemQ queue that is loaded and that the consumers drain (the text's `keygen`).
   * @default 'keygen'
   */
  readonly queueName?: DnsLabel;
  /**
   * Work items a load puts in the queue (`work-item-0` to `work-item-<n-1>`); the consumers start
   * once the queue has received this many. The text's curl loop enqueues 100.
   * @default 100
   * @minimum 1
   */
  readonly workItems?: number;
  /**
   * Consumer pods working at once.
   * @default 5
   * @minimum 1
   */
  readonly parallelism?: number;
  /**
   * Also write Job `queue-loader` (file `work-queue-loader`), which loads the queue in the cluster
   * instead of the text's port-forward and curl loop, and loads it again if the queue pod restarts
   * before the work is done.
   * @default false - the queue is loaded by hand, as in the text
   */
  readonly loader?: boolean;
}

/** Port kuard serves on, MemQ included. */
export const KUARD_PORT = 8080;

/** The text's queue labels: `kubectl get pods -l app=work-queue,component=queue` finds the queue pod. */
export const QUEUE_SELECTOR: Record<string, string> = { app: 'work-queue', component: 'queue' };
export const QUEUE_LABELS: Record<string, string> = { ...QUEUE_SELECTOR, ...JOBS_CHAPTER_LABELS };
export const CONSUMER_LABELS: Record<string, string> = {
  app: 'message-queue',
  component: 'consumer',
  ...JOBS_CHAPTER_LABELS,
};
export const LOADER_LABELS: Record<string, string> = { app: 'work-queue', component: 'loader', ...JOBS_CHAPTER_LABELS };

/** Seconds between two looks at the queue, in the loader and the consumers' init container. */
export const POLL_SECONDS = 2;

/** The settings with their defaults, checked once, the same way for every chart that reads them. */
export interface ResolvedWorkQueue {
  /** The built kuard image, or undefined for the kuard-compatible program. */
  readonly image?: string;
  readonly curlImage: string;
  readonly queueName: string;
  readonly workItems: number;
  readonly parallelism: number;
  readonly loader: boolean;
  /** MemQ server URL inside the namespace, through Service `queue`. */
  readonly queueUrl: string;
}

export function resolveWorkQueue(props: WorkQueueProps, where: string): ResolvedWorkQueue {
  const resolved = {
    image: props.image,
    curlImage: props.curlImage ?? imageRef('curl'),
    queueName: props.queueName ?? 'keygen',
    workItems: props.workItems ?? 100,
    parallelism: props.parallelism ?? 5,
    loader: props.loader ?? false,
    queueUrl: `http://queue:${KUARD_PORT}/memq/server`,
  };
  // The name goes into URLs and the scripts' grep: keep it to a DNS label.
  assertDnsLabel('queueName', resolved.queueName, where);
  assertInteger('workItems', resolved.workItems, 1, where);
  assertJobCounts({ parallelism: resolved.parallelism }, where);
  return resolved;
}

/**
 * Shell function shared by the loader and the consumers' init container. It sets N to how many items
 * the queue has ever received (MemQ's `enqueued` counter, which dequeuing does not lower) and D to
 * how many wait in it (`depth`). It returns 1 when the server does not answer, 2 when it has no such
 * queue (not created yet, or created and then lost: MemQ lives in memory, so a restarted queue pod
 * has no queues). `say` prints a line only when it differs from the last one, so a wait is one line.
 * (Only `$VAR` and `$(command ...)` here: Kubernetes would try to expand a `$(NAME)`.)
 */
const READ_QUEUE = [
  'read_queue() {',
  '  N=; D=',
  '  stats=$(curl -fsS "$QUEUE_URL/stats") || return 1',
  '  # kuard writes compact JSON, each queue as {"name":...,"depth":D,"enqueued":N,...}. Parameter',
  '  # expansion reads it without a process per field: the loader reads it after every item.',
  '  case $stats in *"\\"name\\":\\"$QUEUE_NAME\\","*) ;; *) return 2;; esac',
  '  entry=${stats#*"\\"name\\":\\"$QUEUE_NAME\\","}',
  '  D=${entry#*"\\"depth\\":"}; D=${D%%[,\\}]*}',
  '  N=${entry#*"\\"enqueued\\":"}; N=${N%%[,\\}]*}',
  "  case $N in ''|*[!0-9]*) return 2;; esac",
  "  case $D in ''|*[!0-9]*) return 2;; esac",
  '}',
  'say() { [ "$1" = "$last" ] || echo "$1"; last=$1; }',
];

/**
 * The loader (Job `queue-loader`, the automatic path): creates the queue, enqueues only the items it
 * has not received yet (item N while the server has received exactly N, so a retried pod resumes and
 * a second run adds nothing), then stays until the consumers have taken every item. If the queue pod
 * restarts meanwhile, the queue is gone: the loader creates and loads it again, and the consumers,
 * whose kuard worker retries every second while the queue is missing, carry on without being touched.
 */
export const LOADER_SCRIPT = [
  ...READ_QUEUE,
  'seen=',
  'while :; do',
  '  read_queue; found=$?',
  '  if [ "$found" -eq 1 ]; then',
  '    say "waiting for the queue server at $QUEUE_URL"',
  '  elif [ "$found" -eq 2 ]; then',
  '    if [ -n "$seen" ]; then say "queue $QUEUE_NAME is gone (the queue pod restarted?): creating and loading it again"',
  '    else say "creating queue $QUEUE_NAME and loading $WORK_ITEMS work items"; fi',
  '    # The first item follows the PUT at once: a running kuard worker that finds the new queue',
  '    # empty exits. PUT fails with 400 "already exists" if someone else created it: then read again.',
  '    if curl -fs -o /dev/null -X PUT "$QUEUE_URL/queues/$QUEUE_NAME" &&',
  '      curl -fsS -o /dev/null -X POST "$QUEUE_URL/queues/$QUEUE_NAME/enqueue" -d "work-item-0"; then seen=1; fi',
  '    continue',
  '  elif [ "$N" -lt "$WORK_ITEMS" ]; then',
  '    [ -n "$seen" ] || say "queue $QUEUE_NAME has received $N of $WORK_ITEMS work items: loading the rest"',
  '    seen=1',
  '    curl -fsS -o /dev/null -X POST "$QUEUE_URL/queues/$QUEUE_NAME/enqueue" -d "work-item-$N" && continue',
  '    say "enqueueing work-item-$N failed: trying again"',
  '  elif [ "$D" -eq 0 ]; then',
  '    echo "the consumers have taken all $WORK_ITEMS work items from queue $QUEUE_NAME:"',
  '    curl -fsS "$QUEUE_URL/stats"',
  '    exit 0',
  '  else',
  '    seen=1',
  '    say "queue $QUEUE_NAME has received all $WORK_ITEMS work items; waiting until the consumers have taken them"',
  '  fi',
  '  sleep "$POLL_SECONDS"',
  'done',
].join('\n');

/**
 * Init container of the consumers: waits until the queue has received every work item, by hand (the
 * text's curl loop) or from the loader. kuard's MemQ worker exits 0 as soon as it finds the queue
 * empty, so a consumer that started before (or during) loading would end early, and once one
 * consumer succeeds the Job starts no new pods. A queue that is missing makes the worker retry every
 * second instead (kuard's pkg/keygen/memq.go), which is what lets running consumers outlive a
 * restart of the queue pod.
 */
export const WAIT_FOR_WORK_SCRIPT = [
  ...READ_QUEUE,
  'until read_queue; found=$?; [ "$found" -eq 0 ] && [ "$N" -ge "$WORK_ITEMS" ]; do',
  '  case $found in 1) now="no answer from the queue server yet";; 2) now="no queue yet";; *) now=$N;; esac',
  '  say "waiting until queue $QUEUE_NAME has received $WORK_ITEMS work items (now: $now)"',
  '  sleep "$POLL_SECONDS"',
  'done',
  'echo "queue $QUEUE_NAME has received all $WORK_ITEMS work items: starting the worker"',
].join('\n');

/** A curl container running `script` against the queue. */
export function queueScriptContainer(name: string, script: string, settings: ResolvedWorkQueue): WorkshopContainer {
  const env: k8s.EnvVar[] = [
    { name: 'QUEUE_URL', value: settings.queueUrl },
    { name: 'QUEUE_NAME', value: settings.queueName },
    { name: 'WORK_ITEMS', value: String(settings.workItems) },
    { name: 'POLL_SECONDS', value: String(POLL_SECONDS) },
  ];
  return {
    name,
    image: settings.curlImage,
    command: ['/bin/sh', '-c', script],
    env,
    // curl and busybox sh only read and print (`-o /dev/null`, no cookie jar): nobody (65534)
    // instead of the image's uid 100 changes nothing for them.
    profile: SecurityProfiles.NON_ROOT,
    size: ContainerSizes.TINY,
  };
}
