import { CorpusCase, find, NS, webDeployment } from '../corpus';

export const cases: CorpusCase[] = [
  { name: 'ConfigMap with more than 1 MiB of data', breakIt: (o) => { find(o, 'ConfigMap', 'settings').data.big = 'x'.repeat(1_100_000); },
    expected: { rule: 'api-limits', object: `ConfigMap/${NS}/settings`, path: 'data', value: '1100011 bytes' } },
  { name: 'pod template label value longer than 63 characters', breakIt: (o) => { webDeployment(o).spec.template.metadata.labels.tier = 'x'.repeat(64); },
    expected: { rule: 'api-limits', object: `Deployment/${NS}/web`, path: 'spec.template.metadata.labels.tier', value: 'x'.repeat(64) } },
];
