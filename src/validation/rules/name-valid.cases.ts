import { CorpusCase, find, NS, pod, WEB, webContainer } from '../corpus';

export const cases: CorpusCase[] = [
  { name: 'object name with capitals', breakIt: (o) => { find(o, 'ConfigMap', 'settings').metadata.name = 'Settings'; for (const e of webContainer(o).env.slice(0, 2)) e.valueFrom.configMapKeyRef.name = 'Settings'; webContainer(o).envFrom[0].configMapRef.name = 'Settings'; pod(o, 'Deployment', 'web').volumes[0].configMap.name = 'Settings'; },
    expected: { rule: 'name-valid', object: `ConfigMap/${NS}/Settings`, path: 'metadata.name', value: 'Settings' } },
  { name: 'Service name starting with a digit (DNS-1035)', breakIt: (o) => { find(o, 'Service', 'web').metadata.name = '1web'; },
    expected: { rule: 'name-valid', object: `Service/${NS}/1web`, path: 'metadata.name', value: '1web' } },
  { name: 'CronJob name longer than 52 characters', breakIt: (o) => { find(o, 'CronJob', 'tick').metadata.name = 'a'.repeat(53); },
    expected: { rule: 'name-valid', object: `CronJob/${NS}/${'a'.repeat(53)}`, path: 'metadata.name', value: 'a'.repeat(53) } },
  { name: 'container name with an underscore', breakIt: (o) => { pod(o, 'Job', 'once').containers[0].name = 'my_job'; },
    expected: { rule: 'name-valid', object: `Job/${NS}/once`, path: 'spec.template.spec.containers[0].name', value: 'my_job' } },
  { name: 'port name longer than 15 characters', breakIt: (o) => { webContainer(o).ports[0].name = 'http-application'; },
    expected: { rule: 'name-valid', object: `Deployment/${NS}/web`, path: `${WEB}.ports[0].name`, value: 'http-application' } },
  { name: 'label value with a space', breakIt: (o) => { find(o, 'Job', 'once').metadata.labels = { chapter: 'j obs' }; },
    expected: { rule: 'name-valid', object: `Job/${NS}/once`, path: 'metadata.labels.chapter', value: 'j obs' } },
  { name: 'environment variable name starting with a digit', breakIt: (o) => { pod(o, 'Job', 'once').containers[0].env = [{ name: '1TTW', value: '4' }]; },
    expected: { rule: 'name-valid', object: `Job/${NS}/once`, path: 'spec.template.spec.containers[0].env[0].name', value: '1TTW' } },
];
