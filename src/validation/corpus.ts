// The validation corpus's starting point: a small bundle every rule accepts. Each rule's
// <id>.cases.ts breaks one thing in a fresh copy and names the one finding it must produce
// (rule, object, field path, value), or changes one thing up to a limit and expects no finding at
// all; test/validation-corpus.test.ts runs them all.
import type { Json } from '../json';

export const NS = 'corpus';

export interface CorpusCase {
  readonly name: string;
  /** Breaks a fresh copy of the base bundle (or returns a replacement); for a passing case, changes it. */
  breakIt(objects: Json[]): Json[] | void;
  /** The one finding: rule, object, path and value; `null` for a passing case, which no rule may report. */
  readonly expected: { rule: string; object: string; path: string; value: unknown } | null;
  /** A piece of the finding's `expected` text. */
  readonly says?: string;
  /** The Pod Security control the case exercises (extract/pod-security-controls.ts), for the pod-security rule's cases. */
  readonly control?: string;
}

/** A case that changes the base bundle and expects no finding: the far side of a limit a broken case crosses. */
export const passes = (name: string, breakIt: CorpusCase['breakIt'], control?: string): CorpusCase => ({
  name,
  breakIt,
  expected: null,
  control,
});

export const meta = (name: string, extra: object = {}) => ({ name, namespace: NS, ...extra });
export const resources = { requests: { cpu: '10m', memory: '16Mi' }, limits: { memory: '32Mi' } };
export const secure = {
  runAsNonRoot: true,
  runAsUser: 65534,
  allowPrivilegeEscalation: false,
  readOnlyRootFilesystem: true,
  capabilities: { drop: ['ALL'] },
  seccompProfile: { type: 'RuntimeDefault' },
};
export const container = (name: string, extra: object = {}) => ({
  name,
  image: 'alpine:3.8',
  resources,
  securityContext: secure,
  ...extra,
});

/** A bundle every rule accepts: a namespace enforcing restricted, and one object of each kind the rules read. */
export function base(): Json[] {
  return JSON.parse(
    JSON.stringify([
      {
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name: NS, labels: { 'pod-security.kubernetes.io/enforce': 'restricted' } },
      },
      { apiVersion: 'v1', kind: 'ServiceAccount', metadata: meta('reader') },
      {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'Role',
        metadata: meta('reader'),
        rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['list'] }],
      },
      {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'RoleBinding',
        metadata: meta('reader'),
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'reader' },
        subjects: [{ kind: 'ServiceAccount', name: 'reader', namespace: NS }],
      },
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: meta('settings'), data: { target: 'google.com', ttw: '4' } },
      { apiVersion: 'v1', kind: 'Secret', metadata: meta('login'), data: { username: 'SmVmZg==' } },
      {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: meta('web'),
        spec: {
          replicas: 1,
          selector: { matchLabels: { app: 'web' } },
          template: {
            metadata: { labels: { app: 'web' } },
            spec: {
              serviceAccountName: 'reader',
              containers: [
                container('web', {
                  imagePullPolicy: 'IfNotPresent',
                  command: ['/bin/sh', '-c', 'ping -W $(TTW) $(TARGET); echo $$(date)'],
                  ports: [{ containerPort: 8080, name: 'http' }],
                  env: [
                    { name: 'TARGET', valueFrom: { configMapKeyRef: { name: 'settings', key: 'target' } } },
                    { name: 'TTW', valueFrom: { configMapKeyRef: { name: 'settings', key: 'ttw' } } },
                    { name: 'USER', valueFrom: { secretKeyRef: { name: 'login', key: 'username' } } },
                  ],
                  envFrom: [{ configMapRef: { name: 'settings' } }],
                  volumeMounts: [
                    { name: 'config', mountPath: '/etc/config' },
                    { name: 'secret', mountPath: '/etc/secret' },
                  ],
                }),
              ],
              volumes: [
                { name: 'config', configMap: { name: 'settings', items: [{ key: 'target', path: 'target' }] } },
                { name: 'secret', secret: { secretName: 'login' } },
              ],
            },
          },
        },
      },
      {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: meta('web'),
        spec: { type: 'ClusterIP', selector: { app: 'web' }, ports: [{ port: 80, targetPort: 'http' }] },
      },
      {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: meta('db'),
        spec: { clusterIP: 'None', selector: { app: 'db' }, ports: [{ port: 5432 }] },
      },
      {
        apiVersion: 'apps/v1',
        kind: 'StatefulSet',
        metadata: meta('db'),
        spec: {
          serviceName: 'db',
          replicas: 1,
          selector: { matchLabels: { app: 'db' } },
          template: {
            metadata: { labels: { app: 'db' } },
            spec: { containers: [container('db', { volumeMounts: [{ name: 'data', mountPath: '/data' }] })] },
          },
          volumeClaimTemplates: [
            {
              metadata: { name: 'data' },
              spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
            },
          ],
        },
      },
      {
        apiVersion: 'batch/v1',
        kind: 'Job',
        metadata: meta('once'),
        spec: {
          completions: 2,
          parallelism: 2,
          template: { spec: { restartPolicy: 'Never', containers: [container('once')] } },
        },
      },
      {
        apiVersion: 'batch/v1',
        kind: 'CronJob',
        metadata: meta('tick'),
        spec: {
          schedule: '*/5 * * * *',
          concurrencyPolicy: 'Forbid',
          jobTemplate: {
            spec: { template: { spec: { restartPolicy: 'OnFailure', containers: [container('tick')] } } },
          },
        },
      },
    ]),
  );
}

/** The object of `kind` named `name`. */
export const find = (objects: Json[], kind: string, name: string) =>
  objects.find((o) => o.kind === kind && o.metadata.name === name);
/** The pod spec of a workload of the base bundle. */
export const pod = (objects: Json[], kind: string, name: string) => {
  const o = find(objects, kind, name);
  return kind === 'CronJob' ? o.spec.jobTemplate.spec.template.spec : o.spec.template.spec;
};
export const webDeployment = (o: Json[]) => find(o, 'Deployment', 'web');
export const webContainer = (o: Json[]) => pod(o, 'Deployment', 'web').containers[0];
/** Path of the web Deployment's container. */
export const WEB = 'spec.template.spec.containers[0]';
