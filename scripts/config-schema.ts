// `npm run schema`: writes src/config-schema.json, the JSON Schema of workshop.yaml, generated from
// the props types (WorkshopFile in src/config-types.ts, which takes the constructs' props through
// lib/workshop.ts): the types are the one source. ts-json-schema-generator reads the types and their
// tags (@minimum, @pattern, @description...); each string type of src/k8s/setting-types.ts becomes
// its grammar's pattern, length and words. test/config-schema.test.ts fails when the committed file
// differs from what this generates, so a prop added, removed or retyped shows up in the schema.
import * as fs from 'fs';
import * as path from 'path';
import { createGenerator } from 'ts-json-schema-generator';
import type { Grammar } from '../src/k8s/grammar';
import { GRAMMAR_OF_SETTING_TYPE } from '../src/k8s/setting-types';

const ROOT = path.resolve(__dirname, '..');
export const CONFIG_SCHEMA_FILE = path.join(ROOT, 'src', 'config-schema.json');

type Schema = { [keyword: string]: unknown };

/** A string of `grammar`, as a JSON Schema: what the config's error messages quote. */
function grammarSchema(grammar: Grammar): Schema {
  const max = Number.isFinite(grammar.maxLength) ? { maxLength: grammar.maxLength } : {};
  return { type: 'string', pattern: grammar.pattern, ...max, description: grammar.description };
}

/**
 * The generator's schema, with every reference resolved in place (a string type by its grammar),
 * without `default` and `deprecated` annotations (the constructs apply defaults, the schema only checks), numbers as
 * integers (every count and port of the workshop is one) and enums without a redundant `type`.
 */
function resolved(node: unknown, definitions: Record<string, unknown>): unknown {
  if (Array.isArray(node)) return node.map((n) => resolved(n, definitions));
  if (node === null || typeof node !== 'object') return node;
  const out: Schema = {};
  for (const [keyword, value] of Object.entries(node)) {
    if (keyword === 'default' || keyword === 'deprecated') continue;
    if (keyword === '$ref') {
      const name = decodeURIComponent(String(value).replace('#/definitions/', ''));
      const grammar = GRAMMAR_OF_SETTING_TYPE[name];
      if (grammar === undefined && !(name in definitions)) throw new Error(`config schema: no definition of ${name}`);
      Object.assign(out, grammar !== undefined ? grammarSchema(grammar) : resolved(definitions[name], definitions));
    } else if (keyword === 'properties') {
      out.properties = Object.fromEntries(
        Object.entries(value as Schema).map(([key, s]) => [key, resolved(s, definitions)]),
      );
    } else {
      out[keyword] = resolved(value, definitions);
    }
  }
  if (out.type === 'number') out.type = 'integer';
  if (Array.isArray(out.enum) && out.type === 'string') delete out.type;
  return out;
}

/** The JSON Schema of workshop.yaml, from the types. Takes a few seconds: it builds a TypeScript program. */
export function generateConfigSchema(): Schema {
  const generator = createGenerator({
    path: path.join(ROOT, 'src', 'config-types.ts'),
    tsconfig: path.join(ROOT, 'tsconfig.json'),
    type: 'WorkshopFile',
    jsDoc: 'basic',
    skipTypeCheck: true,
    expose: 'all',
    topRef: false,
    additionalProperties: false,
  });
  const { definitions = {}, ...root } = generator.createSchema('WorkshopFile') as Schema & {
    definitions?: Record<string, unknown>;
  };
  delete root.$schema;
  return resolved(root, definitions) as Schema;
}

if (require.main === module) {
  fs.writeFileSync(CONFIG_SCHEMA_FILE, `${JSON.stringify(generateConfigSchema(), null, 2)}\n`);
  console.error(`wrote ${path.relative(ROOT, CONFIG_SCHEMA_FILE)}`);
}
