import * as fs from 'fs';
import { cachePath, packageVersion, writeCacheFile } from './disk-cache';

/** Bump when what cronParserVerdict stores (or the options it parses with) changes. */
const CRON_CACHE_FORMAT = '1';

/**
 * cron-parser's verdict on `expression`: undefined when it parses, else its message.
 *
 * Loading cron-parser and its first parse (luxon sets up its time zones) cost ~70 ms, a fifth of a
 * synth. A verdict never changes for one cron-parser version, so verdicts are kept in
 * node_modules/.cache/workshop-cron/<version>.json and cron-parser is loaded only for a schedule
 * it has not judged yet. The file can always be deleted.
 */
export function cronParserVerdict(expression: string, cacheFile?: string): string | undefined {
  const file = cacheFile ?? cachePath('workshop-cron', `${CRON_CACHE_FORMAT}-${packageVersion('cron-parser')}.json`);
  let verdicts: Record<string, string | null> = {};
  try {
    verdicts = JSON.parse(fs.readFileSync(file, 'utf-8'));
  } catch {
    // No verdicts yet.
  }
  if (Object.prototype.hasOwnProperty.call(verdicts, expression)) return verdicts[expression] ?? undefined;
  let verdict: string | null = null;
  try {
    const { CronExpressionParser } = require('cron-parser') as typeof import('cron-parser');
    CronExpressionParser.parse(expression, { strict: false });
  } catch (err) {
    verdict = (err as Error).message;
  }
  writeCacheFile(file, JSON.stringify({ ...verdicts, [expression]: verdict }));
  return verdict ?? undefined;
}

/** Macros the CronJob controller accepts besides five-field expressions (@reboot is not one). */
const MACROS = ['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly'];

/**
 * Fails unless `value` is a schedule the Kubernetes 1.27 CronJob controller accepts: five fields
 * (minute hour day-of-month month day-of-week) or one of its macros. cron-parser checks the fields;
 * the field count is checked here because cron-parser also accepts a leading seconds field, which
 * Kubernetes rejects. `TZ=` prefixes are rejected too: 1.27 wants the `timeZone` field instead.
 */
export function assertCronSchedule(field: string, value: string, where: string): void {
  const fail = (why: string): never => {
    throw new Error(`${field} must be a valid cron expression (5 fields: minute hour day-of-month month day-of-week, or a macro such as @hourly), ${why}, got ${JSON.stringify(value)} (at ${where})`);
  };
  const trimmed = value.trim();
  if (/^(CRON_)?TZ=/.test(trimmed)) fail('time zones go in timeZone, not in the schedule');
  if (trimmed.startsWith('@')) {
    if (!MACROS.includes(trimmed)) fail(`unknown macro ${trimmed}`);
    return;
  }
  const fields = trimmed.split(/\s+/).filter(Boolean);
  if (fields.length !== 5) fail(`found ${fields.length} fields`);
  const verdict = cronParserVerdict(trimmed);
  if (verdict !== undefined) fail(verdict.replace(/\.$/, '').toLowerCase());
}

/** Fails unless `value` is an IANA time zone name that both Go (the controller) and ICU (here) know. */
export function assertTimeZone(value: string, where: string): void {
  let known = value !== 'Local';
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
  } catch {
    known = false;
  }
  if (!known) {
    throw new Error(`timeZone must be an IANA time zone such as Europe/Madrid or UTC, got ${JSON.stringify(value)} (at ${where})`);
  }
}
