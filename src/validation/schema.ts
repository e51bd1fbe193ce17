// Schema: every object against the Kubernetes OpenAPI schema, strictly (like kubeconform -strict):
// unknown fields, wrong types, missing required fields, values outside an enum, and apiVersion/kind
// pairs the API server does not serve. `schema` checks Kubernetes 1.27, the cluster the workshop
// targets; `schema-forward` checks the newest schema on npm (1.36) and reports only what 1.27
// accepts, i.e. what would break on upgrade, so workshop.yaml can make it a warning on its own.
import type { ErrorObject } from 'ajv';
import { compiledKinds, INTEGER_FORMATS, K8S_127, K8S_136, SchemaSource } from './k8s-schemas';
import type { Bundle, BundleObject, FindingDraft, Rule } from './types';

/** `/spec/template/spec/containers/0/image` -> `spec.template.spec.containers[0].image`, using the data for which segments index arrays. */
function fieldPath(manifest: any, pointer: string, extra?: string): { path: string; value: unknown } {
  const segments = pointer === '' ? [] : pointer.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (extra !== undefined) segments.push(extra);
  let path = '';
  let value: any = manifest;
  for (const s of segments) {
    if (Array.isArray(value) && /^\d+$/.test(s)) {
      path += `[${s}]`;
    } else {
      path += path === '' ? s : `.${s}`;
    }
    value = value === null || value === undefined ? undefined : value[s];
  }
  return { path, value };
}

function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
  }
  return d[a.length][b.length];
}

function unknownField(name: string, known: string[], k8s: string): string {
  const close = known.filter((k) => k.toLowerCase() === name.toLowerCase() || editDistance(k, name) <= Math.min(2, Math.floor(k.length / 3)));
  const hint = close.length ? `did you mean ${close.map((k) => JSON.stringify(k)).join(' or ')}?` : `known fields: ${known.join(', ')}`;
  return `a field the Kubernetes ${k8s} schema defines: ${JSON.stringify(name)} is unknown here (${hint})`;
}

const typeWords = (t: string | string[]) => (Array.isArray(t) ? t : String(t).split(',')).filter((x) => x !== 'null').join(' or ');

/** Which integer format a minimum/maximum came from (the strict schemas have no other such bounds). */
const formatOfLimit = (limit: number) => Object.keys(INTEGER_FORMATS).find((f) => INTEGER_FORMATS[f].minimum === limit || INTEGER_FORMATS[f].maximum === limit);

