import * as fs from 'fs';
import type { ErrorObject } from 'ajv';
import { isMap, isScalar, LineCounter, parseDocument } from 'yaml';
import { compiledValidator } from './compiled-schema';
import { WORKSHOP_CONFIG_SCHEMA } from './config-schema';
import type { WorkshopConfig } from './config-types';
import { fleetProblems } from './fleet';
import { UserError } from './prop-checks';

export type { WorkshopConfig } from './config-types';

/** A config file that cannot be used; `problems` lists every bad value, each naming field, value and file. */
export class ConfigError extends UserError {
  constructor(public readonly file: string, public readonly problems: string[]) {
    super(`invalid workshop config ${file}:\n  ${problems.join('\n  ')}`);
    this.name = 'ConfigError';
  }
}

const validateConfig = compiledValidator<WorkshopConfig>(() => WORKSHOP_CONFIG_SCHEMA, { allErrors: true, verbose: true, strict: true });

function fieldName(path: (string | number)[]): string {
  return path.reduce<string>((acc, p) => typeof p === 'number' ? `${acc}[${p}]` : acc ? `${acc}.${p}` : p, '') || '(top level)';
}

function pathOf(error: ErrorObject): (string | number)[] {
  return error.instancePath.split('/').slice(1).map((s) => {
    const unescaped = s.replace(/~1/g, '/').replace(/~0/g, '~');
    return /^\d+$/.test(unescaped) ? Number(unescaped) : unescaped;
  });
}

function describe(error: ErrorObject): { path: (string | number)[]; text: string; atKey?: boolean } {
  const path = pathOf(error);
  const got = `got ${JSON.stringify(error.data)}`;
  const parent = error.parentSchema as { description?: string } | undefined;
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = (error.params as { additionalProperty: string }).additionalProperty;
      return { path: [...path, key], text: `${fieldName([...path, key])} is not a known setting`, atKey: true };
    }
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
      return { path, text: `${fieldName(path)} must be ${(error.params as { comparison: string }).comparison} ${(error.params as { limit: number }).limit}, ${got}` };
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

function article(type: string): string {
  return type === 'integer' || type === 'object' || type === 'array' ? `an ${type}` : `a ${type}`;
}

/** Lists whose entries need a unique `name` (JSON Schema's uniqueItems compares whole entries). */
const UNIQUE_NAME_LISTS: (string | number)[][] = [
  ['exercises', 'sharedConfigJobs', 'targets'],
  ['students'],
];

export interface ConfigOptions {
  /**
   * The validation rule ids `validation.overrides` may name (synth passes its rules' ids; the
   * config module knows nothing of the rules themselves).
   * @default - rule ids are not checked
   */
  readonly ruleIds?: readonly string[];
}

/** Checks JSON Schema cannot express: unique names in lists, and rule ids that exist. */
function checkBeyondSchema(data: any, ruleIds: readonly string[] | undefined): { path: (string | number)[]; text: string }[] {
  const found: { path: (string | number)[]; text: string }[] = [];
  found.push(...fleetProblems(data));
  (data?.validation?.overrides ?? []).forEach((o: { rule: string }, i: number) => {
    if (ruleIds !== undefined && !ruleIds.includes(o.rule)) {
      found.push({ path: ['validation', 'overrides', i, 'rule'], text: `validation.overrides[${i}].rule must be one of ${ruleIds.join(', ')}, got ${JSON.stringify(o.rule)}` });
    }
  });
  for (const listPath of UNIQUE_NAME_LISTS) {
    const list = listPath.reduce<any>((node, key) => node?.[key], data);
    if (!Array.isArray(list)) continue;
    const seen = new Map<string, number>();
    list.forEach((entry, i) => {
      const name = typeof entry === 'string' ? entry : entry?.name;
      const path = typeof entry === 'string' ? [...listPath, i] : [...listPath, i, 'name'];
      if (seen.has(name)) {
        found.push({ path, text: `${fieldName(path)} must be unique, got ${JSON.stringify(name)} again (first at ${fieldName([...listPath, seen.get(name)!])})` });
      } else {
        seen.set(name, i);
      }
    });
  }
  return found;
}

