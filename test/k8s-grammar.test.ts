import { cronScheduleProblem, timeZoneProblem } from '../src/k8s/cron';
import {
  DNS_1035_LABEL,
  DNS_LABEL,
  DNS_SUBDOMAIN,
  LABEL_KEY,
  LABEL_VALUE,
  parseQuantity,
  PORT_NAME,
  QUANTITY,
} from '../src/k8s/grammar';

describe('quantities (resource.Quantity)', () => {
  test.each([
    ['1', 1],
    ['100m', 0.1],
    ['64Mi', 64 * 2 ** 20],
    ['1Gi', 2 ** 30],
    ['1e3', 1000],
    ['1E3', 1000],
    ['1.5e-3', 0.0015],
    ['1P', 1e15],
    ['2Ei', 2 * 2 ** 60],
    ['+1', 1],
    ['.5', 0.5],
    ['1.', 1],
    ['0.25k', 250],
    ['1E', 1e18],
  ])('parses %s', (text, value) => {
    expect(QUANTITY.test(text)).toBe(true);
    expect(parseQuantity(text)).toBeCloseTo(value as number);
  });

  test('takes a YAML number as a quantity', () => {
    expect(parseQuantity(2)).toEqual(2);
  });

  test.each(['1 Gi', '1GB', '1e', 'Mi', '', '1.2.3', '10 cores', 'e3', '1Ki1', '.'])('rejects %j', (text) => {
    expect(QUANTITY.test(text)).toBe(false);
    expect(parseQuantity(text)).toBeUndefined();
  });

  test('the pattern works in a JSON Schema (unicode regular expression) as in the code', () => {
    const re = new RegExp(QUANTITY.pattern, 'u');
    for (const q of ['1e3', '+1', '1P', '64Mi']) expect(re.test(q)).toBe(true);
    expect(re.test('1GB')).toBe(false);
  });
});

describe('names and labels (apimachinery validation)', () => {
  test('DNS labels: lowercase alphanumerics and -, alphanumeric at both ends, at most 63', () => {
    expect(['a', 'trace-job', '0abc', 'a'.repeat(63)].every((n) => DNS_LABEL.test(n))).toBe(true);
    expect(['A', '-a', 'a-', 'a.b', 'a_b', '', 'a'.repeat(64)].some((n) => DNS_LABEL.test(n))).toBe(false);
  });

  test('DNS-1035 labels start with a letter (Service names)', () => {
    expect(DNS_1035_LABEL.test('web')).toBe(true);
    expect(DNS_1035_LABEL.test('1web')).toBe(false);
  });

  test('DNS subdomains: dot-separated labels, at most 253', () => {
    expect(DNS_SUBDOMAIN.test('a.b-c.d')).toBe(true);
    expect(DNS_SUBDOMAIN.test('a..b')).toBe(false);
    expect(DNS_SUBDOMAIN.test(`${'a'.repeat(63)}.`.repeat(4) + 'a')).toBe(false);
  });

  test('label keys and values', () => {
    expect(['app', 'app.kubernetes.io/part-of', 'k8s-workshop/exercise', 'a_b.c'].every((k) => LABEL_KEY.test(k))).toBe(
      true,
    );
    expect(['', '/app', 'Bad_Prefix/app', 'a/b/c', 'app-', `${'a'.repeat(64)}`].some((k) => LABEL_KEY.test(k))).toBe(
      false,
    );
    expect(['', 'jobs', 'v1.2_x'].every((v) => LABEL_VALUE.test(v))).toBe(true);
    expect(['j obs', '-x', 'a'.repeat(64)].some((v) => LABEL_VALUE.test(v))).toBe(false);
  });

  test('port names: at most 15, with a letter, no double hyphen', () => {
    expect(PORT_NAME.test('http')).toBe(true);
    expect(['http-application', '8080', 'a--b', 'HTTP'].some((n) => PORT_NAME.test(n))).toBe(false);
  });
});

describe('cron schedules as the CronJob controller parses them (robfig/cron v3 ParseStandard)', () => {
  test.each([
    '* * * * *',
    '*/5 1-3 * * MON-FRI',
    '0 0 1 jan,jul *',
    '0 0 ? * *',
    '5/15 * * * *',
    '0 0 1-31/2 * sun',
    '@hourly',
    '@yearly',
    '@midnight',
    '@every 1h30m',
    '@every 90s',
    '*  *\t* * *',
  ])('accepts %j', (schedule) => {
    expect(cronScheduleProblem(schedule)).toBeUndefined();
  });

  test.each([
    // General cron libraries (cron-parser) accept some of these; the API server does not.
    ['0 0 L * *', 'day of month: failed to parse int from L'],
    ['0 0 * * 1#2', 'day of week: failed to parse int from 1#2'],
    ['0 0 15W * *', 'day of month: failed to parse int from 15W'],
    ['0 0 * * 7', 'day of week: end of range (7) above maximum (6): 7'],
    ['0 0 0 * * *', 'expected exactly 5 fields, found 6: [0 0 0 * * *]'],
    ['61 * * * *', 'minute: end of range (61) above maximum (59): 61'],
    ['*/0 * * * *', 'minute: step of range should be a positive number: */0'],
    ['5-1 * * * *', 'minute: beginning of range (5) beyond end of range (1): 5-1'],
    ['1-2-3 * * * *', 'minute: too many hyphens: 1-2-3'],
    ['@reboot', 'unrecognized descriptor: @reboot'],
    ['@every 1 hour', 'failed to parse duration @every 1 hour'],
    ['', 'empty spec string'],
    ['TZ=Europe/Madrid 0 9 * * *', 'time zones go in timeZone, not in the schedule (TZ= is refused on create)'],
  ])('rejects %j: %s', (schedule, problem) => {
    expect(cronScheduleProblem(schedule)).toEqual(problem);
  });

  test('time zones: IANA names, not Local', () => {
    expect(timeZoneProblem('Europe/Madrid')).toBeUndefined();
    expect(timeZoneProblem('UTC')).toBeUndefined();
    expect(timeZoneProblem('Local')).toEqual('Local is not an explicit time zone');
    expect(timeZoneProblem('Mars/Olympus')).toEqual('Mars/Olympus is not a time zone name');
  });
});
