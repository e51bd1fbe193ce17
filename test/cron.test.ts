import * as fs from 'fs';
import * as path from 'path';
import { assertCronSchedule, cronParserVerdict } from '../lib/cron';
import { ROOT, tempDir } from './util';

const version = JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', 'cron-parser', 'package.json'), 'utf-8')).version;

describe('cron schedules', () => {
  test.each(['* * * * *', '*/5 1-3 * * MON-FRI', '@hourly'])('accepts %s', (schedule) => {
    expect(() => assertCronSchedule('schedule', schedule, 'test')).not.toThrow();
  });

  test.each([
    ['61 * * * *', 'constraint error, got value 61 expected range 0-59'],
    ['0 0 * * * *', 'found 6 fields'],
    ['@reboot', 'unknown macro @reboot'],
    ['TZ=UTC 0 0 * * *', 'time zones go in timeZone, not in the schedule'],
  ])('rejects %s, naming field, value and place', (schedule, why) => {
    expect(() => assertCronSchedule('schedule', schedule, 'heartbeat-cron/HeartbeatCron')).toThrow(
      `schedule must be a valid cron expression (5 fields: minute hour day-of-month month day-of-week, or a macro such as @hourly), ${why}, got ${JSON.stringify(schedule)} (at heartbeat-cron/HeartbeatCron)`);
  });

  test('keeps cron-parser\'s verdicts in the cache file and answers from it', () => {
    const file = path.join(tempDir(), 'verdicts.json');
    expect(cronParserVerdict('0 61 * * *', file)).toEqual('Constraint error, got value 61 expected range 0-23');
    expect(cronParserVerdict('*/7 * * * *', file)).toBeUndefined();
    expect(JSON.parse(fs.readFileSync(file, 'utf-8'))).toEqual({ '0 61 * * *': 'Constraint error, got value 61 expected range 0-23', '*/7 * * * *': null });
    // The file, not cron-parser, answers for a schedule it holds.
    fs.writeFileSync(file, JSON.stringify({ '0 61 * * *': 'from the cache' }));
    expect(cronParserVerdict('0 61 * * *', file)).toEqual('from the cache');
  });

  test('the default cache lives in node_modules/.cache, per cron-parser version', () => {
    cronParserVerdict('*/11 * * * *');
    expect(fs.existsSync(path.join(ROOT, 'node_modules', '.cache', 'workshop-cron', `1-${version}.json`))).toBe(true);
  });
});