type Ranged = { range?: [number, number, number] };

/** Offset of the YAML node at `path`: the key for a setting, else the value, else its parent. */
function positionOf(doc: ReturnType<typeof parseDocument>, path: (string | number)[], atKey: boolean): number | undefined {
  const parent = doc.getIn(path.slice(0, -1), true);
  if (isMap(parent)) {
    const pair = parent.items.find((item) => isScalar(item.key) && item.key.value === path[path.length - 1]);
    if (pair && !atKey && isScalar(pair.value)) return pair.value.range?.[0];
    if (pair && isScalar(pair.key)) return pair.key.range?.[0];
  }
  return ((doc.getIn(path, true) ?? parent) as Ranged | undefined)?.range?.[0];
}

/**
 * Parses and validates workshop config text. `file` is only used in messages.
 * Throws ConfigError listing every problem, each as `file:line:col: field ... got value`.
 */
export function parseWorkshopConfig(text: string, file: string, options: ConfigOptions = {}): WorkshopConfig {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  if (doc.errors.length > 0) {
    throw new ConfigError(file, doc.errors.map((e) => {
      const pos = lineCounter.linePos(e.pos[0]);
      return `${file}:${pos.line}:${pos.col}: not valid YAML: ${e.message.split('\n')[0]}`;
    }));
  }
  const data = doc.toJS() ?? {};
  if (validateConfig(data)) {
    const duplicates = checkBeyondSchema(data, options.ruleIds).map(({ path, text }) => {
      const offset = positionOf(doc, path, false);
      return offset === undefined ? `${file}: ${text}` : `${file}:${lineCounter.linePos(offset).line}:${lineCounter.linePos(offset).col}: ${text}`;
    });
    if (duplicates.length > 0) {
      throw new ConfigError(file, duplicates);
    }
    return data;
  }
  const problems = (validateConfig.errors ?? [])
    // `if/then` and `anyOf` wrappers repeat what their inner errors already say.
    .filter((e) => e.keyword !== 'if' && e.keyword !== 'anyOf')
    .map((e) => {
      const { path, text, atKey } = describe(e);
      const offset = positionOf(doc, path, atKey ?? false);
      const where = offset === undefined ? file : `${file}:${lineCounter.linePos(offset).line}:${lineCounter.linePos(offset).col}`;
      return { offset: offset ?? -1, message: `${where}: ${text}` };
    })
    .sort((a, b) => a.offset - b.offset)
    .map((p) => p.message);
  throw new ConfigError(file, [...new Set(problems)]);
}

/** Reads the workshop config file. A missing file is an error: the repository ships workshop.yaml. */
export function loadWorkshopConfig(file: string, options: ConfigOptions = {}): WorkshopConfig {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf-8');
  } catch (err) {
    throw new ConfigError(file, [`${file}: cannot read the workshop config (${(err as Error).message}); set WORKSHOP_CONFIG to its path`]);
  }
  return parseWorkshopConfig(text, file, options);
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

/**
 * Applies secret values from the environment (they win over the config file). An empty variable
 * is an error rather than an empty secret.
 */
export function applyEnvironment(config: WorkshopConfig, env: Record<string, string | undefined>): WorkshopConfig {
  const exercises: Record<string, Record<string, unknown>> = {};
  const problems: string[] = [];
  for (const [variable, [exercise, key]] of Object.entries(SECRET_ENVIRONMENT)) {
    const value = env[variable];
    if (value === undefined) continue;
    if (value.trim() === '') {
      problems.push(`environment variable ${variable} must not be empty when set, got ${JSON.stringify(value)}`);
    } else {
      exercises[exercise] = { ...(config.exercises as any)?.[exercise], ...exercises[exercise], [key]: value };
    }
  }
  if (problems.length > 0) {
    throw new ConfigError('the environment', problems);
  }
  if (Object.keys(exercises).length === 0) {
    return config;
  }
  return { ...config, exercises: { ...config.exercises, ...exercises } };
}
