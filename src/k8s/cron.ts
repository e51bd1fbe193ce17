// CronJob schedules and time zones as Kubernetes 1.27 validates them (pkg/apis/batch/validation):
// the schedule goes through robfig/cron v3.0.1's ParseStandard, ported below line for line
// (parser.go, spec.go), and TZ= in the schedule is refused on create. A general cron library
// accepts more (`L`, `W`, `#`, a seconds field), which the API server would then reject.

/** Macros ParseStandard knows; `@every <duration>` is handled apart. @reboot is not one. */
const DESCRIPTORS = ['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly'];

interface Bounds {
  min: number;
  max: number;
  names?: Record<string, number>;
}
const FIELDS: Array<[string, Bounds]> = [
  ['minute', { min: 0, max: 59 }],
  ['hour', { min: 0, max: 23 }],
  ['day of month', { min: 1, max: 31 }],
  [
    'month',
    {
      min: 1,
      max: 12,
      names: { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 },
    },
  ],
  ['day of week', { min: 0, max: 6, names: { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 } }],
];

/** Go's time.ParseDuration grammar (`1h30m`, `90s`, `0`), for `@every`. */
const GO_DURATION = /^[-+]?(0|((\d+(\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h))+)$/;

/** Go's strconv.Atoi, then robfig's check for negatives. */
function parseInt10(expr: string): number | string {
  if (!/^[+-]?\d+$/.test(expr)) return `failed to parse int from ${expr}`;
  const n = Number(expr);
  return n < 0 ? `negative number (${n}) not allowed: ${expr}` : n;
}

function parseIntOrName(expr: string, names?: Record<string, number>): number | string {
  const named = names?.[expr.toLowerCase()];
  return named !== undefined ? named : parseInt10(expr);
}

/** robfig's getRange: `*`, `?`, `n`, `n-m`, each with an optional `/step`. Returns an error or undefined. */
function rangeProblem(expr: string, r: Bounds): string | undefined {
  const rangeAndStep = expr.split('/');
  const lowAndHigh = rangeAndStep[0].split('-');
  let start: number;
  let end: number;
  if (lowAndHigh[0] === '*' || lowAndHigh[0] === '?') {
    start = r.min;
    end = r.max;
  } else {
    const low = parseIntOrName(lowAndHigh[0], r.names);
    if (typeof low === 'string') return low;
    start = low;
    if (lowAndHigh.length === 1) {
      end = start;
    } else if (lowAndHigh.length === 2) {
      const high = parseIntOrName(lowAndHigh[1], r.names);
      if (typeof high === 'string') return high;
      end = high;
    } else {
      return `too many hyphens: ${expr}`;
    }
  }
  let step = 1;
  if (rangeAndStep.length === 2) {
    const s = parseInt10(rangeAndStep[1]);
    if (typeof s === 'string') return s;
    step = s;
    if (lowAndHigh.length === 1) end = r.max; // `n/step` means `n-max/step`
  } else if (rangeAndStep.length > 2) {
    return `too many slashes: ${expr}`;
  }
  if (start < r.min) return `beginning of range (${start}) below minimum (${r.min}): ${expr}`;
  if (end > r.max) return `end of range (${end}) above maximum (${r.max}): ${expr}`;
  if (start > end) return `beginning of range (${start}) beyond end of range (${end}): ${expr}`;
  if (step === 0) return `step of range should be a positive number: ${expr}`;
  return undefined;
}

/**
 * Why the Kubernetes 1.27 API server would refuse `schedule` for a new CronJob, in robfig/cron's
 * words (`end of range (61) above maximum (59): 61`), or undefined when it accepts it.
 */
export function cronScheduleProblem(schedule: string): string | undefined {
  if (schedule.includes('TZ')) return 'time zones go in timeZone, not in the schedule (TZ= is refused on create)';
  if (schedule.length === 0) return 'empty spec string';
  if (schedule.startsWith('@')) {
    if (DESCRIPTORS.includes(schedule)) return undefined;
    if (schedule.startsWith('@every ')) {
      const duration = schedule.slice('@every '.length);
      return GO_DURATION.test(duration) ? undefined : `failed to parse duration ${schedule}`;
    }
    return `unrecognized descriptor: ${schedule}`;
  }
  // Go's strings.Fields splits on any run of white space.
  const fields = schedule.split(/\s+/).filter((f) => f !== '');
  if (fields.length !== 5) return `expected exactly 5 fields, found ${fields.length}: [${fields.join(' ')}]`;
  for (let i = 0; i < 5; i++) {
    // Go's strings.FieldsFunc drops empty pieces: `1,,2` is the list 1, 2.
    for (const expr of fields[i].split(',').filter((e) => e !== '')) {
      const problem = rangeProblem(expr, FIELDS[i][1]);
      if (problem !== undefined) return `${FIELDS[i][0]}: ${problem}`;
    }
  }
  return undefined;
}

/** What a schedule must be, in words, for messages. */
export const CRON_SCHEDULE_DESCRIPTION =
  'a cron schedule the CronJob controller accepts (5 fields: minute hour day-of-month month day-of-week, or a macro such as @hourly)';

/**
 * Why Kubernetes would refuse `timeZone`, or undefined. The controller loads it with Go's
 * time.LoadLocation; ICU (Intl) stands in for Go's zone database here. `Local` is refused by name.
 */
export function timeZoneProblem(timeZone: string): string | undefined {
  if (timeZone.length === 0) return 'an empty time zone';
  if (timeZone.toLowerCase() === 'local') return 'Local is not an explicit time zone';
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return undefined;
  } catch {
    return `${timeZone} is not a time zone name`;
  }
}

export const TIME_ZONE_DESCRIPTION = 'an IANA time zone such as Europe/Madrid or UTC';
