// Limits the API server enforces beyond the shape of an object: int32/int64 ranges from the
// schema's own `format`, object and data sizes, label lengths. Each case is refused at synth with
// the usual finding, and the finding stays short however big the value.
import { parseWorkshopConfig } from '../src/config';
import { bundleOf, synthWorkshop } from '../src/synth';
import { apiLimits as API_LIMITS_RULE, MAX_DATA_BYTES } from '../src/validation/rules/api-limits';
import { schema as SCHEMA_RULE } from '../src/validation/rules/schema';
import { ValidationError } from '../src/errors';
import { formatFinding } from '../src/show';
import { validateBundle } from '../src/validation/validate';
import type { Json } from '../src/json';

const INT32 = 'an integer from -2147483648 to 2147483647 (format int32 in the Kubernetes 1.27 schema)';

/** Findings of the whole workshop built from `yaml`, as printed. */
function workshopFindings(yaml: string): string[] {
  return validateBundle(bundleOf(synthWorkshop(parseWorkshopConfig(yaml, 'workshop.yaml')))).errors.map(formatFinding);
}

const ns = {
  apiVersion: 'v1',
  kind: 'Namespace',
  metadata: { name: 'limits', labels: { 'pod-security.kubernetes.io/enforce': 'baseline' } },
};
const meta = (name: string) => ({ name, namespace: 'limits' });

/** What synth's validation (every rule) says about `manifest`, from `rule` only. */
function findings(manifest: Json, rule = API_LIMITS_RULE): string[] {
  return validateBundle([{ manifest: ns }, { manifest }])
    .errors.filter((f) => f.rule === rule.id)
    .map(formatFinding);
}

