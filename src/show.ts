// How a bad value appears in an error message: short enough to read, exact enough to find.
// Used by the config errors and the validation findings alike.
import type { Finding } from './findings';

/** Longest value shown in full; longer ones are cut and say how long they are. */
export const MAX_SHOWN_CHARS = 80;

/**
 * A value for `got ...`: JSON for plain values, `.nan` and `.inf` (YAML's spelling) for what JSON
 * cannot say (JSON.stringify turns both into `null`), `source` (the text as written, e.g. `1e400`)
 * when it says more, and long strings and objects cut to MAX_SHOWN_CHARS with their length.
 */
export function showValue(value: unknown, source?: string): string {
  return escapeUnsafe(showRaw(value, source));
}

/**
 * C1 controls (U+0080-U+009F, U+009B starts an escape sequence on some terminals) and bidirectional
 * overrides, which JSON.stringify leaves as they are: a value in a message cannot move the cursor or
 * reverse the line it is printed on.
 */
const UNSAFE = /[\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const escapeUnsafe = (text: string) =>
  text.replace(UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

/** C0 controls but newline and tab: with UNSAFE, what a terminal would act on instead of print. */
// eslint-disable-next-line no-control-regex -- it finds control characters, to escape them
const CONTROL = /[\u0000-\u0008\u000b-\u001f]/g;

/**
 * Text from outside (an API server's messages, reasons, names) made safe to print: every control
 * character but newline and tab, every C1 control and bidirectional override becomes a visible
 * `\uXXXX`, so a server cannot move the cursor, recolour or rewrite the line it is printed on.
 */
export function printable(text: string): string {
  return escapeUnsafe(text.replace(CONTROL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
}

function showRaw(value: unknown, source?: string): string {
  if (value === undefined) return '(unset)';
  if (typeof value === 'bigint') return String(value);
  if (typeof value === 'number' && !Number.isFinite(value)) {
    const spelled = Number.isNaN(value) ? '.nan' : value > 0 ? '.inf' : '-.inf';
    if (Number.isNaN(value)) return `${spelled} (not a number)`;
    return source && source !== spelled ? `${shorten(source)} (too large for a number: ${spelled})` : spelled;
  }
  if (typeof value === 'string') {
    return value.length > MAX_SHOWN_CHARS
      ? `${JSON.stringify(value.slice(0, MAX_SHOWN_CHARS))}... (${value.length} characters)`
      : JSON.stringify(value);
  }
  let json: string | undefined;
  try {
    json = JSON.stringify(value, (_k, v) => (typeof v === 'bigint' ? String(v) : v));
  } catch {
    json = String(value);
  }
  return shorten(json ?? String(value));
}

function shorten(text: string): string {
  return text.length > MAX_SHOWN_CHARS ? `${text.slice(0, MAX_SHOWN_CHARS)}... (${text.length} characters)` : text;
}

/** A secret's value for a message: never the value, only its length. */
export function showSecret(value: unknown): string {
  return typeof value === 'string'
    ? `a value of ${value.length} character${value.length === 1 ? '' : 's'} (hidden: it is a secret)`
    : '(hidden: it is a secret)';
}

/**
 * The one redaction step of every command (synth, verify, kubeconfigs): replaces every occurrence of a
 * secret, as text, as JSON quotes it, as a JSON report quotes that, and as base64, with `***`. The
 * longest secret goes first, so a short one inside a longer one (a username inside its password)
 * cannot leave the rest of the longer one showing; short secrets are redacted too. A value showValue
 * cut at MAX_SHOWN_CHARS keeps only the first characters of a secret it held: those are blanked as
 * well, so redaction works as if it ran before the cut.
 */
export function redact(text: string, secrets: Iterable<string>): string {
  const list = [...new Set([...secrets].filter((s) => typeof s === 'string' && s.length > 0))].sort(
    (a, b) => b.length - a.length,
  );
  if (list.length === 0) return text;
  let out = text.replace(/"((?:[^"\\]|\\.)*)"\.\.\. \((\d+) characters\)/g, (whole, inner: string, n: string) => {
    let shown: string;
    try {
      shown = JSON.parse(`"${inner}"`);
    } catch {
      return whole;
    }
    const cut = blankSecretStart(shown, list);
    return cut === shown ? whole : `${JSON.stringify(cut)}... (${n} characters)`;
  });
  for (const secret of list) {
    // As typed, as JSON writes it (a message quoting it), as JSON writes that (a JSON report holding
    // the message), and base64 (a Secret's data).
    const json = JSON.stringify(secret).slice(1, -1);
    for (const form of [
      secret,
      json,
      JSON.stringify(json).slice(1, -1),
      Buffer.from(secret, 'utf-8').toString('base64'),
    ]) {
      out = out.split(form).join('***');
    }
  }
  return out;
}

/** `shown` with its end blanked where it is the beginning of a secret (the rest was cut off). */
function blankSecretStart(shown: string, secrets: readonly string[]): string {
  for (const secret of secrets) {
    for (let k = Math.min(secret.length - 1, shown.length); k >= 1; k--) {
      if (shown.endsWith(secret.slice(0, k))) return `${shown.slice(0, shown.length - k)}***`;
    }
  }
  return shown;
}

/** Up to `limit` lines, then `... and N more`: a hostile input cannot flood the terminal. */
export function capped(lines: string[], limit: number): string[] {
  return lines.length <= limit ? lines : [...lines.slice(0, limit), `... and ${lines.length - limit} more`];
}

/** Edit distance between two short strings (keys, field names). */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}

/** Known names close to a misspelled one (`namespce` -> `namespace`), for "did you mean". */
export function closeNames(name: string, known: string[]): string[] {
  if (name.length > 64) return [];
  return known.filter(
    (k) => k.toLowerCase() === name.toLowerCase() || editDistance(k, name) <= Math.min(2, Math.floor(k.length / 3)),
  );
}

/** One finding as a line a student can act on. */
export function formatFinding(f: Finding): string {
  const value = showValue(f.value);
  const where = f.constructPath ? ` (construct ${f.constructPath})` : '';
  return `[${f.rule}] ${f.object} ${f.path}: got ${value}, expected ${f.expected}${where}`;
}
