import type { ErrorObject } from 'ajv';
import type { Document, Node } from 'yaml';
import { compiledValidator } from './compiled-schema';
import WORKSHOP_CONFIG_SCHEMA from './config-schema.json';
import type { WorkshopConfig } from './config-types';
import { fleetProblems } from './fleet';
import { CLUSTER_NAMESPACE_TEXT, isClusterNamespace } from './k8s/namespaces';
import { ConfigError, ENVIRONMENT, MAX_PROBLEMS } from './errors';
import { closeNames, showSecret, showValue } from './show';
import { YAML } from './yaml';
import { InputFileProblem, readInputFile } from './input-file';
import { formatFieldPath, pointerSegments } from './field-path';
import type { Json } from './json';

const { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument } = YAML;

export type { WorkshopConfig } from './config-types';

/**
 * Largest config file read. The shipped one is ~5 KB and a class of 884 students adds ~10 KB;
 * anything near this size is not a workshop config, and parsing it would take seconds per MB.
 */
export const MAX_CONFIG_BYTES = 1024 * 1024;

const validateConfig = compiledValidator<WorkshopConfig>('workshop-config', WORKSHOP_CONFIG_SCHEMA, {
  allErrors: true,
  verbose: true,
  strict: true,
});

function fieldName(path: (string | number)[]): string {
  return formatFieldPath(path) || '(top level)';
}

function pathOf(error: ErrorObject): (string | number)[] {
  return pointerSegments(error.instancePath).map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

/** How a value shows in a message: `show(value, path)` may use the YAML source text at `path`. */
type Show = (value: unknown, path: (string | number)[]) => string;

function describe(error: ErrorObject, show: Show): { path: (string | number)[]; text: string; atKey?: boolean } {
  const path = pathOf(error);
  const got = `got ${show(error.data, path)}`;
  const parent = error.parentSchema as { description?: string; properties?: Record<string, unknown> } | undefined;
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = (error.params as { additionalProperty: string }).additionalProperty;
      const close = closeNames(key, Object.keys(parent?.properties ?? {}));
      const hint = close.length ? ` (did you mean ${close.join(' or ')}?)` : '';
      return {
        path: [...path, key],
        text: `${fieldName([...path, showKey(key)])} is not a known setting${hint}`,
        atKey: true,
      };
    }
    case 'minItems':
      return {
        path,
        text: `${fieldName(path)} must not be empty${parent?.description ? ` (${parent.description})` : ''}, ${got}`,
      };
    case 'required': {
      const key = (error.params as { missingProperty: string }).missingProperty;
      return { path, text: `${fieldName([...path, key])} is required` };
    }
    case 'enum':
      return { path, text: `${fieldName(path)} must be one of ${(error.schema as unknown[]).join(', ')}, ${got}` };
    case 'type':
      return { path, text: `${fieldName(path)} must be ${article(String(error.schema))}, ${got}` };
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
      return {
        path,
        text: `${fieldName(path)} must be ${(error.params as { comparison: string }).comparison} ${(error.params as { limit: number }).limit}, ${got}`,
      };
    case 'pattern':
    case 'format':
    case 'maxLength':
    case 'minLength':
      return { path, text: `${fieldName(path)} must be ${parent?.description ?? `matching ${error.schema}`}, ${got}` };
    case 'uniqueItems':
      return { path, text: `${fieldName(path)} must not repeat entries, ${got}` };
    default:
      return { path, text: `${fieldName(path)} ${error.message}, ${got}` };
  }
}

/** An unknown key as it appears in a field name: a hostile 1 MB key is cut like any value. */
function showKey(key: string): string {
  return /^[A-Za-z0-9_-]{1,80}$/.test(key) ? key : showValue(key);
}

function article(type: string): string {
  return type === 'integer' || type === 'object' || type === 'array' ? `an ${type}` : `a ${type}`;
}

/** Lists whose entries need a unique `name` (JSON Schema's uniqueItems compares whole entries). */
const UNIQUE_NAME_LISTS: (string | number)[][] = [['exercises', 'sharedConfigJobs', 'targets'], ['students']];

