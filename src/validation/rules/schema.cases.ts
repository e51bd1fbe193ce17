import { CorpusCase, find, NS, passes, pod, WEB, webContainer, webDeployment } from '../corpus';

export const cases: CorpusCase[] = [
  {
    name: 'unknown top-level field',
    breakIt: (o) => {
      find(o, 'ConfigMap', 'settings').date = { target: 'x' };
    },
    expected: { rule: 'schema', object: `ConfigMap/${NS}/settings`, path: 'date', value: { target: 'x' } },
    says: 'did you mean "data"',
  },
  {
    name: 'unknown field in a spec',
    breakIt: (o) => {
      webDeployment(o).spec.replica = 2;
    },
    expected: { rule: 'schema', object: `Deployment/${NS}/web`, path: 'spec.replica', value: 2 },
    says: 'did you mean "replicas"',
  },
  {
    name: 'unknown field in a container',
    breakIt: (o) => {
      webContainer(o).imagePullPolice = 'Always';
    },
    expected: { rule: 'schema', object: `Deployment/${NS}/web`, path: `${WEB}.imagePullPolice`, value: 'Always' },
    says: 'did you mean "imagePullPolicy"',
  },
  {
    name: 'unknown field in metadata',
    breakIt: (o) => {
      find(o, 'ServiceAccount', 'reader').metadata.label = { a: 'b' };
    },
    expected: { rule: 'schema', object: `ServiceAccount/${NS}/reader`, path: 'metadata.label', value: { a: 'b' } },
    says: 'did you mean "labels"',
  },
  {
    name: 'field of the pod spec put in the container',
    breakIt: (o) => {
      webContainer(o).serviceAccountName = 'reader';
    },
    expected: { rule: 'schema', object: `Deployment/${NS}/web`, path: `${WEB}.serviceAccountName`, value: 'reader' },
    says: 'known fields: args, command',
  },
  {
    name: 'replicas as a string',
    breakIt: (o) => {
      webDeployment(o).spec.replicas = '3';
    },
    expected: { rule: 'schema', object: `Deployment/${NS}/web`, path: 'spec.replicas', value: '3' },
    says: 'type integer',
  },
  {
    name: 'containerPort as a string',
    breakIt: (o) => {
      webContainer(o).ports[0].containerPort = '8080';
    },
    expected: { rule: 'schema', object: `Deployment/${NS}/web`, path: `${WEB}.ports[0].containerPort`, value: '8080' },
    says: 'type integer',
  },
  // int32 (format int32: replicas, ports, priority...), written out so a case fails when the range moves.
  passes('replicas of exactly 2147483647, the largest int32', (o) => {
    webDeployment(o).spec.replicas = 2147483647;
  }),
  {
    name: 'replicas of 2147483648, one past int32',
    breakIt: (o) => {
      webDeployment(o).spec.replicas = 2147483648;
    },
    expected: { rule: 'schema', object: `Deployment/${NS}/web`, path: 'spec.replicas', value: 2147483648 },
    says: 'an integer from -2147483648 to 2147483647 (format int32',
  },
  passes('priority of exactly -2147483648, the smallest int32', (o) => {
    pod(o, 'Job', 'once').priority = -2147483648;
  }),
  {
    name: 'priority of -2147483649, one below int32',
    breakIt: (o) => {
      pod(o, 'Job', 'once').priority = -2147483649;
    },
    expected: { rule: 'schema', object: `Job/${NS}/once`, path: 'spec.template.spec.priority', value: -2147483649 },
    says: 'format int32',
  },
  {
    name: 'containerPort of 2147483648 (the API server also wants 1-65535; no rule checks that yet)',
    breakIt: (o) => {
      webContainer(o).ports[0].containerPort = 2147483648;
    },
    expected: {
      rule: 'schema',
      object: `Deployment/${NS}/web`,
      path: `${WEB}.ports[0].containerPort`,
      value: 2147483648,
    },
    says: 'format int32',
  },
  {
    name: 'command as a string instead of a list',
    breakIt: (o) => {
      webContainer(o).command = 'sleep 10';
    },
    expected: { rule: 'schema', object: `Deployment/${NS}/web`, path: `${WEB}.command`, value: 'sleep 10' },
    says: 'type array',
  },
  {
    name: 'targetPort that is neither a number nor a name',
    breakIt: (o) => {
      find(o, 'Service', 'web').spec.ports[0].targetPort = true;
    },
    expected: { rule: 'schema', object: `Service/${NS}/web`, path: 'spec.ports[0].targetPort', value: true },
    says: 'string or integer',
  },
  {
    name: 'container without a name',
    breakIt: (o) => {
      delete find(o, 'CronJob', 'tick').spec.jobTemplate.spec.template.spec.containers[0].name;
    },
    expected: {
      rule: 'schema',
      object: `CronJob/${NS}/tick`,
      path: 'spec.jobTemplate.spec.template.spec.containers[0].name',
      value: undefined,
    },
    says: 'required field "name"',
  },
  {
    name: 'Role rule without verbs',
    breakIt: (o) => {
      delete find(o, 'Role', 'reader').rules[0].verbs;
    },
    expected: { rule: 'schema', object: `Role/${NS}/reader`, path: 'rules[0].verbs', value: undefined },
    says: 'required field "verbs"',
  },
  {
    name: 'Service port without port',
    breakIt: (o) => {
      find(o, 'Service', 'web').spec.ports[0] = { targetPort: 'http' };
    },
    expected: { rule: 'schema', object: `Service/${NS}/web`, path: 'spec.ports[0].port', value: undefined },
    says: 'required field "port"',
  },
  {
    name: 'RoleBinding without roleRef',
    breakIt: (o) => {
      delete find(o, 'RoleBinding', 'reader').roleRef;
    },
    expected: { rule: 'schema', object: `RoleBinding/${NS}/reader`, path: 'roleRef', value: undefined },
    says: 'required field "roleRef"',
  },
  {
    name: 'Service type Nodeport',
    breakIt: (o) => {
      find(o, 'Service', 'web').spec.type = 'Nodeport';
    },
    expected: { rule: 'schema', object: `Service/${NS}/web`, path: 'spec.type', value: 'Nodeport' },
    says: '"NodePort"',
  },
  {
    name: 'imagePullPolicy Sometimes',
    breakIt: (o) => {
      webContainer(o).imagePullPolicy = 'Sometimes';
    },
    expected: { rule: 'schema', object: `Deployment/${NS}/web`, path: `${WEB}.imagePullPolicy`, value: 'Sometimes' },
    says: 'one of "Always", "IfNotPresent", "Never"',
  },
  {
    name: 'concurrencyPolicy Sometimes',
    breakIt: (o) => {
      find(o, 'CronJob', 'tick').spec.concurrencyPolicy = 'Sometimes';
    },
    expected: { rule: 'schema', object: `CronJob/${NS}/tick`, path: 'spec.concurrencyPolicy', value: 'Sometimes' },
    says: 'one of "Allow", "Forbid", "Replace"',
  },
  {
    name: 'port protocol in lower case',
    breakIt: (o) => {
      find(o, 'Service', 'web').spec.ports[0].protocol = 'tcp';
    },
    expected: { rule: 'schema', object: `Service/${NS}/web`, path: 'spec.ports[0].protocol', value: 'tcp' },
    says: '"TCP"',
  },
  {
    name: 'CronJob under batch/v1beta1 (removed in 1.25)',
    breakIt: (o) => {
      find(o, 'CronJob', 'tick').apiVersion = 'batch/v1beta1';
    },
    expected: { rule: 'schema', object: `CronJob/${NS}/tick`, path: 'apiVersion', value: 'batch/v1beta1' },
    says: 'serves CronJob under: batch/v1',
  },
  {
    name: 'Deployment under extensions/v1beta1',
    breakIt: (o) => {
      webDeployment(o).apiVersion = 'extensions/v1beta1';
    },
    expected: { rule: 'schema', object: `Deployment/${NS}/web`, path: 'apiVersion', value: 'extensions/v1beta1' },
    says: 'apps/v1',
  },
  {
    name: 'misspelt kind',
    breakIt: (o) => {
      find(o, 'ConfigMap', 'settings').kind = 'Configmap';
      o.push({ ...find(o, 'Configmap', 'settings'), kind: 'ConfigMap' });
    },
    expected: { rule: 'schema', object: `Configmap/${NS}/settings`, path: 'kind', value: 'Configmap' },
  },
];
