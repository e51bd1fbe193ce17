// The validation corpus: deliberately broken inputs, each with the exact finding it must produce.
// Every case starts from a small bundle that passes every rule (checked first), breaks one thing,
// and expects exactly one finding: rule, object, field path and value.
import { corpusFindings, corpusFixtures } from './corpus-fixtures';
import { validateBundle } from '../src/validation/validate';

const NS = 'corpus';
const { meta, resources, secure, container, namespaceAndReader } = corpusFixtures(NS);

/** A bundle every rule accepts: the starting point of every case. */
function base(): any[] {
  return JSON.parse(JSON.stringify([
    ...namespaceAndReader(),
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: meta('settings'), data: { target: 'google.com', ttw: '4' } },
    { apiVersion: 'v1', kind: 'Secret', metadata: meta('login'), data: { username: 'SmVmZg==' } },
    {
      apiVersion: 'apps/v1', kind: 'Deployment', metadata: meta('web'),
      spec: {
        replicas: 1, selector: { matchLabels: { app: 'web' } },
        template: {
          metadata: { labels: { app: 'web' } },
          spec: {
            serviceAccountName: 'reader',
            containers: [container('web', {
              command: ['/bin/sh', '-c', 'ping -W $(TTW) $(TARGET); echo $$(date)'],
              ports: [{ containerPort: 8080, name: 'http' }],
              env: [
                { name: 'TARGET', valueFrom: { configMapKeyRef: { name: 'settings', key: 'target' } } },
                { name: 'TTW', valueFrom: { configMapKeyRef: { name: 'settings', key: 'ttw' } } },
                { name: 'USER', valueFrom: { secretKeyRef: { name: 'login', key: 'username' } } },
              ],
              envFrom: [{ configMapRef: { name: 'settings' } }],
              volumeMounts: [{ name: 'config', mountPath: '/etc/config' }, { name: 'secret', mountPath: '/etc/secret' }],
            })],
            volumes: [
              { name: 'config', configMap: { name: 'settings', items: [{ key: 'target', path: 'target' }] } },
              { name: 'secret', secret: { secretName: 'login' } },
            ],
          },
        },
      },
    },
    { apiVersion: 'v1', kind: 'Service', metadata: meta('web'), spec: { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 8080 }] } },
    { apiVersion: 'v1', kind: 'Service', metadata: meta('db'), spec: { clusterIP: 'None', selector: { app: 'db' }, ports: [{ port: 5432 }] } },
    {
      apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: meta('db'),
      spec: {
        serviceName: 'db', replicas: 1, selector: { matchLabels: { app: 'db' } },
        template: { metadata: { labels: { app: 'db' } }, spec: { containers: [container('db', { volumeMounts: [{ name: 'data', mountPath: '/data' }] })] } },
        volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }],
      },
    },
    {
      apiVersion: 'batch/v1', kind: 'Job', metadata: meta('once'),
      spec: { completions: 2, parallelism: 2, template: { spec: { restartPolicy: 'Never', containers: [container('once')] } } },
    },
    {
      apiVersion: 'batch/v1', kind: 'CronJob', metadata: meta('tick'),
      spec: { schedule: '*/5 * * * *', jobTemplate: { spec: { template: { spec: { restartPolicy: 'OnFailure', containers: [container('tick')] } } } } },
    },
  ]));
}