export interface ConfigOptions {
  /**
   * The validation rule ids `validation.overrides` may name (synth passes its rules' ids; the
   * config module knows nothing of the rules themselves).
   * @default - rule ids are not checked
   */
  readonly ruleIds?: readonly string[];
}

/** Checks JSON Schema cannot express: unique names in lists, and rule ids that exist. */
function checkBeyondSchema(
  data: Json,
  ruleIds: readonly string[] | undefined,
): { path: (string | number)[]; text: string }[] {
  const found: { path: (string | number)[]; text: string }[] = [];
  found.push(...fleetProblems(data));
  if (data?.students === undefined && typeof data?.namespace === 'string' && isClusterNamespace(data.namespace)) {
    found.push({ path: ['namespace'], text: `namespace ${CLUSTER_NAMESPACE_TEXT(data.namespace)}` });
  }
  (data?.validation?.overrides ?? []).forEach((o: { rule: string }, i: number) => {
    if (ruleIds !== undefined && !ruleIds.includes(o.rule)) {
      found.push({
        path: ['validation', 'overrides', i, 'rule'],
        text: `validation.overrides[${i}].rule must be one of ${ruleIds.join(', ')}, got ${showValue(o.rule)}`,
      });
    }
  });
  for (const listPath of UNIQUE_NAME_LISTS) {
    const list = listPath.reduce<Json>((node, key) => node?.[key], data);
    if (!Array.isArray(list)) continue;
    const seen = new Map<string, number>();
    list.forEach((entry, i) => {
      const name = typeof entry === 'string' ? entry : entry?.name;
      const path = typeof entry === 'string' ? [...listPath, i] : [...listPath, i, 'name'];
      if (seen.has(name)) {
        found.push({
          path,
          text: `${fieldName(path)} must be unique, got ${showValue(name)} again (first at ${fieldName([...listPath, seen.get(name)!])})`,
        });
      } else {
        seen.set(name, i);
      }
    });
  }
  return found;
}

/** Where a YAML node sits: the offsets of its key (in a map) and of its value, and its source text. */
interface Place {
  readonly key?: number;
  readonly value?: number;
  readonly scalar: boolean;
  readonly source?: string;
}

const pathKey = (path: (string | number)[]) => path.join('\u0000');

/**
 * One walk over the parsed document, linear in its size: where each node sits (so a message can
 * name a line without searching), keys repeated in one map (the yaml library's own check compares
 * every key with every earlier one, quadratic in a hostile file), and integers a JavaScript number
 * cannot hold exactly (parsed as BigInt, so nothing is rounded before it is checked).
 */
function walk(doc: Document.Parsed): { places: Map<string, Place>; problems: Array<{ offset: number; text: string }> } {
  const places = new Map<string, Place>();
  const problems: Array<{ offset: number; text: string }> = [];
  const visit = (node: unknown, path: (string | number)[], keyOffset?: number) => {
    const range = (node as { range?: [number, number, number] } | null)?.range;
    places.set(pathKey(path), {
      key: keyOffset,
      value: range?.[0],
      scalar: isScalar(node),
      source: isScalar(node) ? (node as { source?: string }).source : undefined,
    });
    if (isScalar(node) && typeof node.value === 'bigint') {
      const big = node.value;
      node.value = Number(big);
      if (big > BigInt(Number.MAX_SAFE_INTEGER) || big < -BigInt(Number.MAX_SAFE_INTEGER)) {
        problems.push({
          offset: range?.[0] ?? -1,
          text: `${fieldName(path)} must be an integer from -(2^53-1) to 2^53-1 (larger ones lose digits), got ${showValue(String(big)).replace(/"/g, '')}`,
        });
      }
    } else if (isMap(node)) {
      const seen = new Set<unknown>();
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? pair.key.value : pair.key;
        const name = typeof key === 'bigint' ? String(key) : key;
        const offset = (pair.key as { range?: [number, number, number] } | null)?.range?.[0];
        if (isScalar(pair.key) && seen.has(String(name))) {
          problems.push({
            offset: offset ?? -1,
            text: `${fieldName([...path, showKey(String(name))])} is set twice (a YAML map key must be unique)`,
          });
        }
        seen.add(String(name));
        if (isScalar(pair.key) && typeof pair.key.value === 'bigint') pair.key.value = String(pair.key.value);
        visit(pair.value, [...path, String(name)], offset);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => visit(item, [...path, i]));
    } else if (isPair(node)) {
      visit((node as { value: Node }).value, path);
    }
  };
  visit(doc.contents, []);
  return { places, problems };
}

