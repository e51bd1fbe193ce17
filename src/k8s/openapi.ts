// The Kubernetes OpenAPI definitions, vendored in schemas/v<version>/_definitions.json (the file
// `cdk8s import` downloads, and the one `npm run import` generates imports/k8s.ts from), made
// strict and compiled with ajv one kind at a time, like kubeconform -strict:
// - an object with `properties` rejects fields it does not list (unless the definitions say
//   x-kubernetes-preserve-unknown-fields);
// - `format: int32` and `int64` become the ranges the API server enforces;
// - int-or-string and quantities (`oneOf` of bare types) become a list of types;
// - the enumerations the definitions only describe in prose come from ./enums.ts;
// - a kind's top-level `status` is not checked: the API server sets it and ignores the manifest's.
// Which apiVersion/kind pairs a release serves is what its definitions declare
// (x-kubernetes-group-version-kind): APIs a release removed are not in its file.
//
// Compiling every kind a release serves takes ajv about a second, so the generated module (one per
// release, about 1 MB) is kept in the disk cache; a warm synth loads it (25-35 ms) and never parses
// the definitions.
import * as fs from 'fs';
import * as path from 'path';
import type { ErrorObject } from 'ajv';
import { cachedModule, cachePath } from '../disk-cache';
import { ajvVersion, standaloneCode } from '../compiled-schema';
import { ENUMS } from './enums';
import { pointerSegments } from '../field-path';
import type { Json } from '../json';

/** A Kubernetes release whose definitions are vendored under schemas/. */
export interface KubernetesRelease {
  /** `1.27`: named in findings. */
  readonly version: string;
  /** Folder under schemas/: `v1.27.0`; also names the release's cache entry. */
  readonly folder: string;
  /** The folder that holds `folder` (a test's own small release). @default - the project's schemas/ */
  readonly schemasDir?: string;
}

/** The release the workshop targets, and the newest one cdk8s publishes definitions for. */
export const K8S_1_27: KubernetesRelease = { version: '1.27', folder: 'v1.27.0' };
export const K8S_1_36: KubernetesRelease = { version: '1.36', folder: 'v1.36.0' };

/** Bump when the generated code changes for the same definitions (what strictify does, options). */
const GENERATOR_VERSION = '6';
// inlineRefs off: each definition becomes one function that every kind shares (a third less code, and
// quicker to warm up than a copy of the pod spec per workload kind).
const AJV_OPTIONS = {
  allErrors: true,
  strict: false,
  validateSchema: false,
  messages: false,
  inlineRefs: false,
} as const;

export interface SchemaValidate {
  (data: unknown): boolean;
  errors?: ErrorObject[] | null;
}

/** What a release says about one apiVersion/kind pair. */
export type KindSchema =
  | { readonly served: true; readonly validate: SchemaValidate }
  | {
      readonly served: false;
      /** apiVersions that serve this kind in the release (empty: none). */ readonly servedVersions: string[];
    };

/** The schemas/ folder of the project (found from this file, in src/ or in the bundled app). */
function schemasDir(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'schemas', K8S_1_27.folder))) return path.join(dir, 'schemas');
    if (path.dirname(dir) === dir) throw new Error(`schemas/${K8S_1_27.folder} not found above ${__dirname}`);
  }
}

export function definitionsFile(release: KubernetesRelease): string {
  return path.join(release.schemasDir ?? schemasDir(), release.folder, '_definitions.json');
}

interface Definitions {
  /** Strict schemas by definition id. */
  readonly strict: Record<string, Json>;
  /** Served `apiVersion|kind` -> definition id. */
  readonly served: Map<string, string>;
}

const loaded = new Map<string, Definitions>();

function load(release: KubernetesRelease): Definitions {
  let defs = loaded.get(release.folder);
  if (!defs) {
    const raw: Record<string, Json> = JSON.parse(fs.readFileSync(definitionsFile(release), 'utf-8')).definitions;
    const served = new Map<string, string>();
    for (const [id, schema] of Object.entries(raw)) {
      const gvks: Array<{ group: string; version: string; kind: string }> =
        schema['x-kubernetes-group-version-kind'] ?? [];
      // DeleteOptions and WatchEvent list every group; they and the Lists are not objects one applies.
      if (gvks.length !== 1 || !schema.properties?.metadata || gvks[0].kind.endsWith('List')) continue;
      const { group, version, kind } = gvks[0];
      served.set(`${group ? `${group}/` : ''}${version}|${kind}`, id);
    }
    const strict: Record<string, Json> = {};
    for (const [id, schema] of Object.entries(raw))
      strict[id] = strictify(schema, ENUMS[id.replace(/^io\.k8s\.api\./, '')]);
    for (const id of served.values()) if (strict[id].properties?.status) strict[id].properties.status = {};
    defs = { strict, served };
    loaded.set(release.folder, defs);
  }
  return defs;
}