const find = (objects: any[], kind: string, name: string) => objects.find((o) => o.kind === kind && o.metadata.name === name);
const pod = (objects: any[], kind: string, name: string) => {
  const o = find(objects, kind, name);
  return kind === 'CronJob' ? o.spec.jobTemplate.spec.template.spec : o.spec.template.spec;
};
const web = (o: any[]) => pod(o, 'Deployment', 'web').containers[0];
const WEB = 'spec.template.spec.containers[0]';
/** Root with every default capability dropped but `add`, as the entrypoint profiles run. */
const rootWith = (add: string[]) => ({ runAsNonRoot: false, runAsUser: 0, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'], add }, seccompProfile: { type: 'RuntimeDefault' } });

interface Case {
  name: string;
  /** Breaks a fresh copy of the base bundle (or returns a replacement). */
  breakIt: (objects: any[]) => any[] | void;
  /** The one finding: rule, object, path and value. */
  expected: { rule: string; object: string; path: string; value: unknown };
}

const CASES: Case[] = [
  // References: ConfigMaps and Secrets
  { name: 'configMapKeyRef to a missing ConfigMap', breakIt: (o) => { web(o).env[0].valueFrom.configMapKeyRef.name = 'setings'; },
    expected: { rule: 'ref-configmap', object: `Deployment/${NS}/web`, path: `${WEB}.env[0].valueFrom.configMapKeyRef.name`, value: 'setings' } },
  { name: 'configMapKeyRef to a missing key', breakIt: (o) => { web(o).env[1].valueFrom.configMapKeyRef.key = 'max-hops'; },
    expected: { rule: 'ref-configmap', object: `Deployment/${NS}/web`, path: `${WEB}.env[1].valueFrom.configMapKeyRef.key`, value: 'max-hops' } },
  { name: 'secretKeyRef to a missing Secret', breakIt: (o) => { web(o).env[2].valueFrom.secretKeyRef.name = 'logins'; },
    expected: { rule: 'ref-secret', object: `Deployment/${NS}/web`, path: `${WEB}.env[2].valueFrom.secretKeyRef.name`, value: 'logins' } },
  { name: 'secretKeyRef to a missing key', breakIt: (o) => { web(o).env[2].valueFrom.secretKeyRef.key = 'password'; },
    expected: { rule: 'ref-secret', object: `Deployment/${NS}/web`, path: `${WEB}.env[2].valueFrom.secretKeyRef.key`, value: 'password' } },
  { name: 'envFrom a missing ConfigMap', breakIt: (o) => { web(o).envFrom[0].configMapRef.name = 'other'; },
    expected: { rule: 'ref-configmap', object: `Deployment/${NS}/web`, path: `${WEB}.envFrom[0].configMapRef.name`, value: 'other' } },
  { name: 'envFrom a missing Secret', breakIt: (o) => { web(o).envFrom.push({ secretRef: { name: 'vault' } }); },
    expected: { rule: 'ref-secret', object: `Deployment/${NS}/web`, path: `${WEB}.envFrom[1].secretRef.name`, value: 'vault' } },
  { name: 'configMap volume of a missing ConfigMap', breakIt: (o) => { pod(o, 'Deployment', 'web').volumes[0].configMap.name = 'nope'; },
    expected: { rule: 'ref-configmap', object: `Deployment/${NS}/web`, path: 'spec.template.spec.volumes[0].configMap.name', value: 'nope' } },
  { name: 'configMap volume item with a missing key', breakIt: (o) => { pod(o, 'Deployment', 'web').volumes[0].configMap.items[0].key = 'port'; },
    expected: { rule: 'ref-configmap', object: `Deployment/${NS}/web`, path: 'spec.template.spec.volumes[0].configMap.items[0].key', value: 'port' } },
  { name: 'secret volume of a missing Secret', breakIt: (o) => { pod(o, 'Deployment', 'web').volumes[1].secret.secretName = 'pretty-secret'; },
    expected: { rule: 'ref-secret', object: `Deployment/${NS}/web`, path: 'spec.template.spec.volumes[1].secret.secretName', value: 'pretty-secret' } },
  { name: 'a ConfigMap in another namespace does not count', breakIt: (o) => { find(o, 'ConfigMap', 'settings').metadata.namespace = 'default'; o.push({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default', labels: { 'pod-security.kubernetes.io/enforce': 'baseline' } } }); web(o).env.splice(0, 2); web(o).envFrom = []; web(o).command = ['true']; },
    expected: { rule: 'ref-configmap', object: `Deployment/${NS}/web`, path: 'spec.template.spec.volumes[0].configMap.name', value: 'settings' } },
  // References: identities
  { name: 'serviceAccountName that does not exist', breakIt: (o) => { pod(o, 'Deployment', 'web').serviceAccountName = 'writer'; },
    expected: { rule: 'ref-service-account', object: `Deployment/${NS}/web`, path: 'spec.template.spec.serviceAccountName', value: 'writer' } },
  { name: 'RoleBinding to a missing Role', breakIt: (o) => { find(o, 'RoleBinding', 'reader').roleRef.name = 'writer'; },
    expected: { rule: 'ref-role-binding', object: `RoleBinding/${NS}/reader`, path: 'roleRef.name', value: 'writer' } },
  { name: 'RoleBinding to a ClusterRole that is neither built in nor defined', breakIt: (o) => { find(o, 'RoleBinding', 'reader').roleRef = { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'pod-reader' }; },
    expected: { rule: 'ref-role-binding', object: `RoleBinding/${NS}/reader`, path: 'roleRef.name', value: 'pod-reader' } },
  { name: 'RoleBinding subject that does not exist', breakIt: (o) => { find(o, 'RoleBinding', 'reader').subjects[0].name = 'readr'; },
    expected: { rule: 'ref-role-binding', object: `RoleBinding/${NS}/reader`, path: 'subjects[0].name', value: 'readr' } },
  // References: volumes, selectors, services
  { name: 'volumeMount without a volume', breakIt: (o) => { web(o).volumeMounts[1].name = 'secrets'; },
    expected: { rule: 'volume-mount-source', object: `Deployment/${NS}/web`, path: `${WEB}.volumeMounts[1].name`, value: 'secrets' } },
  { name: 'StatefulSet mount without a claim template', breakIt: (o) => { pod(o, 'StatefulSet', 'db').containers[0].volumeMounts[0].name = 'pg-data'; },
    expected: { rule: 'volume-mount-source', object: `StatefulSet/${NS}/db`, path: 'spec.template.spec.containers[0].volumeMounts[0].name', value: 'pg-data' } },
  { name: 'Service selector matching no pod', breakIt: (o) => { find(o, 'Service', 'web').spec.selector = { app: 'voting-result' }; },
    expected: { rule: 'service-selector', object: `Service/${NS}/web`, path: 'spec.selector', value: { app: 'voting-result' } } },
  { name: 'Deployment selector not matching its template', breakIt: (o) => { find(o, 'Deployment', 'web').spec.selector.matchLabels = { app: 'webb' }; },
    expected: { rule: 'workload-selector', object: `Deployment/${NS}/web`, path: 'spec.selector', value: { matchLabels: { app: 'webb' } } } },
  { name: 'StatefulSet selector expression not matching its template', breakIt: (o) => { find(o, 'StatefulSet', 'db').spec.selector = { matchLabels: { app: 'db' }, matchExpressions: [{ key: 'tier', operator: 'Exists' }] }; },
    expected: { rule: 'workload-selector', object: `StatefulSet/${NS}/db`, path: 'spec.selector', value: { matchLabels: { app: 'db' }, matchExpressions: [{ key: 'tier', operator: 'Exists' }] } } },
  { name: 'StatefulSet serviceName missing from the bundle', breakIt: (o) => { find(o, 'StatefulSet', 'db').spec.serviceName = 'ss-db'; },
    expected: { rule: 'statefulset-service', object: `StatefulSet/${NS}/db`, path: 'spec.serviceName', value: 'ss-db' } },
  { name: 'StatefulSet serviceName that is not headless', breakIt: (o) => { delete find(o, 'Service', 'db').spec.clusterIP; },
    expected: { rule: 'statefulset-service', object: `StatefulSet/${NS}/db`, path: 'spec.serviceName', value: 'db' } },
  { name: 'object in a namespace the bundle does not create', breakIt: (o) => { o.push({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'extra', namespace: 'elsewhere' } }); },
    expected: { rule: 'namespace-exists', object: 'ServiceAccount/elsewhere/extra', path: 'metadata.namespace', value: 'elsewhere' } },
  { name: 'object without a namespace', breakIt: (o) => { delete find(o, 'Secret', 'login').metadata.namespace; pod(o, 'Deployment', 'web').volumes.pop(); web(o).volumeMounts.pop(); web(o).env.pop(); },
    expected: { rule: 'namespace-exists', object: 'Secret/(no namespace)/login', path: 'metadata.namespace', value: undefined } },
  // Run-ability
  { name: 'object name with capitals', breakIt: (o) => { find(o, 'ConfigMap', 'settings').metadata.name = 'Settings'; for (const e of web(o).env.slice(0, 2)) e.valueFrom.configMapKeyRef.name = 'Settings'; web(o).envFrom[0].configMapRef.name = 'Settings'; pod(o, 'Deployment', 'web').volumes[0].configMap.name = 'Settings'; },
    expected: { rule: 'name-valid', object: `ConfigMap/${NS}/Settings`, path: 'metadata.name', value: 'Settings' } },
  { name: 'Service name starting with a digit (DNS-1035)', breakIt: (o) => { find(o, 'Service', 'web').metadata.name = '1web'; },
    expected: { rule: 'name-valid', object: `Service/${NS}/1web`, path: 'metadata.name', value: '1web' } },
  { name: 'CronJob name longer than 52 characters', breakIt: (o) => { find(o, 'CronJob', 'tick').metadata.name = 'a'.repeat(53); },
    expected: { rule: 'name-valid', object: `CronJob/${NS}/${'a'.repeat(53)}`, path: 'metadata.name', value: 'a'.repeat(53) } },
  { name: 'container name with an underscore', breakIt: (o) => { pod(o, 'Job', 'once').containers[0].name = 'my_job'; },
    expected: { rule: 'name-valid', object: `Job/${NS}/once`, path: 'spec.template.spec.containers[0].name', value: 'my_job' } },
  { name: 'port name longer than 15 characters', breakIt: (o) => { web(o).ports[0].name = 'http-application'; },
    expected: { rule: 'name-valid', object: `Deployment/${NS}/web`, path: `${WEB}.ports[0].name`, value: 'http-application' } },
  { name: 'label value with a space', breakIt: (o) => { find(o, 'Job', 'once').metadata.labels = { chapter: 'j obs' }; },
    expected: { rule: 'name-valid', object: `Job/${NS}/once`, path: 'metadata.labels.chapter', value: 'j obs' } },
  { name: 'environment variable name starting with a digit', breakIt: (o) => { pod(o, 'Job', 'once').containers[0].env = [{ name: '1TTW', value: '4' }]; },
    expected: { rule: 'name-valid', object: `Job/${NS}/once`, path: 'spec.template.spec.containers[0].env[0].name', value: '1TTW' } },
  { name: 'two objects with the same kind, namespace and name', breakIt: (o) => { o.push(JSON.parse(JSON.stringify(find(o, 'ServiceAccount', 'reader')))); },
    expected: { rule: 'duplicate-object', object: `ServiceAccount/${NS}/reader`, path: 'metadata.name', value: 'reader' } },
  { name: 'two Services on the same nodePort', breakIt: (o) => { for (const n of ['web', 'db']) Object.assign(find(o, 'Service', n).spec.ports[0], { nodePort: 31000 }); find(o, 'Service', 'web').spec.type = 'NodePort'; },
    expected: { rule: 'node-port-unique', object: `Service/${NS}/db`, path: 'spec.ports[0].nodePort', value: 31000 } },
  { name: 'Job with restartPolicy Always', breakIt: (o) => { pod(o, 'Job', 'once').restartPolicy = 'Always'; },
    expected: { rule: 'job-restart-policy', object: `Job/${NS}/once`, path: 'spec.template.spec.restartPolicy', value: 'Always' } },
  { name: 'CronJob with no restartPolicy (defaults to Always)', breakIt: (o) => { delete pod(o, 'CronJob', 'tick').restartPolicy; },
    expected: { rule: 'job-restart-policy', object: `CronJob/${NS}/tick`, path: 'spec.jobTemplate.spec.template.spec.restartPolicy', value: undefined } },
  { name: 'cron schedule with a seconds field', breakIt: (o) => { find(o, 'CronJob', 'tick').spec.schedule = '0 */5 * * * *'; },
    expected: { rule: 'cron-schedule', object: `CronJob/${NS}/tick`, path: 'spec.schedule', value: '0 */5 * * * *' } },
  { name: 'cron schedule with minute 61', breakIt: (o) => { find(o, 'CronJob', 'tick').spec.schedule = '61 * * * *'; },
    expected: { rule: 'cron-schedule', object: `CronJob/${NS}/tick`, path: 'spec.schedule', value: '61 * * * *' } },
  { name: 'cron schedule @reboot', breakIt: (o) => { find(o, 'CronJob', 'tick').spec.schedule = '@reboot'; },
    expected: { rule: 'cron-schedule', object: `CronJob/${NS}/tick`, path: 'spec.schedule', value: '@reboot' } },
  { name: 'cron schedule with L (cron-parser accepts it, the CronJob controller does not)', breakIt: (o) => { find(o, 'CronJob', 'tick').spec.schedule = '0 0 L * *'; },
    expected: { rule: 'cron-schedule', object: `CronJob/${NS}/tick`, path: 'spec.schedule', value: '0 0 L * *' } },
  { name: 'cron schedule with # (nth weekday)', breakIt: (o) => { find(o, 'CronJob', 'tick').spec.schedule = '0 0 * * 1#2'; },
    expected: { rule: 'cron-schedule', object: `CronJob/${NS}/tick`, path: 'spec.schedule', value: '0 0 * * 1#2' } },
  { name: 'runAsNonRoot without a numeric user', breakIt: (o) => { delete pod(o, 'Job', 'once').containers[0].securityContext.runAsUser; pod(o, 'Job', 'once').containers[0].securityContext = { ...pod(o, 'Job', 'once').containers[0].securityContext }; },
    expected: { rule: 'run-as-non-root-user', object: `Job/${NS}/once`, path: 'spec.template.spec.containers[0].securityContext.runAsUser', value: undefined } },
  { name: 'runAsNonRoot from the pod with user 0 in the container', breakIt: (o) => { const s = pod(o, 'Job', 'once'); s.securityContext = { runAsNonRoot: true }; s.containers[0].securityContext = { ...secure, runAsNonRoot: undefined, runAsUser: 0 }; o[0].metadata.labels['pod-security.kubernetes.io/enforce'] = 'baseline'; },
    expected: { rule: 'run-as-non-root-user', object: `Job/${NS}/once`, path: 'spec.template.spec.containers[0].securityContext.runAsUser', value: 0 } },
  { name: 'container without a memory limit', breakIt: (o) => { pod(o, 'Job', 'once').containers[0].resources = { requests: resources.requests }; },
    expected: { rule: 'resources', object: `Job/${NS}/once`, path: 'spec.template.spec.containers[0].resources.limits.memory', value: undefined } },
  { name: 'container without a CPU request', breakIt: (o) => { pod(o, 'CronJob', 'tick').containers[0].resources = { requests: { memory: '16Mi' }, limits: { memory: '32Mi' } }; },
    expected: { rule: 'resources', object: `CronJob/${NS}/tick`, path: 'spec.jobTemplate.spec.template.spec.containers[0].resources.requests.cpu', value: undefined } },
  { name: 'resource quantity that does not parse', breakIt: (o) => { pod(o, 'Job', 'once').containers[0].resources = { ...resources, requests: { cpu: '10 cores', memory: '16Mi' } }; },
    expected: { rule: 'resources', object: `Job/${NS}/once`, path: 'spec.template.spec.containers[0].resources.requests.cpu', value: '10 cores' } },
  { name: '$(VAR) the container does not define (the seed\'s MAX-HOPS vs MAX_HOPS)', breakIt: (o) => { web(o).command = ['/bin/sh', '-c', 'traceroute -m $(MAX_HOPS) $(TARGET)']; },
    expected: { rule: 'env-var-reference', object: `Deployment/${NS}/web`, path: `${WEB}.command[2]`, value: '$(MAX_HOPS)' } },
  { name: '$(VAR) in args', breakIt: (o) => { pod(o, 'Job', 'once').containers[0].args = ['--target=$(TARGET)']; },
    expected: { rule: 'env-var-reference', object: `Job/${NS}/once`, path: 'spec.template.spec.containers[0].args[0]', value: '$(TARGET)' } },
  // Images
  { name: 'untagged image (pulls :latest)', breakIt: (o) => { pod(o, 'Job', 'once').containers[0].image = 'alpine'; },
    expected: { rule: 'image-pinned', object: `Job/${NS}/once`, path: 'spec.template.spec.containers[0].image', value: 'alpine' } },
  { name: 'image tagged :latest', breakIt: (o) => { pod(o, 'CronJob', 'tick').containers[0].image = 'busybox:latest'; },
    expected: { rule: 'image-pinned', object: `CronJob/${NS}/tick`, path: 'spec.jobTemplate.spec.template.spec.containers[0].image', value: 'busybox:latest' } },
  { name: 'tag naming no version (the seed\'s redis:alpine)', breakIt: (o) => { web(o).image = 'redis:alpine'; },
    expected: { rule: 'image-pinned', object: `Deployment/${NS}/web`, path: `${WEB}.image`, value: 'redis:alpine' } },
  { name: 'redis 8 without SETPCAP (its setpriv clears the bounding set)', breakIt: (o) => { o[0].metadata.labels['pod-security.kubernetes.io/enforce'] = 'baseline'; Object.assign(pod(o, 'StatefulSet', 'db').containers[0], { image: 'redis:8.6.4-alpine', securityContext: { ...rootWith(['CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'SETGID', 'SETUID']), readOnlyRootFilesystem: true } }); },
    expected: { rule: 'image-profile', object: `StatefulSet/${NS}/db`, path: 'spec.template.spec.containers[0].securityContext.capabilities.add', value: ['CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'SETGID', 'SETUID'] } },
  { name: 'postgres with a read-only root filesystem (it writes /var/run/postgresql)', breakIt: (o) => { o[0].metadata.labels['pod-security.kubernetes.io/enforce'] = 'baseline'; Object.assign(pod(o, 'StatefulSet', 'db').containers[0], { image: 'postgres:9.4.26', securityContext: { ...rootWith(['CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'SETGID', 'SETUID']), readOnlyRootFilesystem: true }, volumeMounts: [{ name: 'data', mountPath: '/var/lib/postgresql/data' }] }); },
    expected: { rule: 'image-profile', object: `StatefulSet/${NS}/db`, path: 'spec.template.spec.containers[0].securityContext.readOnlyRootFilesystem', value: true } },
  { name: 'postgres started as its own uid 999 (the entrypoint must start as root to chown)', breakIt: (o) => { o[0].metadata.labels['pod-security.kubernetes.io/enforce'] = 'baseline'; Object.assign(pod(o, 'StatefulSet', 'db').containers[0], { image: 'postgres:9.4.26', securityContext: { ...secure, runAsNonRoot: false, runAsUser: 999, readOnlyRootFilesystem: false } }); },
    expected: { rule: 'image-profile', object: `StatefulSet/${NS}/db`, path: 'spec.template.spec.containers[0].securityContext.runAsUser', value: 999 } },
  { name: 'kubectl on a read-only root with $HOME not on a volume (its discovery cache)', breakIt: (o) => { pod(o, 'Job', 'once').containers[0].image = 'registry.k8s.io/kubectl:v1.28.15'; },
    expected: { rule: 'image-profile', object: `Job/${NS}/once`, path: 'spec.template.spec.containers[0].securityContext.readOnlyRootFilesystem', value: true } },
  // Pod Security
  { name: 'Namespace without an enforce level', breakIt: (o) => { o[0].metadata.labels = {}; },
    expected: { rule: 'pod-security-label', object: `Namespace/${NS}`, path: 'metadata.labels.pod-security.kubernetes.io/enforce', value: undefined } },
  { name: 'privileged container under baseline', breakIt: (o) => { o[0].metadata.labels['pod-security.kubernetes.io/enforce'] = 'baseline'; pod(o, 'Job', 'once').containers[0].securityContext = { privileged: true }; },
    expected: { rule: 'pod-security', object: `Job/${NS}/once`, path: 'spec.template.spec.containers[0].securityContext.privileged', value: true } },
  { name: 'NET_RAW added under baseline', breakIt: (o) => { o[0].metadata.labels['pod-security.kubernetes.io/enforce'] = 'baseline'; pod(o, 'Job', 'once').containers[0].securityContext = { capabilities: { add: ['NET_RAW'] } }; },
    expected: { rule: 'pod-security', object: `Job/${NS}/once`, path: 'spec.template.spec.containers[0].securityContext.capabilities.add[0]', value: 'NET_RAW' } },
  { name: 'hostPath volume under baseline', breakIt: (o) => { o[0].metadata.labels['pod-security.kubernetes.io/enforce'] = 'baseline'; pod(o, 'Job', 'once').volumes = [{ name: 'host', hostPath: { path: '/' } }]; },
    expected: { rule: 'pod-security', object: `Job/${NS}/once`, path: 'spec.template.spec.volumes[0].hostPath', value: { path: '/' } } },
  { name: 'hostNetwork under baseline', breakIt: (o) => { o[0].metadata.labels['pod-security.kubernetes.io/enforce'] = 'baseline'; pod(o, 'Job', 'once').hostNetwork = true; },
    expected: { rule: 'pod-security', object: `Job/${NS}/once`, path: 'spec.template.spec.hostNetwork', value: true } },
  { name: 'pod-level user 0 under restricted, even when the container overrides it', breakIt: (o) => { pod(o, 'Job', 'once').securityContext = { runAsUser: 0 }; },
    expected: { rule: 'pod-security', object: `Job/${NS}/once`, path: 'spec.template.spec.securityContext.runAsUser', value: 0 } },
  { name: 'privilege escalation allowed under restricted', breakIt: (o) => { pod(o, 'Job', 'once').containers[0].securityContext = { ...secure, allowPrivilegeEscalation: true }; },
    expected: { rule: 'pod-security', object: `Job/${NS}/once`, path: 'spec.template.spec.containers[0].securityContext.allowPrivilegeEscalation', value: true } },
  { name: 'capabilities not dropped under restricted', breakIt: (o) => { pod(o, 'Job', 'once').containers[0].securityContext = { ...secure, capabilities: {} }; },
    expected: { rule: 'pod-security', object: `Job/${NS}/once`, path: 'spec.template.spec.containers[0].securityContext.capabilities.drop', value: undefined } },
  { name: 'seccomp Unconfined', breakIt: (o) => { pod(o, 'Job', 'once').containers[0].securityContext = { ...secure, seccompProfile: { type: 'Unconfined' } }; o[0].metadata.labels['pod-security.kubernetes.io/enforce'] = 'baseline'; },
    expected: { rule: 'pod-security', object: `Job/${NS}/once`, path: 'spec.template.spec.containers[0].securityContext.seccompProfile.type', value: 'Unconfined' } },
];

const findings = (objects: any[]) => corpusFindings(objects);

describe('validation corpus', () => {
  test('the base bundle passes every rule', () => {
    expect(findings(base())).toEqual([]);
  });

  test(`has at least 40 broken inputs (${CASES.length})`, () => {
    expect(CASES.length).toBeGreaterThanOrEqual(40);
  });

  test.each(CASES.map((c) => [c.name, c] as const))('catches %s', (_name, c) => {
    const objects = base();
    const replaced = c.breakIt(objects);
    expect(findings(replaced ?? objects)).toEqual([c.expected]);
  });
});

test('accepts every form of the quantity grammar in resources (1e3, 1P, +1, .5)', () => {
  const objects = base();
  pod(objects, 'Job', 'once').containers[0].resources = { requests: { cpu: '.5', memory: '1e3' }, limits: { memory: '+1P' } };
  pod(objects, 'CronJob', 'tick').containers[0].resources = { requests: { cpu: 1, memory: '64Mi' }, limits: { memory: '1E' } };
  expect(findings(objects)).toEqual([]);
});

describe('validateBundle', () => {
  test('reports a rule that cannot read the input as a finding and still runs the other rules', () => {
    const crashing = { id: 'crashing', description: 'throws', check: () => { throw new Error('cannot read spec'); } };
    const flagging = { id: 'flagging', description: 'one finding', check: (b: any) => [{ object: b.objects[0], path: 'metadata', value: 1, expected: 'x' }] };
    const report = validateBundle([{ manifest: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'n' } } }], { rules: [crashing, flagging] });
    expect(report.errors.map((f) => [f.rule, f.object, f.value])).toEqual([['crashing', '(bundle)', 'cannot read spec'], ['flagging', 'Namespace/n', 1]]);
  });
});
