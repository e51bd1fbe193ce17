import { CorpusCase, find, NS, passes, pod, WEB, webContainer } from '../corpus';

/** Three 63-character labels and one of 61, dotted: 253 characters. */
const SUBDOMAIN_253 = `${'a'.repeat(63)}.${'a'.repeat(63)}.${'a'.repeat(63)}.${'a'.repeat(61)}`;

export const cases: CorpusCase[] = [
  {
    name: 'object name with capitals',
    breakIt: (o) => {
      find(o, 'ConfigMap', 'settings').metadata.name = 'Settings';
      for (const e of webContainer(o).env.slice(0, 2)) e.valueFrom.configMapKeyRef.name = 'Settings';
      webContainer(o).envFrom[0].configMapRef.name = 'Settings';
      pod(o, 'Deployment', 'web').volumes[0].configMap.name = 'Settings';
    },
    expected: { rule: 'name-valid', object: `ConfigMap/${NS}/Settings`, path: 'metadata.name', value: 'Settings' },
  },
  {
    name: 'Service name starting with a digit (DNS-1035)',
    breakIt: (o) => {
      find(o, 'Service', 'web').metadata.name = '1web';
    },
    expected: { rule: 'name-valid', object: `Service/${NS}/1web`, path: 'metadata.name', value: '1web' },
  },
  {
    name: 'CronJob name longer than 52 characters',
    breakIt: (o) => {
      find(o, 'CronJob', 'tick').metadata.name = 'a'.repeat(53);
    },
    expected: {
      rule: 'name-valid',
      object: `CronJob/${NS}/${'a'.repeat(53)}`,
      path: 'metadata.name',
      value: 'a'.repeat(53),
    },
  },
  {
    name: 'container name with an underscore',
    breakIt: (o) => {
      pod(o, 'Job', 'once').containers[0].name = 'my_job';
    },
    expected: {
      rule: 'name-valid',
      object: `Job/${NS}/once`,
      path: 'spec.template.spec.containers[0].name',
      value: 'my_job',
    },
  },
  {
    name: 'port name longer than 15 characters',
    breakIt: (o) => {
      webContainer(o).ports[0].name = 'http-application';
    },
    expected: {
      rule: 'name-valid',
      object: `Deployment/${NS}/web`,
      path: `${WEB}.ports[0].name`,
      value: 'http-application',
    },
  },
  {
    name: 'label value with a space',
    breakIt: (o) => {
      find(o, 'Job', 'once').metadata.labels = { chapter: 'j obs' };
    },
    expected: { rule: 'name-valid', object: `Job/${NS}/once`, path: 'metadata.labels.chapter', value: 'j obs' },
  },
  // Lengths, written out so a case fails when the grammar moves one: each at the limit and one past it.
  passes('CronJob name of exactly 52 characters', (o) => {
    find(o, 'CronJob', 'tick').metadata.name = 'a'.repeat(52);
  }),
  passes('port name of exactly 15 characters', (o) => {
    webContainer(o).ports[0].name = 'http-applicatio';
    find(o, 'Service', 'web').spec.ports[0].targetPort = 'http-applicatio';
  }),
  passes('label value of exactly 63 characters', (o) => {
    find(o, 'Job', 'once').metadata.labels = { chapter: 'j'.repeat(63) };
  }),
  {
    name: 'label value of 64 characters',
    breakIt: (o) => {
      find(o, 'Job', 'once').metadata.labels = { chapter: 'j'.repeat(64) };
    },
    expected: { rule: 'name-valid', object: `Job/${NS}/once`, path: 'metadata.labels.chapter', value: 'j'.repeat(64) },
  },
  passes('label key name of exactly 63 characters', (o) => {
    find(o, 'Job', 'once').metadata.labels = { ['k'.repeat(63)]: 'x' };
  }),
  {
    name: 'label key name of 64 characters',
    breakIt: (o) => {
      find(o, 'Job', 'once').metadata.labels = { ['k'.repeat(64)]: 'x' };
    },
    expected: {
      rule: 'name-valid',
      object: `Job/${NS}/once`,
      path: `metadata.labels.${'k'.repeat(64)}`,
      value: 'k'.repeat(64),
    },
  },
  passes('Job name (a DNS label) of exactly 63 characters', (o) => {
    find(o, 'Job', 'once').metadata.name = 'a'.repeat(63);
  }),
  {
    name: 'Job name (a DNS label) of 64 characters',
    breakIt: (o) => {
      find(o, 'Job', 'once').metadata.name = 'a'.repeat(64);
    },
    expected: {
      rule: 'name-valid',
      object: `Job/${NS}/${'a'.repeat(64)}`,
      path: 'metadata.name',
      value: 'a'.repeat(64),
    },
  },
  passes('Service name (a DNS-1035 label) of exactly 63 characters', (o) => {
    find(o, 'Service', 'web').metadata.name = 's'.repeat(63);
  }),
  {
    name: 'Service name (a DNS-1035 label) of 64 characters',
    breakIt: (o) => {
      find(o, 'Service', 'web').metadata.name = 's'.repeat(64);
    },
    expected: {
      rule: 'name-valid',
      object: `Service/${NS}/${'s'.repeat(64)}`,
      path: 'metadata.name',
      value: 's'.repeat(64),
    },
  },
  passes('container name (a DNS label) of exactly 63 characters', (o) => {
    pod(o, 'Job', 'once').containers[0].name = 'c'.repeat(63);
  }),
  {
    name: 'container name (a DNS label) of 64 characters',
    breakIt: (o) => {
      pod(o, 'Job', 'once').containers[0].name = 'c'.repeat(64);
    },
    expected: {
      rule: 'name-valid',
      object: `Job/${NS}/once`,
      path: 'spec.template.spec.containers[0].name',
      value: 'c'.repeat(64),
    },
  },
  passes('ConfigMap name (a DNS subdomain) of exactly 253 characters', (o) => {
    o.push({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: SUBDOMAIN_253, namespace: NS }, data: {} });
  }),
  {
    name: 'ConfigMap name (a DNS subdomain) of 254 characters',
    breakIt: (o) => {
      o.push({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `${SUBDOMAIN_253}b`, namespace: NS }, data: {} });
    },
    expected: {
      rule: 'name-valid',
      object: `ConfigMap/${NS}/${SUBDOMAIN_253}b`,
      path: 'metadata.name',
      value: `${SUBDOMAIN_253}b`,
    },
  },
  {
    name: 'environment variable name starting with a digit',
    breakIt: (o) => {
      pod(o, 'Job', 'once').containers[0].env = [{ name: '1TTW', value: '4' }];
    },
    expected: {
      rule: 'name-valid',
      object: `Job/${NS}/once`,
      path: 'spec.template.spec.containers[0].env[0].name',
      value: '1TTW',
    },
  },
];
