// Cluster states for the API stand-in: what a cluster would hold after `kubectl apply -f dist/` once
// every exercise has done its work, written as the controllers and the kubelet would report it.
// Built from the synthesized manifests, so the names are the ones dist/ holds; the logs are the
// programs' output as the workshop text shows it. This is test data, not evidence that anything runs.
import type { WorkshopConfig } from '../src/config-types';
import { synthWorkshop } from '../src/synth';
import { ClusterState, emptyState } from './kube-standin';
import type { Json } from '../src/json';

const T0 = Date.UTC(2026, 11, 2, 9, 0, 0);
const at = (seconds: number) => new Date(T0 + seconds * 1000).toISOString().replace(/\.\d+Z$/, 'Z');

/** What each program prints when it works, by the Job or pod that runs it. */
function logFor(owner: string, namespace: string): string {
  switch (owner) {
    case 'volume-mount-explorer':
      return (
        'total 0\ndrwxrwxrwx    3 root     root           140 Dec  2 09:00 .\n' +
        'lrwxrwxrwx    1 root     root            15 Dec  2 09:00 username -> ..data/username\nJeff'
      );
    case 'login-heartbeat':
      return 'Jeff has logged into http://localhost:8080/login\n';
    case 'list-pods':
      return (
        'NAME                 READY   STATUS      RESTARTS   AGE\npeek-token           0/1     Completed   0          20s\n' +
        'list-pods            1/1     Running     0          5s\n'
      );
    case 'create-pod-denied':
      return `Error from server (Forbidden): pods is forbidden: User "system:serviceaccount:${namespace}:pod-reader" cannot create resource "pods" in API group "" in the namespace "${namespace}"\n`;
    case 'create-pod-allowed':
      return 'pod/rbac-probe created (server dry run)\n';
    case 'peek-token':
      return 'eyJhbGciOiJSUzI1NiIsImtpZCI6InBlZWsifQ.default-token.signature';
    case 'factorial5':
      return '120\n';
    default:
      return 'done\n';
  }
}

function podOf(
  template: Json,
  namespace: string,
  name: string,
  owner: { kind: string; name: string } | undefined,
  phase: string,
  created: number,
): Json {
  const spec = template.spec;
  const terminated = (exitCode: number) => ({
    terminated: {
      exitCode,
      reason: exitCode === 0 ? 'Completed' : 'Error',
      startedAt: at(created + 1),
      finishedAt: at(created + 5),
    },
  });
  const running = { running: { startedAt: at(created + 2) } };
  const state = phase === 'Succeeded' ? terminated(0) : phase === 'Failed' ? terminated(1) : running;
  const ready = phase === 'Running';
  return {
    metadata: {
      name,
      namespace,
      uid: `uid-${namespace}-${name}`,
      creationTimestamp: at(created),
      labels: {
        ...template.metadata?.labels,
        ...(owner?.kind === 'Job' ? { 'job-name': owner.name, 'batch.kubernetes.io/job-name': owner.name } : {}),
      },
      ...(owner
        ? {
            ownerReferences: [
              {
                apiVersion: owner.kind === 'Job' ? 'batch/v1' : 'apps/v1',
                kind: owner.kind,
                name: owner.name,
                uid: `uid-${owner.name}`,
                controller: true,
                blockOwnerDeletion: true,
              },
            ],
          }
        : {}),
    },
    spec,
    status: {
      phase,
      conditions: [
        { type: 'PodScheduled', status: 'True', lastTransitionTime: at(created) },
        { type: 'Initialized', status: 'True', lastTransitionTime: at(created + 1) },
        { type: 'ContainersReady', status: ready ? 'True' : 'False', lastTransitionTime: at(created + 2) },
        { type: 'Ready', status: ready ? 'True' : 'False', lastTransitionTime: at(created + 2) },
      ],
      initContainerStatuses: (spec.initContainers ?? []).map((c: Json) => ({
        name: c.name,
        image: c.image,
        ready: true,
        restartCount: 0,
        state: terminated(0),
      })),
      containerStatuses: spec.containers.map((c: Json) => ({
        name: c.name,
        image: c.image,
        ready,
        restartCount: 0,
        started: ready,
        state,
      })),
      startTime: at(created),
    },
  };
}