/** Offset of the YAML node at `path`: the key for a setting, else the value, else its closest ancestor. */
function positionOf(places: Map<string, Place>, path: (string | number)[], atKey: boolean): number | undefined {
  const place = places.get(pathKey(path));
  // A scalar is named where its value is; a list or map under a key where the key is.
  if (place) return atKey || !place.scalar ? (place.key ?? place.value) : (place.value ?? place.key);
  for (let n = path.length - 1; n >= 0; n--) {
    const parent = places.get(pathKey(path.slice(0, n)));
    if (parent) return parent.value ?? parent.key;
  }
  return undefined;
}

/**
 * Parses and validates workshop config text. `file` is only used in messages.
 * Throws ConfigError listing every problem, each as `file:line:col: field ... got value`, in file
 * order; past MAX_PROBLEMS they are counted, not listed, and each message is built only if shown.
 */
export function parseWorkshopConfig(text: string, file: string, options: ConfigOptions = {}): WorkshopConfig {
  const size = Buffer.byteLength(text, 'utf-8');
  if (size > MAX_CONFIG_BYTES) {
    throw new ConfigError(file, [
      `${file}: is ${size} bytes, more than a workshop config can be (at most ${MAX_CONFIG_BYTES} bytes); is it the right file?`,
    ]);
  }
  const lineCounter = new LineCounter();
  const at = (offset: number | undefined) => {
    if (offset === undefined || offset < 0) return file;
    const pos = lineCounter.linePos(offset);
    return `${file}:${pos.line}:${pos.col}`;
  };
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: false, intAsBigInt: true });
  if (doc.errors.length > 0) {
    throw new ConfigError(
      file,
      doc.errors.map((e) => `${at(e.pos[0])}: not valid YAML: ${e.message.split('\n')[0]}`),
    );
  }
  let walked: ReturnType<typeof walk>;
  let data: Json;
  try {
    walked = walk(doc);
    data = doc.toJS() ?? {};
  } catch (err) {
    // Aliases expanding past yaml's limit ("billion laughs"), or nesting deeper than the stack.
    throw new ConfigError(file, [`${file}: not a usable YAML document: ${(err as Error).message.split('\n')[0]}`]);
  }
  const { places } = walked;
  if (walked.problems.length > 0) {
    throw new ConfigError(
      file,
      walked.problems.sort((a, b) => a.offset - b.offset).map((p) => `${at(p.offset)}: ${p.text}`),
    );
  }
  const show: Show = (value, path) => showValue(value, places.get(pathKey(path))?.source);
  if (validateConfig(data)) {
    const beyond = checkBeyondSchema(data, options.ruleIds).map(
      ({ path, text }) => `${at(positionOf(places, path, false))}: ${text}`,
    );
    if (beyond.length > 0) {
      throw new ConfigError(file, beyond);
    }
    return data;
  }
  const errors = (validateConfig.errors ?? [])
    // `if/then` and `anyOf` wrappers repeat what their inner errors already say.
    .filter((e) => e.keyword !== 'if' && e.keyword !== 'anyOf')
    .map((e) => {
      const path =
        e.keyword === 'additionalProperties'
          ? [...pathOf(e), (e.params as { additionalProperty: string }).additionalProperty]
          : pathOf(e);
      return { error: e, offset: positionOf(places, path, e.keyword === 'additionalProperties') ?? -1 };
    })
    .sort((a, b) => a.offset - b.offset);
  // Only the messages that will be shown are built (a did-you-mean per unknown key costs time).
  const shown = new Set<string>();
  for (const { error, offset } of errors) {
    if (shown.size === MAX_PROBLEMS) break;
    shown.add(`${at(offset)}: ${describe(error, show).text}`);
  }
  throw new ConfigError(file, [...shown], errors.length);
}

