// Kubernetes OpenAPI schemas from npm packages, made strict and compiled with ajv.
//
// Two sources, both npm dependencies (nothing is read from outside node_modules):
// - Kubernetes 1.27: kubernetes-models@4.3.1 (schema v1.27.1) ships each OpenAPI definition as a
//   raw JSON schema in `_schemas/*.js`, handed to `register(id, schema)` of
//   @kubernetes-models/validate. Each file is run with a stand-in `require` that collects what it
//   registers, so neither that module nor its dependencies are loaded.
// - The newest schema on npm: kubernetes-models-1.36 (kubernetes-models@5.1.0, Kubernetes 1.36). It
//   is ESM only and ships its schemas only as precompiled, non-strict ajv code, which cannot be
//   loaded synchronously from CommonJS (nor under jest) and accepts unknown fields. Its `.d.ts`
//   declarations are generated from the same OpenAPI definitions, one interface per definition,
//   with required (no `?`) and optional fields, enums as string literal unions, arrays, maps and
//   references, so the schemas are rebuilt from them (losing only integer vs number and formats,
//   which the 1.27 check covers).
//
// The package keeps API versions Kubernetes no longer serves, so which apiVersion/kind pairs exist
// comes from elsewhere: for 1.27 the GroupVersionKinds of this project's imports/k8s.ts
// (made from the 1.27.0 OpenAPI document; its alpha kinds have no schema in kubernetes-models and
// are let through); for 1.36 the kinds of the newer package that 1.27 served or that are new
// since, minus REMOVED_AFTER_1_27.
//
// Loading both sources takes ~300 ms and compiling the kinds of a bundle ~500 ms, far too slow for
// every synth, so the ajv standalone code for the kinds a bundle uses is cached in
// node_modules/.cache with V8's code cache beside it (see cachedModule in compiled-schema.ts),
// keyed by package versions, ajv version and options, GENERATOR_VERSION and the kinds. A warm run
// loads and validates ~100 objects in ~15 ms; a new set of kinds costs one cold compile (~0.9 s).

import * as fs from 'fs';
import * as path from 'path';
import type { ErrorObject } from 'ajv';
import { createHash } from 'crypto';
import * as k8s from '../../imports/k8s';
import { packageDir, packageVersion } from '../disk-cache';
import { cachedModule } from '../compiled-schema';

/** Bump when the generated code would differ for the same packages (schema rewriting, options). */
const GENERATOR_VERSION = '4';

export interface SchemaValidate {
  (data: unknown): boolean;
  errors?: ErrorObject[] | null;
}

/** What the compiled module of one source says about the kinds of one bundle. */
export interface CompiledKinds {
  /** Validators by `apiVersion|kind`, for the requested kinds that are served and have a schema. */
  readonly validators: Record<string, SchemaValidate>;
  /** Requested kinds: the apiVersions that serve each (empty when none does). */
  readonly servedVersions: Record<string, string[]>;
  /** Requested `apiVersion|kind` pairs that are served but have no schema in the package (alpha APIs). */
  readonly withoutSchema: string[];
}

interface LoadedSource {
  /** JSON schemas by id, already strict. */
  readonly definitions: Record<string, any>;
  /** Served `apiVersion|kind` -> definition id (undefined when the package has no schema for it). */
  readonly served: Map<string, string | undefined>;
}

export interface SchemaSource {
  /** `1.27`, `1.36`: named in findings. */
  readonly k8sVersion: string;
  /** Cache key part naming the package versions the schemas come from. */
  packageKey(): string;
  load(): LoadedSource;
}


// ---------------------------------------------------------------------------------------------
// Making the schemas strict
// ---------------------------------------------------------------------------------------------

const isNullOnly = (s: any): boolean => s && s.type === 'null' && Object.keys(s).length === 1;
/** `null` or `schema`, reported as `schema`'s own errors (a oneOf would add a second error per problem). */
const orNull = (schema: any): any => ({ if: { type: 'null' }, then: true, else: schema });

/**
 * Rewrites one kubernetes-models schema: objects with `properties` and no `additionalProperties`
 * reject unknown fields (as `propertyNames: {enum}` so the finding can list the known ones),
 * `oneOf: [X, {type: null}]` becomes "null or X", `oneOf` of bare types becomes a type list,
 * int32/int64 formats become minimum/maximum, and the other formats are dropped
 * (byte/date-time/int-or-string/quantity: the other rules check quantities).
 */