function completeJob(manifest: Json, succeeded: number, created: number): Json {
  return {
    ...manifest,
    metadata: { ...manifest.metadata, uid: `uid-${manifest.metadata.name}`, creationTimestamp: at(created) },
    status: {
      startTime: at(created),
      completionTime: at(created + 30),
      succeeded,
      ready: 0,
      terminating: 0,
      conditions: [
        {
          type: 'SuccessCriteriaMet',
          status: 'True',
          lastProbeTime: at(created + 30),
          lastTransitionTime: at(created + 30),
        },
        { type: 'Complete', status: 'True', lastProbeTime: at(created + 30), lastTransitionTime: at(created + 30) },
      ],
    },
  };
}

export function failedJob(manifest: Json, failed: number, created = 0): Json {
  return {
    ...manifest,
    metadata: { ...manifest.metadata, uid: `uid-${manifest.metadata.name}`, creationTimestamp: at(created) },
    status: {
      startTime: at(created),
      failed,
      ready: 0,
      terminating: 0,
      conditions: [
        {
          type: 'FailureTarget',
          status: 'True',
          reason: 'BackoffLimitExceeded',
          message: 'Job has reached the specified backoff limit',
          lastProbeTime: at(created + 60),
          lastTransitionTime: at(created + 60),
        },
        {
          type: 'Failed',
          status: 'True',
          reason: 'BackoffLimitExceeded',
          message: 'Job has reached the specified backoff limit',
          lastProbeTime: at(created + 60),
          lastTransitionTime: at(created + 60),
        },
      ],
    },
  };
}

/** Adds the pods of a Job (`phase` each) with their logs. */
function addJobPods(
  state: ClusterState,
  job: Json,
  count: number,
  phase: string,
  logOwner: string,
  created: number,
): void {
  const ns = job.metadata.namespace;
  for (let i = 0; i < count; i++) {
    const pod = podOf(
      job.spec.template,
      ns,
      `${job.metadata.name}-${'abcdefghijklmnop'[i]}x${i}z9`,
      { kind: 'Job', name: job.metadata.name },
      phase,
      created + i,
    );
    state.objects.pods.push(pod);
    state.logs.set(`${ns}/${pod.metadata.name}/${pod.spec.containers[0].name}`, logFor(logOwner, ns));
  }
}

const healthy = new Map<string, ClusterState>();

/** The cluster after every exercise of `config` has done its work (a fresh copy each call). */
export function healthyCluster(config: WorkshopConfig = {}): ClusterState {
  const key = JSON.stringify(config);
  if (!healthy.has(key)) healthy.set(key, buildHealthy(config));
  return structuredClone(healthy.get(key)!);
}

