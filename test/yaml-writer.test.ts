import { Yaml } from 'cdk8s';
import { loadWorkshopConfig } from '../src/config';
import { synthWorkshop } from '../src/synth';
import { yamlDocuments } from '../src/yaml-writer';
import { parse } from 'yaml';
import * as fs from 'fs';
import * as path from 'path';
import { YAML_PACKAGE_JSON } from '../src/yaml';
import { firstAlikes } from '../src/validation/alike';
import { ROOT } from './util';

const STRINGS = [
  '',
  ' ',
  'plain',
  'two words',
  ' leading',
  'trailing ',
  'a: b',
  'a:b',
  '#comment',
  'a #b',
  '- item',
  '-',
  '?',
  ':',
  '@at',
  '`tick',
  '!tag',
  '&anchor',
  '*alias',
  '%percent',
  '|',
  '>',
  '"quoted"',
  "'single'",
  "it's",
  'yes',
  'no',
  'on',
  'off',
  'y',
  'n',
  'true',
  'False',
  'null',
  '~',
  'NULL',
  '0',
  '0755',
  '0x1F',
  '1e3',
  '1_000',
  '3.14',
  '.5',
  '-1',
  '+1',
  '.inf',
  '.NaN',
  '2001-12-14',
  '12:30:00',
  '1:2',
  'multi\nline',
  'multi\nline\n',
  'trailing\n\n',
  '\nleading newline',
  'tab\there',
  '  indented\nlines',
  'line\n  indented\n',
  'unicode é ✓',
  'emoji 😀',
  'back\\slash',
  'ctrl \u0001',
  '{flow}',
  '[seq]',
  'a, b',
  '$(VAR) $$(ESC)',
  'x'.repeat(200),
  '#!/bin/sh\nset -e\necho "hi: $NAME" # done\n',
  'key=value',
  'http://localhost:8080/login',
  '=',
  '<<',
  'a\r\nb',
];

describe('yamlDocuments', () => {
  test("renders with the yaml package cdk8s loads, the same version as the project's own", () => {
    const cdk8sYaml = path.join(path.dirname(require.resolve('cdk8s')), '..', 'node_modules', 'yaml', 'package.json');
    expect(YAML_PACKAGE_JSON).toEqual(fs.existsSync(cdk8sYaml) ? cdk8sYaml : require.resolve('yaml/package.json'));
    expect(require(YAML_PACKAGE_JSON).version).toEqual(require('yaml/package.json').version);
  });

  test('writes the shipped workshop and a small class byte for byte as Yaml.stringify', () => {
    const config = loadWorkshopConfig(path.join(ROOT, 'workshop.yaml'));
    const outputs = [...synthWorkshop(config), ...synthWorkshop({ ...config, students: ['alice', 'bob'] })];
    for (const o of outputs) expect(yamlDocuments(o.objects)).toEqual(Yaml.stringify(...o.objects));
  });

  test('writes a class byte for byte as Yaml.stringify when each copy in another namespace is written from the first one', () => {
    const config = loadWorkshopConfig(path.join(ROOT, 'workshop.yaml'));
    const outputs = synthWorkshop({ ...config, students: ['alice', 'bob', 'carol-has-a-longer-name'] });
    const alike = firstAlikes(outputs.flatMap((o) => o.objects));
    const copies = [...alike].filter(([m, first]) => m !== first).length;
    expect(copies).toBeGreaterThan(outputs.flatMap((o) => o.objects).length / 2);
    for (const o of outputs)
      expect(yamlDocuments(o.objects, (m) => alike.get(m) ?? m)).toEqual(Yaml.stringify(...o.objects));
  });

  test.each(STRINGS.map((s) => [JSON.stringify(s), s]))(
    'writes the string %s as the yaml package does, as key, value and list item, at any depth',
    (_name, s) => {
      const doc = {
        [s || 'empty']: s,
        kind: 'ConfigMap',
        data: { [s || 'empty']: s, nested: { deeper: [s, { a: s, b: [s, [s]] }] } },
        list: [s, [s, s], { c: s }],
      };
      expect(yamlDocuments([doc])).toEqual(Yaml.stringify(doc));
    },
  );

  test('writes numbers, booleans, empty maps and lists, several documents and undefined ones as Yaml.stringify', () => {
    const docs = [
      { a: 1, b: -2, c: 0.5, d: 1e21, e: true, f: false, g: {}, h: [], i: [{}, [], 3], j: { k: [[1, 2], [[3]]] } },
      undefined,
      { kind: 'Second' },
    ];
    expect(yamlDocuments(docs)).toEqual(Yaml.stringify(...docs));
  });

  test('leaves what it does not lay out itself to the yaml package: null, NaN, a repeated object', () => {
    const shared = { x: 1 };
    const docs = [{ a: null }, { b: NaN, c: -0 }, { d: shared, e: shared }, { f: [null, undefined] }, {}];
    expect(yamlDocuments(docs)).toEqual(Yaml.stringify(...docs));
  });
});

describe('line breaks only YAML 1.1 knows', () => {
  test('NEL, LINE SEPARATOR and PARAGRAPH SEPARATOR are written escaped, and read back exactly by 1.1 and 1.2 readers', () => {
    const value = 'Je\u0085ff\u2028and\u2029more';
    const text = yamlDocuments([
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' }, data: { username: value }, list: [value] },
    ]);
    expect(text).not.toMatch(/[\u0085\u2028\u2029]/);
    expect(text).toContain('username: "Je\\u0085ff\\u2028and\\u2029more"');
    for (const version of ['1.1', '1.2'] as const) {
      const back = parse(text, { version });
      expect([back.data.username, back.list[0]]).toEqual([value, value]);
    }
  });
});