/** Ranges of the schema's integer formats; the schema rule names a value outside one by its format. */
export const INTEGER_FORMATS: Record<string, { minimum: number; maximum: number; words: string }> = {
  int32: { minimum: -(2 ** 31), maximum: 2 ** 31 - 1, words: 'from -2147483648 to 2147483647' },
  // 2 ** 63 - 1 is 2 ** 63 as a double: the bound a JavaScript number can express.
  int64: { minimum: -(2 ** 63), maximum: 2 ** 63 - 1, words: 'from -9223372036854775808 to 9223372036854775807' },
};

export function strictify(node: any): any {
  if (!node || typeof node !== 'object' || Array.isArray(node)) return node;
  const out: any = { ...node };
  // int32/int64 become ranges (the API server decodes into Go int32/int64 and refuses what overflows).
  const range = INTEGER_FORMATS[out.format];
  if (range && (out.type === 'integer' || out.type === 'number')) {
    out.minimum = range.minimum;
    out.maximum = range.maximum;
  }
  delete out.format;
  if (Array.isArray(out.oneOf)) {
    const alternatives: any[] = out.oneOf;
    const nonNull = alternatives.filter((a) => !isNullOnly(a));
    delete out.oneOf;
    if (nonNull.length === 1 && alternatives.length === 2) {
      return { ...strictify(out), ...orNull(strictify(nonNull[0])) };
    }
    if (alternatives.every((a) => typeof a.type === 'string' && Object.keys(a).every((k) => k === 'type' || k === 'format'))) {
      out.type = alternatives.map((a) => a.type);
    } else {
      out.oneOf = alternatives.map(strictify);
    }
  }
  if (out.properties) {
    const properties: Record<string, any> = {};
    for (const [name, schema] of Object.entries(out.properties)) properties[name] = strictify(schema);
    out.properties = properties;
    if (out.additionalProperties === undefined) out.propertyNames = { enum: Object.keys(properties).sort() };
  }
  if (out.items) out.items = strictify(out.items);
  if (out.additionalProperties && typeof out.additionalProperties === 'object') out.additionalProperties = strictify(out.additionalProperties);
  for (const k of ['anyOf', 'allOf']) if (Array.isArray(out[k])) out[k] = out[k].map(strictify);
  if (out.nullable && out.type === undefined) delete out.nullable;
  return out;
}

// ---------------------------------------------------------------------------------------------
// Kubernetes 1.27: kubernetes-models@4.3.1
// ---------------------------------------------------------------------------------------------

/** Runs every `_schemas/*.js` of a kubernetes-models package and collects what it registers. */
function registeredSchemas(dir: string, into: Record<string, any>): void {
  const schemasDir = path.join(dir, '_schemas');
  const register = (id: string, schema: object) => { into[id] = schema; };
  // The files only need `register`; their own imports are the other schema files, all run here anyway.
  const fakeRequire = (id: string) => (id === '@kubernetes-models/validate' ? { register } : { addSchema() { /* run on its own */ } });
  for (const file of fs.readdirSync(schemasDir)) {
    if (!file.endsWith('.js')) continue;
    const mod = { exports: {} as any };
    new Function('exports', 'require', 'module', fs.readFileSync(path.join(schemasDir, file), 'utf-8'))(mod.exports, fakeRequire, mod);
    mod.exports.addSchema?.();
  }
}

/**
 * apiVersion|kind pairs Kubernetes 1.27.0 serves: the GVKs of this project's generated imports
 * (imports/k8s.ts, made from the 1.27.0 OpenAPI definitions).
 */
let served127Memo: Set<string> | undefined;
function served127(): Set<string> {
  if (!served127Memo) {
    served127Memo = new Set<string>();
    for (const value of Object.values(k8s)) {
      const gvk = (value as { GVK?: { apiVersion: string; kind: string } }).GVK;
      if (gvk && !gvk.kind.endsWith('List')) served127Memo.add(`${gvk.apiVersion}|${gvk.kind}`);
    }
  }
  return served127Memo;
}

/** `apiVersion|kind` of every top-level definition (the ones with `x-kubernetes-group-version-kind`-like apiVersion/kind enums). */
function kindsOf(definitions: Record<string, any>): Map<string, string> {
  const out = new Map<string, string>();
  for (const [id, schema] of Object.entries(definitions)) {
    const apiVersion = schema.properties?.apiVersion?.enum;
    const kind = schema.properties?.kind?.enum;
    if (apiVersion?.length === 1 && kind?.length === 1) out.set(`${apiVersion[0]}|${kind[0]}`, id);
  }
  return out;
}

/**
 * Top-level `status` accepted as anything: the API server sets it and ignores what a manifest
 * says, and leaving its schemas out keeps the generated code (loaded on every run) ~20% smaller.
 */