function buildHealthy(config: WorkshopConfig): ClusterState {
  const state = emptyState();
  for (const { objects } of synthWorkshop(config)) {
    for (const m of objects) {
      const ns = m.metadata.namespace;
      switch (m.kind) {
        case 'Namespace':
          state.namespaces.set(m.metadata.name, {
            metadata: { ...m.metadata, uid: `uid-ns-${m.metadata.name}` },
            spec: { finalizers: ['kubernetes'] },
            status: { phase: 'Active' },
          });
          break;
        case 'ServiceAccount':
          state.objects.serviceaccounts.push(m);
          break;
        case 'Job': {
          const name = m.metadata.name;
          if (name.endsWith('-failing')) {
            state.objects.jobs.push(failedJob(m, 1));
            addJobPods(state, m, 1, 'Failed', name, 0);
          } else if (name === 'demo-job') {
            state.objects.jobs.push(failedJob(m, m.spec.backoffLimit + 1));
            addJobPods(state, m, m.spec.backoffLimit + 1, 'Failed', name, 0);
          } else {
            const completions = m.spec.completions ?? 1;
            state.objects.jobs.push(completeJob(m, completions, 0));
            addJobPods(state, m, completions, 'Succeeded', name, 0);
          }
          break;
        }
        case 'CronJob': {
          const jobName = `${m.metadata.name}-29412345`;
          state.objects.cronjobs.push({ ...m, status: { lastScheduleTime: at(60), lastSuccessfulTime: at(85) } });
          // Jobs a CronJob creates carry only the jobTemplate's labels.
          const job = {
            apiVersion: 'batch/v1',
            kind: 'Job',
            metadata: { name: jobName, namespace: ns, labels: m.spec.jobTemplate.metadata?.labels },
            spec: m.spec.jobTemplate.spec,
          };
          state.objects.jobs.push(completeJob(job, 1, 60));
          addJobPods(state, job, 1, 'Succeeded', m.metadata.name, 60);
          break;
        }
        case 'Pod': {
          const name = m.metadata.name;
          const phase =
            name === 'create-pod-denied' ? 'Failed' : m.spec.restartPolicy === 'Always' ? 'Running' : 'Succeeded';
          const pod = podOf({ metadata: m.metadata, spec: m.spec }, ns, name, undefined, phase, 0);
          if (phase === 'Running') {
            // The liveness probe has restarted the container twice.
            pod.status.containerStatuses[0].restartCount = 2;
            pod.status.containerStatuses[0].lastState = {
              terminated: { exitCode: 137, reason: 'Error', startedAt: at(70), finishedAt: at(100) },
            };
          }
          state.objects.pods.push(pod);
          state.logs.set(`${ns}/${name}/${pod.spec.containers[0].name}`, logFor(name, ns));
          break;
        }
        case 'StatefulSet': {
          const pod = podOf(
            m.spec.template,
            ns,
            `${m.metadata.name}-0`,
            { kind: 'StatefulSet', name: m.metadata.name },
            'Running',
            0,
          );
          state.objects.pods.push(pod);
          for (const claim of m.spec.volumeClaimTemplates) {
            state.objects.persistentvolumeclaims.push({
              metadata: {
                name: `${claim.metadata.name}-${m.metadata.name}-0`,
                namespace: ns,
                labels: m.spec.selector.matchLabels,
              },
              spec: claim.spec,
              status: { phase: 'Bound', accessModes: claim.spec.accessModes, capacity: claim.spec.resources.requests },
            });
          }
          break;
        }
        case 'Deployment':
          state.objects.deployments.push({
            ...m,
            status: {
              observedGeneration: 1,
              replicas: 1,
              updatedReplicas: 1,
              readyReplicas: 1,
              availableReplicas: 1,
              conditions: [
                { type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable' },
                { type: 'Progressing', status: 'True', reason: 'NewReplicaSetAvailable' },
              ],
            },
          });
          state.objects.pods.push(
            podOf(
              m.spec.template,
              ns,
              `${m.metadata.name}-5d8f7c9b6-x2x4z`,
              { kind: 'ReplicaSet', name: `${m.metadata.name}-5d8f7c9b6` },
              'Running',
              0,
            ),
          );
          break;
        case 'ReplicaSet':
          state.objects.pods.push(
            podOf(
              m.spec.template,
              ns,
              `${m.metadata.name}-q7w2k`,
              { kind: 'ReplicaSet', name: m.metadata.name },
              'Running',
              0,
            ),
          );
          break;
        default:
          break;
      }
    }
  }
  return state;
}

/** The object of `kind` named `name` in `namespace` (fails the test when absent). */
export function objectIn(
  state: ClusterState,
  kind: keyof ClusterState['objects'],
  namespace: string,
  name: string,
): Json {
  const found = state.objects[kind].find((o) => o.metadata.namespace === namespace && o.metadata.name === name);
  if (!found) throw new Error(`no ${kind} ${namespace}/${name} in the fixture`);
  return found;
}

/** Removes every object of `exercise` (by its label) from `namespace`, as `kubectl delete -l` would. */
export function removeExercise(state: ClusterState, namespace: string, exercise: string): void {
  for (const kind of Object.keys(state.objects) as Array<keyof ClusterState['objects']>) {
    state.objects[kind] = state.objects[kind].filter(
      (o) => !(o.metadata.namespace === namespace && o.metadata.labels?.['k8s-workshop/exercise'] === exercise),
    );
  }
}