/** ajv errors of one object as findings: one per field path and problem. */
function drafts(object: BundleObject, errors: ErrorObject[], k8s: string): FindingDraft[] {
  const out: FindingDraft[] = [];
  const seen = new Set<string>();
  const add = (path: string, value: unknown, expected: string) => {
    const key = `${path}\n${expected}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push({ object, path, value, expected });
  };
  const m = object.manifest;
  for (const e of errors) {
    if (e.keyword === 'if' || e.keyword === 'propertyNames') continue;
    if (e.propertyName !== undefined) {
      const { path, value } = fieldPath(m, e.instancePath, e.propertyName);
      add(path, value, unknownField(e.propertyName, (e.params as any).allowedValues ?? [], k8s));
    } else if (e.keyword === 'required') {
      const { path, value } = fieldPath(m, e.instancePath, (e.params as any).missingProperty);
      add(path, value, `the required field ${JSON.stringify((e.params as any).missingProperty)} to be set (Kubernetes ${k8s} schema)`);
    } else if (e.keyword === 'type') {
      const { path, value } = fieldPath(m, e.instancePath);
      add(path, value, `a value of type ${typeWords((e.params as any).type)} (Kubernetes ${k8s} schema)`);
    } else if (e.keyword === 'enum') {
      const { path, value } = fieldPath(m, e.instancePath);
      add(path, value, `one of ${((e.params as any).allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')} (Kubernetes ${k8s} schema)`);
    } else if ((e.keyword === 'minimum' || e.keyword === 'maximum') && formatOfLimit((e.params as any).limit)) {
      const { path, value } = fieldPath(m, e.instancePath);
      const format = formatOfLimit((e.params as any).limit)!;
      add(path, value, `an integer ${INTEGER_FORMATS[format].words} (format ${format} in the Kubernetes ${k8s} schema)`);
    } else {
      const { path, value } = fieldPath(m, e.instancePath);
      add(path, value, `a value that satisfies ${e.keyword} ${JSON.stringify(e.params)} (Kubernetes ${k8s} schema)`);
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

function checkAgainst(source: SchemaSource, bundle: Bundle): FindingDraft[] {
  const k8s = source.k8sVersion;
  const custom = customKinds(bundle);
  const objects: Array<{ object: BundleObject; gvk: string }> = [];
  const findings: FindingDraft[] = [];
  for (const object of bundle.objects) {
    const m = object.manifest;
    if (!m || typeof m !== 'object') continue;
    if (typeof m.apiVersion !== 'string' || typeof m.kind !== 'string') {
      const field = typeof m.apiVersion !== 'string' ? 'apiVersion' : 'kind';
      findings.push({ object, path: field, value: m[field], expected: `a string ${field} (every Kubernetes object has one)` });
      continue;
    }
    const gvk = `${m.apiVersion}|${m.kind}`;
    if (!custom.has(gvk)) objects.push({ object, gvk });
  }
  if (objects.length === 0) return findings;
  const compiled = compiledKinds(source, objects.map((o) => o.gvk));
  for (const { object, gvk } of objects) {
    const m = object.manifest;
    const validate = compiled.validators[gvk];
    if (!validate) {
      if (compiled.withoutSchema.includes(gvk)) continue;
      const versions = compiled.servedVersions[m.kind] ?? [];
      findings.push(versions.length
        ? { object, path: 'apiVersion', value: m.apiVersion, expected: `an apiVersion Kubernetes ${k8s} serves ${m.kind} under: ${versions.join(', ')}` }
        : { object, path: 'kind', value: m.kind, expected: `a kind Kubernetes ${k8s} serves (${m.kind} is not a ${k8s} kind under ${m.apiVersion}; a custom resource needs its CustomResourceDefinition in the bundle)` });
      continue;
    }
    if (!validate(m)) findings.push(...drafts(object, validate.errors ?? [], k8s));
  }
  return findings;
}

/** Findings of the 1.27 check, per bundle, so the forward rule can leave out what it already reports. */
const baseline = new WeakMap<Bundle, FindingDraft[]>();
function check127(bundle: Bundle): FindingDraft[] {
  let findings = baseline.get(bundle);
  if (!findings) {
    findings = checkAgainst(K8S_127, bundle);
    baseline.set(bundle, findings);
  }
  return findings;
}

export const SCHEMA_RULE: Rule = {
  id: 'schema',
  description: 'every object matches the Kubernetes 1.27 OpenAPI schema strictly: served apiVersion/kind, no unknown fields, right types, required fields, enum values (the API server rejects the object otherwise)',
  check: check127,
};

export const SCHEMA_FORWARD_RULE: Rule = {
  id: 'schema-forward',
  description: `every object valid for Kubernetes 1.27 also matches the newest schema on npm (Kubernetes ${K8S_136.k8sVersion}) strictly, so it survives a cluster upgrade: no removed apiVersions or fields, no newly required fields`,
  check(bundle) {
    const base = check127(bundle);
    const broken = new Set(base.filter((f) => f.path === 'apiVersion' || f.path === 'kind').map((f) => f.object));
    const known = new Set(base.map((f) => f.path));
    const reported = (f: FindingDraft) => broken.has(f.object) || (known.has(f.path) && base.some((b) => b.object === f.object && b.path === f.path));
    return checkAgainst(K8S_136, bundle).filter((f) => !reported(f));
  },
};

export const SCHEMA_RULES: Rule[] = [SCHEMA_RULE, SCHEMA_FORWARD_RULE];