function ignoreStatus(definitions: Record<string, any>, byKind: Map<string, string>): void {
  for (const id of byKind.values()) {
    const schema = definitions[id];
    if (schema?.properties?.status) definitions[id] = { ...schema, properties: { ...schema.properties, status: {} } };
  }
}

/**
 * Fields kubernetes-models@4.3.1 lost: its generator strips every `description` key, the fields
 * named `description` included, and leaves out JSONSchemaProps' `x-kubernetes-*` extensions.
 * Put back here (from the Kubernetes 1.27 OpenAPI document), or the strict check would reject them.
 */
function restoreLostFields(raw: Record<string, any>): void {
  const add = (id: string, fields: Record<string, any>) => {
    if (raw[id]?.properties) raw[id] = { ...raw[id], properties: { ...raw[id].properties, ...fields } };
  };
  const description = { description: { type: 'string', nullable: true } };
  for (const id of Object.keys(raw)) {
    if (/\.(PriorityClass|ExternalDocumentation|CustomResourceColumnDefinition|JSONSchemaProps)$/.test(id)) add(id, description);
    if (/\.apiextensions\.v1(beta1)?\.JSONSchemaProps$/.test(id)) {
      const bool = { type: 'boolean', nullable: true };
      add(id, {
        'x-kubernetes-embedded-resource': bool, 'x-kubernetes-int-or-string': bool, 'x-kubernetes-preserve-unknown-fields': bool,
        'x-kubernetes-list-map-keys': { type: 'array', items: { type: 'string' }, nullable: true },
        'x-kubernetes-list-type': { type: 'string', nullable: true }, 'x-kubernetes-map-type': { type: 'string', nullable: true },
        'x-kubernetes-validations': raw[id.replace(/JSONSchemaProps$/, 'ValidationRule')]
          ? { type: 'array', items: { $ref: `${id.replace(/JSONSchemaProps$/, 'ValidationRule')}#` }, nullable: true }
          : { type: 'array', nullable: true },
      });
    }
  }
}

const models127 = () => packageDir('kubernetes-models');
let raw127: Record<string, any> | undefined;

export const K8S_127: SchemaSource & { raw(): Record<string, any> } = {
  k8sVersion: '1.27',
  packageKey() {
    const dir = models127();
    return `kubernetes-models@${packageVersion('kubernetes-models')} apimachinery@${packageVersion('@kubernetes-models/apimachinery', dir)} kinds@${createHash('sha256').update([...served127()].sort().join('\n')).digest('hex').slice(0, 16)}`;
  },
  raw() {
    // Read once per process: a cold compile of both sources needs it for 1.27 and for 1.36.
    if (!raw127) {
      const dir = models127();
      raw127 = {};
      registeredSchemas(dir, raw127);
      registeredSchemas(packageDir('@kubernetes-models/apimachinery', dir), raw127);
      restoreLostFields(raw127);
    }
    return raw127;
  },
  load() {
    const raw = this.raw();
    const definitions: Record<string, any> = {};
    for (const [id, schema] of Object.entries(raw)) definitions[id] = strictify(schema);
    const byKind = kindsOf(raw);
    const served = new Map<string, string | undefined>();
    ignoreStatus(definitions, byKind);
    for (const gvk of served127()) served.set(gvk, byKind.get(gvk));
    return { definitions, served };
  },
};

// ---------------------------------------------------------------------------------------------
// The newest schema: kubernetes-models-1.36 (kubernetes-models@5.1.0), rebuilt from its .d.ts
// ---------------------------------------------------------------------------------------------

/**
 * API versions (or `apiVersion|kind`) 1.27 served that Kubernetes removed by 1.36, with the release
 * that removed them: the package still declares the beta ones, and has no alpha ones at all.
 */
export const REMOVED_AFTER_1_27: Record<string, string> = {
  'flowcontrol.apiserver.k8s.io/v1beta2': '1.29',
  'flowcontrol.apiserver.k8s.io/v1beta3': '1.32',
  'networking.k8s.io/v1alpha1|ClusterCIDR': '1.29',
  'resource.k8s.io/v1alpha2': '1.31',
};
const removedBy136 = (gvk: string) => gvk in REMOVED_AFTER_1_27 || gvk.split('|')[0] in REMOVED_AFTER_1_27;