/** Why the config file was not read, after its name. */
function configFileProblem(read: InputFileProblem): string {
  switch (read.problem) {
    case 'unreadable':
      return `cannot read the workshop config (${read.cause.message}); set WORKSHOP_CONFIG to its path`;
    case 'not-a-file':
      return "is not a regular file (a pipe, device or folder); set WORKSHOP_CONFIG to the workshop config's path";
    case 'too-large':
      return `is ${read.bytes} bytes, more than a workshop config can be (at most ${MAX_CONFIG_BYTES} bytes); is it the right file?`;
  }
}

/**
 * Reads the workshop config file. A missing file is an error: the repository ships workshop.yaml.
 * Reads a regular file only (a FIFO would hang, /dev/zero never end), and at most MAX_CONFIG_BYTES
 * + 1 bytes of it, so a huge file is refused at once instead of being read into memory.
 */
export function loadWorkshopConfig(file: string, options: ConfigOptions = {}): WorkshopConfig {
  return readWorkshopConfig(file, options).config;
}

/** loadWorkshopConfig, with the text it parsed (the findings report points into it). */
export function readWorkshopConfig(
  file: string,
  options: ConfigOptions = {},
): { config: WorkshopConfig; text: string } {
  const read = readInputFile(file, MAX_CONFIG_BYTES);
  if (!Buffer.isBuffer(read)) throw new ConfigError(file, [`${file}: ${configFileProblem(read)}`]);
  const text = decodeUtf8(read, file);
  return { config: parseWorkshopConfig(text, file, options), text };
}

/**
 * The file's text; bytes that are not UTF-8 (a file saved as Latin-1) are an error naming their
 * line, not U+FFFD in a ConfigMap.
 */
function decodeUtf8(bytes: Buffer, file: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const text = bytes.toString('utf-8');
    const bad = text.indexOf('\uFFFD');
    const before = text.slice(0, bad).split('\n');
    const offset = Buffer.byteLength(text.slice(0, bad));
    throw new ConfigError(file, [
      `${file}:${before.length}:${before[before.length - 1].length + 1}: not UTF-8 text (byte 0x${bytes[offset].toString(16)}); save the file as UTF-8`,
    ]);
  }
}

/**
 * Environment variables that override secret values, so real credentials never sit in git:
 * variable -> [exercise settings key, field].
 */
export const SECRET_ENVIRONMENT = {
  WORKSHOP_HEARTBEAT_USERNAME: ['heartbeatCron', 'username'],
  WORKSHOP_HEARTBEAT_PASSWORD: ['heartbeatCron', 'password'],
  WORKSHOP_HEARTBEAT_ENDPOINT: ['heartbeatCron', 'endpoint'],
  WORKSHOP_RETRYING_JOB_KEYVALUE_AUTH_KEY: ['retryingJob', 'keyvalueAuthKey'],
} as const;

/** The secret values the environment sets, to keep them out of anything printed. */
export function secretValues(env: Record<string, string | undefined>): string[] {
  return Object.keys(SECRET_ENVIRONMENT)
    .map((v) => env[v])
    .filter((v): v is string => v !== undefined && v !== '');
}

/** Which variable set `exercises.<exercise>.<key>`, if one did. */
export function secretVariableOf(
  exercise: string,
  key: string,
  env: Record<string, string | undefined>,
): string | undefined {
  return Object.entries(SECRET_ENVIRONMENT).find(
    ([v, [e, k]]) => e === exercise && k === key && env[v] !== undefined,
  )?.[0];
}

/**
 * Environment variables for settings that differ per person rather than per class, checked against
 * the schema like the secrets but shown when wrong: seed 004 has each student work in `demo-$USER`,
 * so `WORKSHOP_RETRYING_JOB_NAMESPACE=demo-$USER npx cdk8s synth` puts that exercise there.
 */
