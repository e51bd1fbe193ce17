// Objects equal but for their namespace: a class of students repeats every exercise in each
// student's namespace, so most of a class's objects are copies of a few. Rules whose verdict does
// not depend on the namespace's value (the schemas ask only that it is a string) check each
// distinct object once.
import type { Json } from '../json';

/**
 * For each object, the first one before it that is equal to it but for `metadata.namespace` (a
 * string in both), or itself. Linear: an object is compared with at most DISTINCT earlier ones
 * of the same apiVersion, kind and name.
 */
export function firstAlikes(manifests: Iterable<Json>): Map<object, object> {
  const found = new Map<object, object>();
  const distinct = new Map<string, object[]>();
  for (const m of manifests) {
    if (!m || typeof m !== 'object') continue;
    const key = `${m.apiVersion}|${m.kind}|${m.metadata?.name}`;
    const seen = distinct.get(key) ?? [];
    const first = seen.find((p) => sameButNamespace(m, p));
    if (first) {
      found.set(m, first);
    } else {
      found.set(m, m);
      if (seen.length < DISTINCT) distinct.set(key, [...seen, m]);
    }
  }
  return found;
}

/** At most this many distinct objects of one apiVersion, kind and name are kept to compare with. */
const DISTINCT = 4;

/** Whether two objects are equal, keys in the same order, but for `metadata.namespace` (when it is a string in both). */
export function sameButNamespace(a: Json, b: Json): boolean {
  if (typeof a?.metadata?.namespace !== 'string' || typeof b?.metadata?.namespace !== 'string') return equal(a, b);
  return equalExcept(a, b, 'metadata') && equalExcept(a.metadata, b.metadata, 'namespace');
}

/**
 * Whether plain objects `a` and `b` have the same keys in the same order (as written out) and equal
 * values, the value of key `skip` aside.
 */
function equalExcept(a: Json, b: Json, skip?: string): boolean {
  if (!isPlainObject(a) || !isPlainObject(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  for (let i = 0; i < ka.length; i++) {
    const k = ka[i];
    if (k !== kb[i] || (k !== skip && !equal(a[k], b[k]))) return false;
  }
  return true;
}

/** Deep equality of JSON values (NaN is unequal to itself: such objects are only checked one by one). */
function equal(a: Json, b: Json): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!equal(a[i], b[i])) return false;
    return true;
  }
  return !Array.isArray(b) && equalExcept(a, b);
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