/** Splits `a | b | c` at the top level (not inside `<>` or `{}`). */
function splitTop(text: string, sep: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '<' || c === '{' || c === '(' || c === '[') depth++;
    else if (c === '>' || c === '}' || c === ')' || c === ']') depth--;
    else if (depth === 0 && text.startsWith(sep, i)) {
      parts.push(text.slice(start, i).trim());
      start = i + sep.length;
    }
  }
  parts.push(text.slice(start).trim());
  return parts.filter((p) => p !== '');
}

/** A TypeScript type of a generated declaration as a JSON schema; `local` maps names of this file to definition ids. */
function typeSchema(type: string, local: Map<string, string>, where: string): any {
  type = type.trim();
  const alternatives = splitTop(type, '|');
  if (alternatives.length > 1) {
    if (alternatives.every((a) => /^"[^"]*"$/.test(a))) return { type: 'string', enum: alternatives.map((a) => JSON.parse(a)) };
    const schemas = alternatives.map((a) => typeSchema(a, local, where));
    if (schemas.every((s) => typeof s.type === 'string' && Object.keys(s).length === 1)) return { type: schemas.map((s) => s.type) };
    throw new Error(`unsupported union ${type} in ${where}`);
  }
  if (type === 'string' || type === 'number' || type === 'boolean') return { type };
  if (type === 'any' || type === 'unknown' || type === 'object') return {};
  if (/^"[^"]*"$/.test(type)) return { type: 'string', enum: [JSON.parse(type)] };
  const array = /^Array<([\s\S]*)>$/.exec(type);
  if (array) return { type: 'array', items: typeSchema(array[1], local, where) };
  if (type.startsWith('{') && type.endsWith('}')) return objectSchema(type.slice(1, -1), local, where);
  const ref = local.get(type) ?? (/^IIoK8s\w+$/.test(type) ? type : undefined);
  if (ref) return { $ref: ref };
  throw new Error(`unsupported type ${type} in ${where}`);
}

/** The body of an interface or object type (`"name"?: T; ...` or `[key: string]: T;`) as a strict schema. */
function objectSchema(body: string, local: Map<string, string>, where: string): any {
  const members = splitTop(body, ';');
  const map = members.length === 1 ? /^\[key: string\]:\s*([\s\S]*)$/.exec(members[0]) : null;
  if (map) return { type: 'object', additionalProperties: typeSchema(map[1], local, where) };
  const properties: Record<string, any> = {};
  const required: string[] = [];
  for (const member of members) {
    const p = /^"([^"]+)"(\??):\s*([\s\S]*)$/.exec(member);
    if (!p) throw new Error(`unsupported member ${member} in ${where}`);
    const schema = typeSchema(p[3], local, `${where}.${p[1]}`);
    properties[p[1]] = p[2] ? nullable(schema) : schema;
    if (!p[2]) required.push(p[1]);
  }
  const names = Object.keys(properties);
  // An empty interface (RawExtension, FieldsV1) holds arbitrary JSON.
  return names.length === 0 ? {} : { type: 'object', properties, ...(required.length ? { required } : {}), propertyNames: { enum: names.sort() } };
}

/** Makes an optional field accept null too, as the API server (and the 1.27 schemas) do. */
function nullable(schema: any): any {
  if (schema.$ref) return orNull(schema);
  if (typeof schema.type === 'string') return { ...schema, nullable: true };
  if (Array.isArray(schema.type)) return { ...schema, type: [...schema.type, 'null'] };
  return schema;
}

/** Reads the generated `.d.ts` files under `dir` into strict JSON schemas keyed by definition id (`IIoK8sApiCoreV1Container`). */
function declaredSchemas(dir: string, into: Record<string, any>): void {
  const files: string[] = [];
  const walk = (d: string) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules' && entry.name !== '_schemas') walk(path.join(d, entry.name));
      } else if (entry.name.endsWith('.d.ts')) {
        files.push(path.join(d, entry.name));
      }
    }
  };
  walk(dir);
  for (const file of files) {
    const text = fs.readFileSync(file, 'utf-8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/^[ \t]*\n/gm, '');
    // `export type { IContainer as IIoK8sApiCoreV1Container, Container as IoK8sApiCoreV1Container };`
    const local = new Map<string, string>();
    for (const m of text.matchAll(/export type \{([^}]*)\}/g)) {
      for (const part of m[1].split(',')) {
        const alias = /^\s*(\w+) as (IIoK8s\w+)\s*$/.exec(part);
        if (alias) local.set(alias[1], alias[2]);
      }
    }
    if (local.size === 0) continue;
    for (const m of text.matchAll(/^export interface (\w+)(?: extends \w+)? \{\n([\s\S]*?)^\}/gm)) {
      const id = local.get(m[1]);
      if (!id) continue;
      into[id] = objectSchema(m[2], local, `${file} ${m[1]}`);
    }
    for (const m of text.matchAll(/^export type (\w+) = ([^;]+);/gm)) {
      const id = local.get(m[1]);
      if (id) into[id] = typeSchema(m[2], local, `${file} ${m[1]}`);
    }
  }
}

