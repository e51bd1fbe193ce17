// What the two schema rules share: every object against one release's strict schema
// (src/k8s/openapi.ts), its ajv errors turned into findings.
import type { ErrorObject } from 'ajv';
import { INTEGER_FORMATS, kindSchema, knownFields, KubernetesRelease } from '../../k8s/openapi';
import { closeNames } from '../../show';
import type { Bundle, BundleObject, FindingDraft } from '../types';
import { pointerSegments } from '../../field-path';
import type { Json } from '../../json';

/** `/spec/template/spec/containers/0/image` -> `spec.template.spec.containers[0].image`, using the data for which segments index arrays. */
function fieldPath(manifest: Json, pointer: string, extra?: string): { path: string; value: unknown } {
  const segments = pointerSegments(pointer);
  if (extra !== undefined) segments.push(extra);
  let path = '';
  let value: Json = manifest;
  for (const s of segments) {
    path += Array.isArray(value) && /^\d+$/.test(s) ? `[${s}]` : path === '' ? s : `.${s}`;
    value = value === null || value === undefined ? undefined : value[s];
  }
  return { path, value };
}

/** Words for an unknown field, with the closest known ones ("did you mean") or the list. */
function unknownField(name: string, known: string[], k8s: string): string {
  const close = closeNames(name, known);
  const hint = close.length
    ? `did you mean ${close.map((k) => JSON.stringify(k)).join(' or ')}?`
    : `known fields: ${known.join(', ')}`;
  return `a field the Kubernetes ${k8s} schema defines: ${JSON.stringify(name)} is unknown here (${hint})`;
}

/** ajv errors of one object as findings: one per field path and problem. */
function drafts(release: KubernetesRelease, object: BundleObject, errors: ErrorObject[]): FindingDraft[] {
  const k8s = release.version;
  const out: FindingDraft[] = [];
  const seen = new Set<string>();
  const add = (path: string, value: unknown, expected: string) => {
    const key = `${path}\n${expected}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push({ object, path, value, expected });
    }
  };
  const m = object.manifest;
  for (const e of errors) {
    const params = e.params as Json;
    if (e.keyword === 'additionalProperties') {
      const { path, value } = fieldPath(m, e.instancePath, params.additionalProperty);
      add(
        path,
        value,
        unknownField(params.additionalProperty, knownFields(release, m.apiVersion, m.kind, e.instancePath), k8s),
      );
    } else if (e.keyword === 'required') {
      const { path, value } = fieldPath(m, e.instancePath, params.missingProperty);
      add(
        path,
        value,
        `the required field ${JSON.stringify(params.missingProperty)} to be set (Kubernetes ${k8s} schema)`,
      );
    } else {
      const { path, value } = fieldPath(m, e.instancePath);
      const words: Record<string, () => string> = {
        type: () => `a value of type ${[params.type].flat().join(' or ')}`,
        enum: () => `one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`,
      };
      // The strict schemas have no minimum/maximum but the integer formats' ranges.
      const format = Object.keys(INTEGER_FORMATS).find(
        (f) => INTEGER_FORMATS[f].minimum === params.limit || INTEGER_FORMATS[f].maximum === params.limit,
      );
      if ((e.keyword === 'minimum' || e.keyword === 'maximum') && format) {
        add(
          path,
          value,
          `an integer ${INTEGER_FORMATS[format].words} (format ${format} in the Kubernetes ${k8s} schema)`,
        );
      } else {
        add(
          path,
          value,
          `${words[e.keyword]?.() ?? `a value that satisfies ${e.keyword} ${JSON.stringify(params)}`} (Kubernetes ${k8s} schema)`,
        );
      }
    }
  }
  return out;
}

/** `apiVersion|kind` pairs that a CustomResourceDefinition of the bundle defines: not checked here. */
function customKinds(bundle: Bundle): Set<string> {
  const out = new Set<string>();
  for (const crd of bundle.ofKind('CustomResourceDefinition')) {
    const spec = crd.manifest?.spec ?? {};
    for (const v of spec.versions ?? []) out.add(`${spec.group}/${v?.name}|${spec.names?.kind}`);
  }
  return out;
}

/** A copy of `value` without the object fields set to null: the API server treats them as unset. */
function withoutNulls(value: Json): Json {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (!value || typeof value !== 'object') return value;
  const out: Json = {};
  for (const [k, v] of Object.entries(value)) if (v !== null) out[k] = withoutNulls(v);
  return out;
}

function hasNull(value: Json): boolean {
  if (!value || typeof value !== 'object') return false;
  for (const v of Object.values(value)) if (v === null ? !Array.isArray(value) : hasNull(v)) return true;
  return false;
}

/**
 * Every object of the bundle against `release`'s strict schema. An object equal to one that passed
 * but for its namespace (Bundle.firstAlike) is not validated again.
 */
export function schemaFindings(release: KubernetesRelease, bundle: Bundle): FindingDraft[] {
  const k8s = release.version;
  const custom = customKinds(bundle);
  const findings: FindingDraft[] = [];
  const passed = new Set<object>();
  for (const object of bundle.objects) {
    const m = object.manifest;
    if (!m || typeof m !== 'object') continue;
    if (typeof m.apiVersion !== 'string' || typeof m.kind !== 'string') {
      const field = typeof m.apiVersion !== 'string' ? 'apiVersion' : 'kind';
      findings.push({
        object,
        path: field,
        value: m[field],
        expected: `a string ${field} (every Kubernetes object has one)`,
      });
      continue;
    }
    if (custom.has(`${m.apiVersion}|${m.kind}`)) continue;
    const schema = kindSchema(release, m.apiVersion, m.kind);
    if (!schema.served) {
      findings.push(
        schema.servedVersions.length
          ? {
              object,
              path: 'apiVersion',
              value: m.apiVersion,
              expected: `an apiVersion Kubernetes ${k8s} serves ${m.kind} under: ${schema.servedVersions.join(', ')}`,
            }
          : {
              object,
              path: 'kind',
              value: m.kind,
              expected: `a kind Kubernetes ${k8s} serves (${m.kind} is not a ${k8s} kind under ${m.apiVersion}; a custom resource needs its CustomResourceDefinition in the bundle)`,
            },
      );
      continue;
    }
    // The schema asks nothing of metadata.namespace but a string: a copy of an object that passed in another namespace passes.
    if (passed.has(bundle.firstAlike(m))) continue;
    // Nulls are rare (cdk8s writes none): only an object that fails is checked again without them.
    if (!schema.validate(m) && !(hasNull(m) && schema.validate(withoutNulls(m)))) {
      findings.push(...drafts(release, object, schema.validate.errors ?? []));
    } else {
      passed.add(m);
    }
  }
  return findings;
}