describe('API server limits', () => {
  test.each([
    ['parallelJob', 'completions', 'Job/workshop-day2-solutions/parallel spec.completions'],
    ['traceJob', 'backoffLimit', 'Job/workshop-day2-solutions/traceroute spec.backoffLimit'],
    [
      'probesPod',
      'livenessInitialDelaySeconds',
      'Pod/workshop-day2-solutions/probes spec.containers[0].livenessProbe.initialDelaySeconds',
    ],
    [
      'periodicJob',
      'successfulJobsHistoryLimit',
      'CronJob/workshop-day2-solutions/periodic-report spec.successfulJobsHistoryLimit',
    ],
  ])("fails on %s.%s past int32, from the schema's format", (exercise, field, at) => {
    const found = workshopFindings(`exercises:\n  ${exercise}:\n    ${field}: 2147483648\n`);
    expect(found).toContainEqual(expect.stringContaining(`[schema] ${at}: got 2147483648, expected ${INT32}`));
  });

  test('accepts the largest int32', () => {
    expect(
      findings(
        {
          apiVersion: 'batch/v1',
          kind: 'Job',
          metadata: meta('j'),
          spec: {
            backoffLimit: 2147483647,
            template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox:1.36' }] } },
          },
        },
        SCHEMA_RULE,
      ),
    ).toEqual([]);
  });

  test('fails on an int64 field past int64', () => {
    const job = {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: meta('j'),
      spec: {
        activeDeadlineSeconds: 1e19,
        template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox:1.36' }] } },
      },
    };
    expect(findings(job, SCHEMA_RULE)).toEqual([
      '[schema] Job/limits/j spec.activeDeadlineSeconds: got 10000000000000000000, expected an integer from -9223372036854775808 to 9223372036854775807 (format int64 in the Kubernetes 1.27 schema)',
    ]);
  });

  test('fails on a ConfigMap over 1 MiB of data, with a short finding', () => {
    const found = findings({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: meta('big'),
      data: { a: 'x'.repeat(2_000_000) },
    });
    expect(found).toEqual([
      `[api-limits] ConfigMap/limits/big data: got "2000000 bytes", expected at most ${MAX_DATA_BYTES} bytes of data in total (1 MiB, the API server's limit for a ConfigMap)`,
    ]);
  });

  test('counts a ConfigMap at exactly 1 MiB as fine', () => {
    expect(
      findings({
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: meta('edge'),
        data: { a: 'x'.repeat(MAX_DATA_BYTES - 1), b: 'y' },
      }),
    ).toEqual([]);
  });

  test('fails on a Secret over 1 MiB of decoded data without showing any of it', () => {
    const secret = Buffer.from('s'.repeat(2_700_000)).toString('base64');
    const found = findings({ apiVersion: 'v1', kind: 'Secret', metadata: meta('big'), data: { password: secret } });
    expect(found).toEqual([
      `[api-limits] Secret/limits/big data: got "2700000 bytes", expected at most ${MAX_DATA_BYTES} bytes of data in total (1 MiB, the API server's limit for a Secret)`,
    ]);
  });

  test("fails on any object over etcd's 1.5 MiB request limit", () => {
    const found = findings({
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: { ...meta('big'), labels: {} },
      imagePullSecrets: Array.from({ length: 40_000 }, (_, i) => ({
        name: `pull-secret-${i}-abcdefghijklmnopqrstuvwxyz`,
      })),
    });
    expect(found).toEqual([
      expect.stringMatching(
        /^\[api-limits\] ServiceAccount\/limits\/big : got "\d+ bytes", expected an object of at most 1572864 bytes \(1\.5 MiB, etcd's default request limit\)$/,
      ),
    ]);
  });

  test('measures a copy in another namespace exactly, though it derives the size from the first one', () => {
    // A class repeats each object in every student's namespace; the copies differ in that string only.
    const MAX = 1536 * 1024;
    const account = (namespace: string, fill: number) => ({
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: { name: 'big', namespace },
      imagePullSecrets: [{ name: 'x'.repeat(fill) }],
    });
    const size = (m: object) => Buffer.byteLength(JSON.stringify(m));
    const fill = MAX - size(account('a', 0));
    expect(size(account('a', fill))).toEqual(MAX);
    const objects = [account('a', fill), account('bb', fill), account('c', fill)].map((manifest) => ({ manifest }));
    const found = validateBundle(objects)
      .errors.filter((f) => f.rule === 'api-limits')
      .map((f) => [f.object, f.value]);
    expect(found).toEqual([['ServiceAccount/bb/big', `${MAX + 1} bytes`]]);
  });

  test('fails on a pod template label value longer than 63 characters', () => {
    const deployment = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: meta('web'),
      spec: {
        selector: { matchLabels: { app: 'web' } },
        template: {
          metadata: { labels: { app: 'web', team: 'a'.repeat(64) } },
          spec: { containers: [{ name: 'c', image: 'busybox:1.36' }] },
        },
      },
    };
    expect(findings(deployment)).toEqual([
      `[api-limits] Deployment/limits/web spec.template.metadata.labels.team: got "${'a'.repeat(64)}", expected a label value (at most 63 letters, digits, '-', '_' or '.', a letter or digit at both ends)`,
    ]);
  });

  test('a finding on a huge value stays short, and a long report is cut after MAX_FINDINGS with a count', () => {
    const found = findings({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: meta('web'),
      spec: {
        selector: {},
        template: { metadata: { labels: { team: 'a'.repeat(100_000) } }, spec: { containers: [] } },
      },
    });
    expect(found[0].length).toBeLessThan(400);
    const labels = Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`l${i}`, '-bad-']));
    const report = validateBundle(
      [
        { manifest: ns },
        {
          manifest: {
            apiVersion: 'apps/v1',
            kind: 'Deployment',
            metadata: meta('web'),
            spec: { template: { metadata: { labels }, spec: {} } },
          },
        },
      ],
      { rules: [API_LIMITS_RULE] },
    );
    const lines = new ValidationError(report).message.split('\n');
    expect(report.errors).toHaveLength(60);
    expect(lines[0]).toEqual('validation found 60 problem(s) kubectl, the API server or the kubelet would reject:');
    expect(lines[lines.length - 1]).toEqual('  ... and 10 more');
    expect(lines).toHaveLength(1 + 50 + 1);
  });
});
