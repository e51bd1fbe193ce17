// How a bad value appears in an error message: short enough to read, exact enough to find.
// Used by the config errors and the validation findings alike.

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
const escapeUnsafe = (text: string) => text.replace(UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

function showRaw(value: unknown, source?: string): string {
  if (value === undefined) return '(unset)';
  if (typeof value === 'bigint') return String(value);
  if (typeof value === 'number' && !Number.isFinite(value)) {
    const spelled = Number.isNaN(value) ? '.nan' : value > 0 ? '.inf' : '-.inf';
    if (Number.isNaN(value)) return `${spelled} (not a number)`;
    return source && source !== spelled ? `${shorten(source)} (too large for a number: ${spelled})` : spelled;
  }
  if (typeof value === 'string') {
    return value.length > MAX_SHOWN_CHARS ? `${JSON.stringify(value.slice(0, MAX_SHOWN_CHARS))}... (${value.length} characters)` : JSON.stringify(value);
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
  return typeof value === 'string' ? `a value of ${value.length} character${value.length === 1 ? '' : 's'} (hidden: it is a secret)` : '(hidden: it is a secret)';
}

/** Replaces every occurrence of a secret (as text and as base64) in `text` with `***`. */
export function redact(text: string, secrets: Iterable<string>): string {
  let out = text;
  for (const secret of secrets) {
    // Shorter values would blank out ordinary words of the message; the config check masks them anyway.
    if (secret.length < 4) continue;
    // As typed, as JSON writes it (a message quoting it), as JSON writes that (a JSON report holding
    // the message), and base64 (a Secret's data).
    const json = JSON.stringify(secret).slice(1, -1);
    for (const form of [secret, json, JSON.stringify(json).slice(1, -1), Buffer.from(secret, 'utf-8').toString('base64')]) {
      out = out.split(form).join('***');
    }
  }
  return out;
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
  return known.filter((k) => k.toLowerCase() === name.toLowerCase() || editDistance(k, name) <= Math.min(2, Math.floor(k.length / 3)));
}