export const SETTING_ENVIRONMENT = {
  WORKSHOP_RETRYING_JOB_NAMESPACE: ['retryingJob', 'namespace'],
} as const;

/** Which per-person setting variable set `exercises.<exercise>.<key>`, if one did. */
function settingVariableOf(exercise: string, key: string, env: Record<string, string | undefined>): string | undefined {
  return Object.entries(SETTING_ENVIRONMENT).find(
    ([v, [e, k]]) => e === exercise && k === key && env[v] !== undefined,
  )?.[0];
}

/**
 * Applies secret values and per-person settings from the environment (they win over the config
 * file); a setting's value is shown in errors, a secret's never. Each value is checked
 * against the config schema like the file's; errors name the variable, never the file, and never
 * show the value. An empty variable is an error rather than an empty secret, and so is one that is
 * not valid UTF-8 (Node would silently turn those bytes into U+FFFD, and the Secret into a wrong one).
 */
export function applyEnvironment(config: WorkshopConfig, env: Record<string, string | undefined>): WorkshopConfig {
  const exercises: Record<string, Record<string, unknown>> = {};
  const problems: string[] = [];
  const variables: Array<[string, readonly [string, string]]> = [
    ...Object.entries(SECRET_ENVIRONMENT),
    ...Object.entries(SETTING_ENVIRONMENT),
  ];
  for (const [variable, [exercise, key]] of variables) {
    const value = env[variable];
    if (value === undefined) continue;
    if (value.trim() === '') {
      problems.push(`environment variable ${variable} must not be empty when set, got ${JSON.stringify(value)}`);
    } else if (value.includes('\uFFFD')) {
      problems.push(
        `environment variable ${variable} must be UTF-8 text, got bytes that are not (shown as U+FFFD at character ${value.indexOf('\uFFFD') + 1} of ${value.length}; value hidden: it is a secret)`,
      );
    } else {
      exercises[exercise] = { ...(config.exercises as Json)?.[exercise], ...exercises[exercise], [key]: value };
    }
  }
  if (problems.length > 0) {
    throw new ConfigError(ENVIRONMENT, problems);
  }
  if (Object.keys(exercises).length === 0) {
    return config;
  }
  const applied = { ...config, exercises: { ...config.exercises, ...exercises } };
  if (!validateConfig(applied)) {
    // The file alone was valid: what fails now came from a variable.
    for (const e of validateConfig.errors ?? []) {
      if (e.keyword === 'if' || e.keyword === 'anyOf') continue;
      const path = pathOf(e);
      const secret = path[0] === 'exercises' ? secretVariableOf(String(path[1]), String(path[2]), env) : undefined;
      const setting = path[0] === 'exercises' ? settingVariableOf(String(path[1]), String(path[2]), env) : undefined;
      const variable = secret ?? setting;
      const { text } = describe(e, setting !== undefined ? (value) => showValue(value) : (value) => showSecret(value));
      problems.push(variable ? `environment variable ${variable}: ${text}` : text);
    }
    throw new ConfigError(ENVIRONMENT, [...new Set(problems)]);
  }
  return applied;
}

/**
 * Where synth reads its config and writes its output, from the environment. An empty
 * WORKSHOP_CONFIG or CDK8S_OUTDIR is an error: it would otherwise mean "the current folder".
 */
export function synthSettings(env: Record<string, string | undefined>): { configFile: string; outdir: string } {
  const problems: string[] = [];
  for (const [variable, what] of [
    ['WORKSHOP_CONFIG', 'unset it to read workshop.yaml, or set it to a config file'],
    ['CDK8S_OUTDIR', 'unset it to write dist/, or set it to the output folder'],
  ]) {
    if (env[variable] !== undefined && env[variable]!.trim() === '') {
      problems.push(`environment variable ${variable} is set but empty, got ${JSON.stringify(env[variable])}; ${what}`);
    }
  }
  if (problems.length > 0) throw new ConfigError(ENVIRONMENT, problems);
  return { configFile: env.WORKSHOP_CONFIG ?? 'workshop.yaml', outdir: env.CDK8S_OUTDIR ?? 'dist' };
}
