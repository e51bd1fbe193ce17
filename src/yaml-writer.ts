// YAML text of the manifests, byte for byte what cdk8s's Yaml.stringify writes, several times
// faster: for a class of students it is the largest part of synth. Maps, lists, numbers and
// booleans are laid out here the way the yaml package lays them out; every string is rendered by
// the yaml package itself (once per distinct string and place, then reused), so quoting, escaping
// and block scalars are its own. Anything else (null, repeated objects, which yaml would write as
// anchors) goes to Yaml.stringify whole. test/yaml-writer.test.ts compares the two.
import { Yaml } from 'cdk8s';
import { YAML } from './yaml';

const { stringify } = YAML;

/** cdk8s's options for the yaml package (cdk8s/lib/yaml.js). */
const OPTIONS = { keepUndefined: true, lineWidth: 0, version: '1.1' } as const;

/** Thrown inside a document that needs the yaml package's own layout. */
class Unusual extends Error {}

const memo = { key: new Map<string, string>(), value: new Map<string, string>(), item: new Map<string, string>() };

/** `text` as the yaml package writes it in `wrap(text)`, cut out of the result (`k: <here>\n`). */
function rendered(
  cache: Map<string, string>,
  text: string,
  wrap: (s: string) => unknown,
  cut: (out: string) => string,
): string {
  let r = cache.get(text);
  if (r === undefined) {
    r = cut(stringify(wrap(text), OPTIONS));
    cache.set(text, r);
  }
  return r;
}

/** Indents every line after the first by `indent` more spaces (block scalars; empty lines stay empty). */
function reindent(text: string, indent: number): string {
  if (indent === 0 || !text.includes('\n')) return text;
  const pad = ' '.repeat(indent);
  return text
    .split('\n')
    .map((line, i) => (i === 0 || line === '' ? line : pad + line))
    .join('\n');
}

/**
 * NEL (U+0085), LINE SEPARATOR and PARAGRAPH SEPARATOR are line breaks to a YAML 1.1 reader
 * (kubectl's sigs.k8s.io/yaml), which folds one written raw into a space: the yaml package writes
 * them raw. A string holding one is written double-quoted with every such character escaped (JSON
 * escapes are YAML's), so every reader gets it back exactly. This is the one place the writer
 * differs from Yaml.stringify on purpose.
 */
const YAML11_BREAKS = /[\u0085\u2028\u2029]/;
const YAML11_BREAKS_ALL = /[\u0085\u2028\u2029]/g;

function escapedBreaks(value: string): string {
  return JSON.stringify(value).replace(YAML11_BREAKS_ALL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function scalar(value: unknown, place: 'value' | 'item', indent: number): string {
  if (typeof value === 'string' && YAML11_BREAKS.test(value)) return escapedBreaks(value);
  if (typeof value === 'string') {
    const text =
      place === 'value'
        ? rendered(
            memo.value,
            value,
            (s) => ({ k: s }),
            (out) => out.slice(3, -1),
          )
        : rendered(
            memo.item,
            value,
            (s) => [s],
            (out) => out.slice(2, -1),
          );
    return reindent(text, indent);
  }
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'number' && Number.isFinite(value) && !Object.is(value, -0)) return String(value);
  throw new Unusual();
}

function key(name: string): string {
  const text = rendered(
    memo.key,
    name,
    (s) => ({ [s]: 1 }),
    (out) => out.slice(0, -4),
  );
  if (text.includes('\n') || text.startsWith('?')) throw new Unusual();
  return text;
}

const isMap = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype;

/** The lines of `value` (a map or a list) at `indent`, without a trailing newline. */
function block(value: unknown, indent: number, seen: Set<object>): string {
  if (seen.has(value as object)) throw new Unusual();
  seen.add(value as object);
  const pad = ' '.repeat(indent);
  const lines: string[] = [];
  if (Array.isArray(value)) {
    for (const item of value) {
      if (isMap(item) || Array.isArray(item)) {
        const empty = Array.isArray(item) ? item.length === 0 : Object.keys(item).length === 0;
        lines.push(
          empty
            ? `${pad}- ${Array.isArray(item) ? '[]' : '{}'}`
            : `${pad}- ${block(item, indent + 2, seen).slice(indent + 2)}`,
        );
      } else {
        lines.push(`${pad}- ${scalar(item, 'item', indent)}`);
      }
    }
  } else if (isMap(value)) {
    for (const [k, v] of Object.entries(value)) lines.push(entry(k, v, indent, seen));
  } else {
    throw new Unusual();
  }
  return lines.join('\n');
}

/** The lines of map entry `k: v` at `indent`. */
function entry(k: string, v: unknown, indent: number, seen: Set<object>): string {
  const pad = ' '.repeat(indent);
  if (isMap(v) || Array.isArray(v)) {
    const empty = Array.isArray(v) ? v.length === 0 : Object.keys(v).length === 0;
    return empty
      ? `${pad}${key(k)}: ${Array.isArray(v) ? '[]' : '{}'}`
      : `${pad}${key(k)}:\n${block(v, indent + 2, seen)}`;
  }
  return `${pad}${key(k)}: ${scalar(v, 'value', indent)}`;
}

/**
 * For each document written the usual way, the text of each of its top-level entries: a copy of it
 * in another namespace takes them all but `metadata` from here.
 */
const entriesOf = new WeakMap<object, string[]>();

function documentText(doc: unknown, alike?: (doc: object) => object): string {
  if (doc === undefined) return '\n';
  try {
    if (!isMap(doc) || Object.keys(doc).length === 0) throw new Unusual();
    const first = alike?.(doc);
    const copied = first !== undefined && first !== doc ? entriesOf.get(first) : undefined;
    const seen = new Set<object>([doc]);
    const entries = Object.entries(doc).map(([k, v], i) =>
      copied && k !== 'metadata' ? copied[i] : entry(k, v, 0, seen),
    );
    if (alike && !copied) entriesOf.set(doc, entries);
    return `${entries.join('\n')}\n`;
  } catch (err) {
    if (!(err instanceof Unusual)) throw err;
    const text = Yaml.stringify(doc);
    // The yaml package's own layout writes those line breaks raw (see escapedBreaks): never let one through.
    if (YAML11_BREAKS.test(text))
      throw new Error('a manifest holds U+0085, U+2028 or U+2029 in a place the YAML writer cannot escape', {
        cause: err,
      });
    return text;
  }
}

/**
 * What `Yaml.stringify(...docs)` returns. `alike` names, for a document, an earlier one equal to it
 * (keys in the same order) but for `metadata.namespace` (src/validation/alike.ts): the copy is
 * written from the first one's text but for its metadata. That holds for trees without an object
 * in two places, where Yaml.stringify would write an anchor: cdk8s's toJson() copies every object
 * it renders, so its manifests never have one. (A class's copies share subtrees with the first
 * student's manifest, src/synth.ts, but each document is still a tree of its own.)
 */
export function yamlDocuments(docs: readonly unknown[], alike?: (doc: object) => object): string {
  return docs.map((d) => documentText(d, alike)).join('---\n');
}
