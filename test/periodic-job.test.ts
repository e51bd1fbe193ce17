import { PeriodicJob } from '../lib/periodic-job';
import { validationFindings } from './validate-chart';
import { exerciseChart, podSpec } from './util';

function synth(props = {}) {
  const chart = exerciseChart('periodic-job');
  new PeriodicJob(chart, 'PeriodicJob', props);
  return chart.toJson();
}

const WHERE = '(at periodic-job/PeriodicJob)';
const CRON =
  'schedule must be a cron schedule the CronJob controller accepts (5 fields: minute hour day-of-month month day-of-week, or a macro such as @hourly)';

describe('PeriodicJob', () => {
  test('matches the snapshot', () => {
    expect(synth()).toMatchSnapshot();
  });

  test('runs CronJob periodic-report (batch/v1) every minute, one run at a time', () => {
    const [cron] = synth();
    expect(cron.apiVersion).toEqual('batch/v1');
    expect(cron.kind).toEqual('CronJob');
    expect(cron.metadata.name).toEqual('periodic-report');
    expect(cron.spec).toEqual(
      expect.objectContaining({
        schedule: '* * * * *',
        concurrencyPolicy: 'Forbid',
        startingDeadlineSeconds: 60,
        successfulJobsHistoryLimit: 3,
        failedJobsHistoryLimit: 1,
      }),
    );
    expect(cron.spec.timeZone).toBeUndefined();
  });

  test('gives the Job template its own backoff limit, TTL and labels', () => {
    const { jobTemplate } = synth()[0].spec;
    expect(jobTemplate.spec.backoffLimit).toEqual(2);
    expect(jobTemplate.spec.ttlSecondsAfterFinished).toEqual(600);
    expect(jobTemplate.metadata.labels['k8s-workshop/exercise']).toEqual('periodic-job');
  });

  test('prints start and end of each run with busybox, never restarting a pod', () => {
    const spec = podSpec(synth()[0]);
    expect(spec.restartPolicy).toEqual('Never');
    expect(spec.containers[0].image).toEqual('busybox:1.37.0');
    expect(spec.containers[0].command[2].split('\n')[1]).toEqual('sleep 20');
  });

  test('passes every validation rule, Pod Security restricted included', () => {
    expect(validationFindings(synth())).toEqual([]);
  });

  test('applies every prop', () => {
    const [cron] = synth({
      name: 'nightly',
      schedule: '@daily',
      timeZone: 'Europe/Madrid',
      concurrencyPolicy: 'Replace',
      startingDeadlineSeconds: 300,
      successfulJobsHistoryLimit: 0,
      failedJobsHistoryLimit: 5,
      backoffLimit: 0,
      ttlSecondsAfterFinished: 60,
      runSeconds: 90,
      restartPolicy: 'OnFailure',
      image: 'busybox:1.37',
    });
    expect(cron.metadata.name).toEqual('nightly');
    expect(cron.spec).toEqual(
      expect.objectContaining({
        schedule: '@daily',
        timeZone: 'Europe/Madrid',
        concurrencyPolicy: 'Replace',
        startingDeadlineSeconds: 300,
        successfulJobsHistoryLimit: 0,
        failedJobsHistoryLimit: 5,
      }),
    );
    expect(cron.spec.jobTemplate.spec).toEqual(
      expect.objectContaining({ backoffLimit: 0, ttlSecondsAfterFinished: 60 }),
    );
    expect(podSpec(cron).containers[0].command[2]).toContain('sleep 90');
    expect(podSpec(cron).restartPolicy).toEqual('OnFailure');
    expect(podSpec(cron).containers[0].image).toEqual('busybox:1.37');
  });

  test('accepts every concurrency policy and the Kubernetes macros', () => {
    for (const concurrencyPolicy of ['Allow', 'Forbid', 'Replace']) {
      expect(synth({ concurrencyPolicy })[0].spec.concurrencyPolicy).toEqual(concurrencyPolicy);
    }
    for (const schedule of [
      '@hourly',
      '@daily',
      '@weekly',
      '@monthly',
      '@yearly',
      '@annually',
      '@midnight',
      '*/5 9-17 * * MON-FRI',
    ]) {
      expect(synth({ schedule })[0].spec.schedule).toEqual(schedule);
    }
  });

  test('fails on a schedule with a seconds field', () => {
    expect(() => synth({ schedule: '0 */5 * * * *' })).toThrow(
      `${CRON}; expected exactly 5 fields, found 6: [0 */5 * * * *], got "0 */5 * * * *" ${WHERE}`,
    );
  });

  test('fails on a schedule that is not cron', () => {
    expect(() => synth({ schedule: 'every five minutes' })).toThrow(
      `${CRON}; expected exactly 5 fields, found 3: [every five minutes], got "every five minutes" ${WHERE}`,
    );
    expect(() => synth({ schedule: 'a b c d e' })).toThrow(
      new RegExp(`^${escape(CRON)}; .*got "a b c d e" ${escape(WHERE)}$`),
    );
  });

  test('escapes what the parser quotes: a schedule with terminal escapes cannot rewrite the error line', () => {
    let message = '';
    try {
      synth({ schedule: '\u001b[2J\u001b]0;x\u0007 * * * *' });
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toContain('minute: failed to parse int from \\u001b[2J\\u001b]0;x\\u0007');
    // eslint-disable-next-line no-control-regex -- it looks for control characters in the output
    expect(message).not.toMatch(/[\u0000-\u001f]/);
  });

  test('fails on minute 61', () => {
    expect(() => synth({ schedule: '61 * * * *' })).toThrow(
      `${CRON}; minute: end of range (61) above maximum (59): 61, got "61 * * * *" ${WHERE}`,
    );
  });

  test('fails on @reboot and on a TZ= prefix', () => {
    expect(() => synth({ schedule: '@reboot' })).toThrow(
      `${CRON}; unrecognized descriptor: @reboot, got "@reboot" ${WHERE}`,
    );
    expect(() => synth({ schedule: 'TZ=Europe/Madrid 0 9 * * *' })).toThrow(
      `${CRON}; time zones go in timeZone, not in the schedule (TZ= is refused on create), got "TZ=Europe/Madrid 0 9 * * *" ${WHERE}`,
    );
  });

  test('fails on an unknown time zone', () => {
    expect(() => synth({ timeZone: 'Mars/Olympus_Mons' })).toThrow(
      `timeZone must be an IANA time zone such as Europe/Madrid or UTC, got "Mars/Olympus_Mons" ${WHERE}`,
    );
    expect(() => synth({ timeZone: 'Local' })).toThrow(
      `timeZone must be an IANA time zone such as Europe/Madrid or UTC, got "Local" ${WHERE}`,
    );
  });

  test('fails on an unknown concurrency policy', () => {
    expect(() => synth({ concurrencyPolicy: 'Queue' })).toThrow(
      `concurrencyPolicy must be Allow, Forbid or Replace, got "Queue" ${WHERE}`,
    );
  });

  test('fails when startingDeadlineSeconds is below 10', () => {
    expect(() => synth({ startingDeadlineSeconds: 5 })).toThrow(
      `startingDeadlineSeconds must be an integer >= 10, got 5 ${WHERE}`,
    );
  });

  test('fails on negative history limits, backoff limit or TTL', () => {
    expect(() => synth({ successfulJobsHistoryLimit: -1 })).toThrow(
      `successfulJobsHistoryLimit must be a non-negative integer, got -1 ${WHERE}`,
    );
    expect(() => synth({ failedJobsHistoryLimit: -1 })).toThrow(
      `failedJobsHistoryLimit must be a non-negative integer, got -1 ${WHERE}`,
    );
    expect(() => synth({ backoffLimit: -1 })).toThrow(`backoffLimit must be a non-negative integer, got -1 ${WHERE}`);
    expect(() => synth({ ttlSecondsAfterFinished: -1 })).toThrow(
      `ttlSecondsAfterFinished must be a non-negative integer, got -1 ${WHERE}`,
    );
  });

  test('fails when restartPolicy is Always', () => {
    expect(() => synth({ restartPolicy: 'Always' })).toThrow(
      `restartPolicy must be Never or OnFailure for a Job, got "Always" ${WHERE}`,
    );
  });

  test('fails when the name leaves no room for the Job suffix', () => {
    expect(() => synth({ name: 'x'.repeat(53) })).toThrow(
      `name must be a DNS label (lowercase letters, digits and '-', at most 52 characters), got "${'x'.repeat(53)}" ${WHERE}`,
    );
  });
});

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
