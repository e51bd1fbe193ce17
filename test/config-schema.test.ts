// workshop.yaml's schema has one source, the props types: src/config-schema.json is what
// `npm run schema` generates from them, and this fails when a prop and the schema drift apart.
import * as fs from 'fs';
import { CONFIG_SCHEMA_FILE, generateConfigSchema } from '../scripts/config-schema';
import { DNS_LABEL, dnsLabel, IMAGE_REF } from '../src/k8s/grammar';
import type { Json } from '../src/json';

// Generating builds a TypeScript program of the project: once for the whole file.
const generated = generateConfigSchema();
const committed = JSON.parse(fs.readFileSync(CONFIG_SCHEMA_FILE, 'utf-8'));

describe('the workshop.yaml schema', () => {
  test('is what the props types generate (run `npm run schema` after changing a prop)', () => {
    expect(committed).toEqual(generated);
  });

  test('takes each string type from its grammar and each tag from the prop', () => {
    const exercises = (generated as Json).properties.exercises.properties;
    expect(generated.properties).toMatchObject({
      namespace: { type: 'string', pattern: DNS_LABEL.pattern, maxLength: 63, description: DNS_LABEL.description },
      kuardImage: { type: 'string', pattern: IMAGE_REF.pattern, description: IMAGE_REF.description },
      students: { type: 'array', minItems: 1, description: 'leave students out for one workshop namespace' },
    });
    expect(exercises.periodicJob.properties.name).toEqual({
      type: 'string',
      pattern: dnsLabel(52).pattern,
      maxLength: 52,
      description: dnsLabel(52).description,
    });
    expect(exercises.factorialJob.properties.n).toEqual({ type: 'integer', minimum: 0, maximum: 1000 });
    expect(exercises.traceJob.properties.restartPolicy).toEqual({ enum: ['Never', 'OnFailure'] });
    expect(exercises.votingApp.properties.voteNodePort).toEqual({ type: 'integer', minimum: 30000, maximum: 32767 });
  });

  test('holds no setting that is not in workshop.yaml, and no default or reference', () => {
    expect(Object.keys(generated.properties as object).sort()).toEqual([
      'arch',
      'exercises',
      'kuardImage',
      'namespace',
      'podSecurity',
      'studentQuota',
      'students',
      'validation',
    ]);
    // The workshop keeps the text's Job name `traceroute`.
    expect((generated as Json).properties.exercises.properties.traceJob.properties.name).toBeUndefined();
    expect(JSON.stringify(generated)).not.toMatch(/"(\$ref|default|definitions|deprecated)"/);
    expect(JSON.stringify(generated)).not.toContain('"number"');
  });
});