const models136 = () => packageDir('kubernetes-models-1.36');

export const K8S_136: SchemaSource = {
  k8sVersion: '1.36',
  packageKey() {
    const dir = models136();
    return `kubernetes-models-1.36@${packageVersion('kubernetes-models-1.36')} apimachinery@${packageVersion('@kubernetes-models/apimachinery', dir)} ${K8S_127.packageKey()}`;
  },
  load() {
    const dir = models136();
    const definitions: Record<string, any> = {};
    declaredSchemas(dir, definitions);
    declaredSchemas(packageDir('@kubernetes-models/apimachinery', dir), definitions);
    const byKind = kindsOf(definitions);
    ignoreStatus(definitions, byKind);
    const known127 = kindsOf(K8S_127.raw());
    const servedIn127 = served127();
    const served = new Map<string, string | undefined>();
    for (const [gvk, id] of byKind) {
      if (gvk.split('|')[1].endsWith('List')) continue;
      const isNew = !known127.has(gvk) && !servedIn127.has(gvk);
      if ((isNew || servedIn127.has(gvk)) && !removedBy136(gvk)) served.set(gvk, id);
    }
    // Alpha APIs of 1.27 the package has no schema for: served as far as this check can tell.
    for (const gvk of servedIn127) if (!served.has(gvk) && !known127.has(gvk) && !removedBy136(gvk)) served.set(gvk, undefined);
    return { definitions, served };
  },
};

// ---------------------------------------------------------------------------------------------
// Compiling, with the cache
// ---------------------------------------------------------------------------------------------

export const AJV_OPTIONS = { allErrors: true, strict: true, strictTypes: false, validateSchema: false, inlineRefs: false, messages: false } as const;

/** Generates the CommonJS module for `gvks`: ajv standalone validators plus what is served. */
function buildModule(source: SchemaSource, gvks: string[]): string {
  const { definitions, served } = source.load();
  const Ajv = require('ajv').default;
  const standaloneCode = require('ajv/dist/standalone').default;
  const ajv = new Ajv({ ...AJV_OPTIONS, code: { source: true } });
  for (const [id, schema] of Object.entries(definitions)) ajv.addSchema(schema, id);
  const mapping: Record<string, string> = {};
  const names: Record<string, string> = {};
  const servedVersions: Record<string, string[]> = {};
  const withoutSchema: string[] = [];
  gvks.forEach((gvk, i) => {
    const kind = gvk.split('|')[1];
    servedVersions[kind] = [...served.keys()].filter((k) => k.split('|')[1] === kind).map((k) => k.split('|')[0]).sort();
    if (!served.has(gvk)) return;
    const id = served.get(gvk);
    if (id === undefined) {
      withoutSchema.push(gvk);
      return;
    }
    ajv.getSchema(id);
    mapping[`v${i}`] = id;
    names[gvk] = `v${i}`;
  });
  const code = Object.keys(mapping).length ? standaloneCode(ajv, mapping) : '"use strict";';
  return `${code}\nconst __names = ${JSON.stringify(names)};\n` +
    'exports.__validators = Object.fromEntries(Object.entries(__names).map(([gvk, name]) => [gvk, exports[name]]));\n' +
    `exports.__servedVersions = ${JSON.stringify(servedVersions)};\nexports.__withoutSchema = ${JSON.stringify(withoutSchema)};\n`;
}

const memo = new Map<string, CompiledKinds>();

/** The validators of `source` for the `apiVersion|kind` pairs of one bundle (cached on disk and in memory). */
export function compiledKinds(source: SchemaSource, gvks: string[]): CompiledKinds {
  const sorted = [...new Set(gvks)].sort();
  const ajvVersion: string = require('ajv/package.json').version;
  const key = `k8s-schemas ${GENERATOR_VERSION}\n${source.k8sVersion}\n${source.packageKey()}\najv@${ajvVersion}\n${JSON.stringify(AJV_OPTIONS)}\n${sorted.join('\n')}`;
  let compiled = memo.get(key);
  if (!compiled) {
    const m = cachedModule<any>(key, () => buildModule(source, sorted));
    compiled = { validators: m.__validators, servedVersions: m.__servedVersions, withoutSchema: m.__withoutSchema };
    memo.set(key, compiled);
  }
  return compiled;
}
