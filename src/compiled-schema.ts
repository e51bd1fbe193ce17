// Compiles a JSON Schema with ajv once and keeps ajv's standalone validation code in
// node_modules/.cache, keyed by a hash of the schema and the options. Later runs load that file
// instead of loading ajv and generating the code again (tens of milliseconds per schema), which
// keeps synth fast. The cache can always be deleted; it is rebuilt on the next run.
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import type { Options, ValidateFunction } from 'ajv';

function cacheDir(): string {
  return path.join(path.dirname(require.resolve('ajv/package.json')), '..', '.cache', 'workshop-schemas');
}

/**
 * A validate function for `schema`. `key` names the schema's content cheaply: pass a content
 * hash or a package version when hashing the schema itself would cost more than compiling it.
 */
export function compiledValidator<T = unknown>(schema: () => object, options: Options, key?: string): ValidateFunction<T> {
  const ajvVersion: string = require('ajv/package.json').version;
  const id = createHash('sha256')
    .update(`${ajvVersion}\n${JSON.stringify(options)}\n${key ?? JSON.stringify(schema())}`)
    .digest('hex').slice(0, 32);
  const file = path.join(cacheDir(), `${id}.js`);
  try {
    return require(file);
  } catch {
    // Not built yet (or unreadable): compile below.
  }
  const Ajv = require('ajv').default;
  const standaloneCode = require('ajv/dist/standalone').default;
  const ajv = new Ajv({ ...options, code: { ...options.code, source: true } });
  const validate = ajv.compile(schema());
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}`;
    fs.writeFileSync(tmp, standaloneCode(ajv, validate));
    fs.renameSync(tmp, file);
  } catch {
    // A read-only node_modules only costs the next run a compile.
  }
  return validate;
}
