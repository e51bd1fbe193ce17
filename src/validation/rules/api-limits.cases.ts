import { CorpusCase, find, meta, NS, passes, webDeployment } from '../corpus';
import type { Json } from '../../json';

// The limits are written out here (not imported from api-limits.ts), so a case fails when the code
// moves one: 1 MiB = 1048576 bytes of data, 1.5 MiB = 1572864 bytes of object, 256 KiB = 262144
// bytes of annotations, 63 characters of label value. Each has a case exactly at the limit (no
// finding) and one a unit past it.
const MiB = 1048576;
/** The settings ConfigMap's data (target: google.com, ttw: 4) with a `big` key filling it to `total` bytes. */
const configMapData = (o: Json[], total: number) => {
  find(o, 'ConfigMap', 'settings').data.big = 'x'.repeat(total - 'google.com4'.length);
};
/** The login Secret's data (username: Jeff) with a `big` key filling it to `total` decoded bytes. */
const secretData = (o: Json[], total: number) => {
  find(o, 'Secret', 'login').data.big = Buffer.from('s'.repeat(total - 'Jeff'.length)).toString('base64');
};
/** A ServiceAccount whose JSON is exactly `size` bytes. */
function accountOf(size: number) {
  const account = (fill: number) => ({
    apiVersion: 'v1',
    kind: 'ServiceAccount',
    metadata: meta('big'),
    imagePullSecrets: [{ name: 'x'.repeat(fill) }],
  });
  const fill = size - Buffer.byteLength(JSON.stringify(account(0)));
  return account(fill);
}
/** The reader ServiceAccount with one annotation of `total` bytes, key and value. */
const annotated = (o: Json[], total: number) => {
  find(o, 'ServiceAccount', 'reader').metadata.annotations = { note: 'x'.repeat(total - 'note'.length) };
};

export const cases: CorpusCase[] = [
  {
    name: 'ConfigMap with more than 1 MiB of data',
    breakIt: (o) => {
      find(o, 'ConfigMap', 'settings').data.big = 'x'.repeat(1_100_000);
    },
    expected: { rule: 'api-limits', object: `ConfigMap/${NS}/settings`, path: 'data', value: '1100011 bytes' },
  },
  passes('ConfigMap with exactly 1 MiB of data', (o) => configMapData(o, MiB)),
  {
    name: 'ConfigMap with 1 MiB and 1 byte of data',
    breakIt: (o) => configMapData(o, MiB + 1),
    expected: { rule: 'api-limits', object: `ConfigMap/${NS}/settings`, path: 'data', value: '1048577 bytes' },
  },
  passes('ConfigMap with exactly 1 MiB of data and binaryData together', (o) => {
    configMapData(o, MiB - 3);
    find(o, 'ConfigMap', 'settings').binaryData = { blob: Buffer.from('abc').toString('base64') };
  }),
  {
    name: 'ConfigMap over 1 MiB by its binaryData',
    breakIt: (o) => {
      configMapData(o, MiB - 3);
      find(o, 'ConfigMap', 'settings').binaryData = { blob: Buffer.from('abcd').toString('base64') };
    },
    expected: { rule: 'api-limits', object: `ConfigMap/${NS}/settings`, path: 'data', value: '1048577 bytes' },
  },
  passes('Secret with exactly 1 MiB of decoded data', (o) => secretData(o, MiB)),
  {
    name: 'Secret with 1 MiB and 1 byte of decoded data',
    breakIt: (o) => secretData(o, MiB + 1),
    expected: { rule: 'api-limits', object: `Secret/${NS}/login`, path: 'data', value: '1048577 bytes' },
  },
  {
    name: 'Secret over 1 MiB by its stringData',
    breakIt: (o) => {
      secretData(o, MiB);
      find(o, 'Secret', 'login').stringData = { extra: 'x' };
    },
    expected: { rule: 'api-limits', object: `Secret/${NS}/login`, path: 'data', value: '1048577 bytes' },
  },
  passes('object of exactly 1.5 MiB', (o) => {
    o.push(accountOf(1572864));
  }),
  {
    name: 'object of 1.5 MiB and 1 byte',
    breakIt: (o) => {
      o.push(accountOf(1572864 + 1));
    },
    expected: { rule: 'api-limits', object: `ServiceAccount/${NS}/big`, path: '', value: '1572865 bytes' },
  },
  passes('annotations of exactly 256 KiB', (o) => annotated(o, 262144)),
  {
    name: 'annotations of 256 KiB and 1 byte',
    breakIt: (o) => annotated(o, 262144 + 1),
    expected: {
      rule: 'api-limits',
      object: `ServiceAccount/${NS}/reader`,
      path: 'metadata.annotations',
      value: '262145 bytes',
    },
  },
  {
    name: 'pod template label value longer than 63 characters',
    breakIt: (o) => {
      webDeployment(o).spec.template.metadata.labels.tier = 'x'.repeat(64);
    },
    expected: {
      rule: 'api-limits',
      object: `Deployment/${NS}/web`,
      path: 'spec.template.metadata.labels.tier',
      value: 'x'.repeat(64),
    },
  },
  passes('pod template label value of exactly 63 characters', (o) => {
    webDeployment(o).spec.template.metadata.labels.tier = 'x'.repeat(63);
  }),
  {
    name: 'pod template label key name longer than 63 characters',
    breakIt: (o) => {
      webDeployment(o).spec.template.metadata.labels[`example.com/${'k'.repeat(64)}`] = 'x';
    },
    expected: {
      rule: 'api-limits',
      object: `Deployment/${NS}/web`,
      path: `spec.template.metadata.labels.example.com/${'k'.repeat(64)}`,
      value: `example.com/${'k'.repeat(64)}`,
    },
  },
  passes('pod template label key name of exactly 63 characters', (o) => {
    webDeployment(o).spec.template.metadata.labels[`example.com/${'k'.repeat(63)}`] = 'x';
  }),
];