/** Ranges of the schema's integer formats: the API server decodes into Go int32/int64 and refuses what overflows. */
export const INTEGER_FORMATS: Record<string, { minimum: number; maximum: number; words: string }> = {
  int32: { minimum: -(2 ** 31), maximum: 2 ** 31 - 1, words: 'from -2147483648 to 2147483647' },
  // 2 ** 63 - 1 is 2 ** 63 as a double: the bound a JavaScript number can express.
  int64: { minimum: -(2 ** 63), maximum: 2 ** 63 - 1, words: 'from -9223372036854775808 to 9223372036854775807' },
};

/** One definition (or a part of one) made strict; see the top of this file. */
function strictify(node: Json, enums?: Record<string, readonly string[]>): Json {
  if (Array.isArray(node)) return node.map((n) => strictify(n));
  if (!node || typeof node !== 'object') return node;
  const out: Json = {};
  for (const [k, v] of Object.entries(node)) {
    // Prose and merge hints mean nothing to ajv; `format` is replaced below.
    if (k === 'description' || k === 'format' || k.startsWith('x-kubernetes-')) continue;
    out[k] = k === 'properties' ? mapValues(v as object, (p) => strictify(p)) : strictify(v);
  }
  if (node.$ref) out.$ref = `k8s${node.$ref}`;
  if (node['x-kubernetes-int-or-string']) out.type = ['integer', 'string'];
  if (
    Array.isArray(node.oneOf) &&
    node.oneOf.every((a: Json) => Object.keys(a).every((k) => k === 'type' || k === 'format'))
  ) {
    delete out.oneOf;
    out.type = node.oneOf.map((a: Json) => a.type);
  }
  if ((node.type === 'integer' || node.type === 'number') && INTEGER_FORMATS[node.format]) {
    out.minimum = INTEGER_FORMATS[node.format].minimum;
    out.maximum = INTEGER_FORMATS[node.format].maximum;
  }
  if (node.properties && node.additionalProperties === undefined && !node['x-kubernetes-preserve-unknown-fields'])
    out.additionalProperties = false;
  for (const [field, values] of Object.entries(enums ?? {})) {
    if (out.properties?.[field]) out.properties[field] = { ...out.properties[field], enum: values };
  }
  return out;
}

function mapValues(o: object, f: (v: Json) => Json): Record<string, Json> {
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, f(v)]));
}

/** The apiVersions that serve `kind` in a release. */
function servedVersionsOf(defs: Definitions, kind: string): string[] {
  return [...defs.served.keys()]
    .filter((gvk) => gvk.endsWith(`|${kind}`))
    .map((gvk) => gvk.split('|')[0])
    .sort();
}

/** The validators of every kind `release` serves, by `apiVersion|kind`: one generated module per release. */
const validators = new Map<string, Record<string, SchemaValidate>>();

function validatorsOf(release: KubernetesRelease): Record<string, SchemaValidate> {
  let found = validators.get(release.folder);
  if (!found) {
    const stat = fs.statSync(definitionsFile(release));
    const key = `k8s-schema ${GENERATOR_VERSION} ajv@${ajvVersion()} ${JSON.stringify(AJV_OPTIONS)} ${release.folder} ${stat.size} ${stat.mtimeMs} ${JSON.stringify(ENUMS)}`;
    const file = cachePath('k8s-schemas', `${release.folder}.js`);
    found = cachedModule<Record<string, SchemaValidate>>(
      file,
      key,
      () => {
        const defs = load(release);
        const refs: Record<string, string> = {};
        for (const [gvk, id] of defs.served) refs[gvk] = `k8s#/definitions/${id}`;
        return standaloneCode(AJV_OPTIONS, refs, (ajv) => ajv.addSchema({ definitions: defs.strict }, 'k8s'));
      },
      (e) => typeof e['v1|Pod'] === 'function',
    );
    validators.set(release.folder, found);
  }
  return found;
}

/** What `release` says about `apiVersion`/`kind`: its validator when served, else where the kind is served. */
export function kindSchema(release: KubernetesRelease, apiVersion: string, kind: string): KindSchema {
  const gvk = `${apiVersion}|${kind}`;
  const all = validatorsOf(release);
  // A kind the release does not serve is a finding, rare enough to look up in the definitions.
  return Object.hasOwn(all, gvk)
    ? { served: true, validate: all[gvk] }
    : { served: false, servedVersions: servedVersionsOf(load(release), kind) };
}

/** The field names the strict schema of `kind` allows at `instancePath` (for "did you mean"); loads the definitions. */
export function knownFields(
  release: KubernetesRelease,
  apiVersion: string,
  kind: string,
  instancePath: string,
): string[] {
  const defs = load(release);
  let schema: Json = defs.strict[defs.served.get(`${apiVersion}|${kind}`) ?? ''];
  const deref = (s: Json) => {
    while (s?.$ref) s = defs.strict[s.$ref.replace('k8s#/definitions/', '')];
    return s;
  };
  for (const name of pointerSegments(instancePath)) {
    schema = deref(schema);
    schema =
      schema?.properties?.[name] ??
      (/^\d+$/.test(name) ? schema?.items : undefined) ??
      (typeof schema?.additionalProperties === 'object' ? schema.additionalProperties : undefined);
  }
  return Object.keys(deref(schema)?.properties ?? {}).sort();
}
