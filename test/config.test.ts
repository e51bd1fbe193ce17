import * as fs from 'fs';
import * as path from 'path';
import { ConfigError, loadWorkshopConfig, parseWorkshopConfig } from '../src/config';
import { ROOT, tempDir } from './util';

function problems(text: string): string[] {
  try {
    parseWorkshopConfig(text, 'workshop.yaml');
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as ConfigError).problems;
  }
  throw new Error('expected the config to be rejected');
}

describe('workshop config', () => {
  test('loads the shipped workshop.yaml', () => {
    const config = loadWorkshopConfig(path.join(ROOT, 'workshop.yaml'));
    expect(config.namespace).toEqual('workshop-day2-solutions');
    expect(config.exercises?.traceJob?.image).toEqual('alpine:3.8');
  });

  test('accepts an empty file: every setting has a default', () => {
    expect(parseWorkshopConfig('', 'workshop.yaml')).toEqual({});
  });

  test('fails on a namespace that is not a DNS label, naming file, line, field and value', () => {
    expect(problems('namespace: Workshop_Day2\n')).toEqual([
      'workshop.yaml:1:12: namespace must be a DNS label (lowercase letters, digits and \'-\', at most 63 characters), got "Workshop_Day2"',
    ]);
  });

  test('fails on restartPolicy Always for the trace job', () => {
    expect(problems('exercises:\n  traceJob:\n    restartPolicy: Always\n')).toEqual([
      'workshop.yaml:3:20: exercises.traceJob.restartPolicy must be one of Never, OnFailure, got "Always"',
    ]);
  });

  test('fails on a negative backoffLimit', () => {
    expect(problems('exercises:\n  traceJob:\n    backoffLimit: -2\n')).toEqual([
      'workshop.yaml:3:19: exercises.traceJob.backoffLimit must be >= 0, got -2',
    ]);
  });

  test('fails on a TTL that is not a number', () => {
    expect(problems('exercises:\n  traceJob:\n    ttlSecondsAfterFinished: soon\n')).toEqual([
      'workshop.yaml:3:30: exercises.traceJob.ttlSecondsAfterFinished must be an integer, got "soon"',
    ]);
  });

  test('fails on a bad image reference and a bad target host', () => {
    expect(problems('exercises:\n  traceJob:\n    image: "alpine 3.8"\n    target: "-bad host"\n')).toEqual([
      'workshop.yaml:3:12: exercises.traceJob.image must be a container image reference such as alpine:3.8, got "alpine 3.8"',
      'workshop.yaml:4:13: exercises.traceJob.target must be a host name or IP address, got "-bad host"',
    ]);
  });

  test('fails on an unknown setting, so a typo is not silently ignored', () => {
    expect(problems('exercises:\n  traceJob:\n    restartPolicyy: Never\n')).toEqual([
      'workshop.yaml:3:5: exercises.traceJob.restartPolicyy is not a known setting',
    ]);
  });

  test('fails on a bad Pod Security level', () => {
    expect(problems('podSecurity:\n  enforce: strict\n')).toEqual([
      'workshop.yaml:2:12: podSecurity.enforce must be one of privileged, baseline, restricted, got "strict"',
    ]);
  });

  test('reports every problem at once', () => {
    expect(problems('namespace: X\nexercises:\n  traceJob:\n    backoffLimit: -1\n    restartPolicy: Always\n')).toHaveLength(3);
  });

  test('fails on text that is not YAML', () => {
    expect(problems('namespace: [unclosed\n')[0]).toMatch(/^workshop\.yaml:\d+:\d+: not valid YAML: /);
  });

  test('fails on a missing file, naming it and the WORKSHOP_CONFIG variable', () => {
    const file = path.join(tempDir(), 'nope.yaml');
    expect(() => loadWorkshopConfig(file)).toThrow(`${file}: cannot read the workshop config`);
    expect(() => loadWorkshopConfig(file)).toThrow('set WORKSHOP_CONFIG to its path');
    expect(fs.existsSync(file)).toBe(false);
  });
});
