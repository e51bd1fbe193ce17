import { CronExpressionParser } from 'cron-parser';

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
  try {
    CronExpressionParser.parse(trimmed, { strict: false });
  } catch (err) {
    fail((err as Error).message.replace(/\.$/, '').toLowerCase());
  }
}
