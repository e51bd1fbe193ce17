// JSON Schema for workshop.yaml, checked by ajv when the file is loaded. `description` on a pattern is
// what the error message says the value must be. Kubernetes grammars come from src/k8s/grammar.ts.
import { ARCHES } from './images';
import { DNS_LABEL, dnsLabel as dnsLabelOf, DNS_SUBDOMAIN, Grammar, HOST, QUANTITY } from './k8s/grammar';

/** A string of `grammar`, as a JSON Schema. */
function grammarSchema(grammar: Grammar) {
  const max = Number.isFinite(grammar.maxLength) ? { maxLength: grammar.maxLength } : {};
  return { type: 'string', pattern: grammar.pattern, ...max, description: grammar.description };
}

const dnsLabel = grammarSchema(DNS_LABEL);
const image = {
  type: 'string',
  pattern: '^[a-z0-9]+([._/:@-][A-Za-z0-9_.-]+)*$',
  description: 'a container image reference such as alpine:3.8',
};
const host = grammarSchema(HOST);
const nonNegative = { type: 'integer', minimum: 0 };
const positive = { type: 'integer', minimum: 1 };
const nodePort = { type: 'integer', minimum: 30000, maximum: 32767 };
const text = { type: 'string', minLength: 1, description: 'a non-empty string' };
const quantity = grammarSchema(QUANTITY);
const cronSchedule = { type: 'string', minLength: 1, description: 'a cron schedule' };
const podSecurityLevel = { enum: ['privileged', 'baseline', 'restricted'] };
const jobRestartPolicy = { enum: ['Never', 'OnFailure'] };

function object(properties: Record<string, unknown>, required: string[] = []) {
  return { type: 'object', additionalProperties: false, properties, ...(required.length ? { required } : {}) };
}

export const WORKSHOP_CONFIG_SCHEMA = object({
  students: { type: 'array', items: dnsLabel, minItems: 1, description: 'leave students out for one workshop namespace' },
  studentQuota: object({
    requestsCpu: quantity,
    requestsMemory: quantity,
    limitsMemory: quantity,
    pods: positive,
    persistentVolumeClaims: nonNegative,
    requestsStorage: quantity,
    objectsPerKind: positive,
  }),
  validation: object({
    overrides: {
      type: 'array',
      items: object({
        rule: { type: 'string', pattern: '^[a-z0-9-]+$', description: 'a validation rule id such as run-as-non-root-user' },
        object: { type: 'string', pattern: '^[A-Za-z]+/([a-z0-9.-]+/)?[a-z0-9.:-]+$', description: 'Kind/name or Kind/namespace/name' },
        severity: { enum: ['warning', 'off'] },
        reason: { type: 'string', minLength: 10, description: 'a reason of at least 10 characters' },
      }, ['rule', 'severity', 'reason']),
    },
  }),
  namespace: dnsLabel,
  arch: { enum: [...ARCHES] },
  kuardImage: image,
  podSecurity: object({ enforce: podSecurityLevel, warn: podSecurityLevel }),
  exercises: object({
    votingApp: object({
      storageClassName: grammarSchema(DNS_SUBDOMAIN),
      postgresImage: image,
      redisImage: image,
      workerImage: image,
      voteImage: image,
      resultImage: image,
      voteNodePort: nodePort,
      resultNodePort: nodePort,
      storageSize: quantity,
    }),
    traceJob: object({
      target: host,
      image,
      restartPolicy: jobRestartPolicy,
      ttlSecondsAfterFinished: nonNegative,
      backoffLimit: nonNegative,
    }),
    sharedConfigJobs: object({
      image,
      restartPolicy: jobRestartPolicy,
      targets: {
        type: 'array',
        minItems: 1,
        items: object({ name: grammarSchema(dnsLabelOf(52)), host, ttw: positive, maxHops: positive }, ['name', 'host']),
      },
    }),
    configVolumeJob: object({ image, restartPolicy: jobRestartPolicy, username: text, password: text, endpoint: text }),
    heartbeatCron: object({
      image,
      schedule: cronSchedule,
      successfulJobsHistoryLimit: nonNegative,
      username: text,
      password: text,
      endpoint: text,
    }),
    serviceAccounts: object({ peekImage: image, kubectlImage: image }),
    oneShotJob: object({
      image, keysToGenerate: positive, restartPolicy: jobRestartPolicy, backoffLimit: nonNegative, failingVariant: { type: 'boolean' },
      failingBackoffLimit: nonNegative,
    }),
    parallelJob: object({
      image, completions: positive, parallelism: positive, keysToGenerate: positive,
      restartPolicy: jobRestartPolicy, backoffLimit: nonNegative,
    }),
    workQueue: object({ image, curlImage: image, queueName: dnsLabel, workItems: positive, parallelism: positive, loader: { type: 'boolean' } }),
    factorialJob: object({
      n: { type: 'integer', minimum: 0, maximum: 1000 }, image, completions: positive, parallelism: positive,
      restartPolicy: jobRestartPolicy, backoffLimit: nonNegative,
    }),
    probesPod: object({ name: dnsLabel, image, healthySeconds: positive, livenessInitialDelaySeconds: nonNegative, initSeconds: nonNegative }),
    retryingJob: object({
      exitCodeSource: { enum: ['configmap', 'keyvalue'] },
      initialExitCode: { type: 'integer', minimum: 0, maximum: 255 },
      keyvalueAuthKey: { type: 'string', pattern: '^[A-Za-z0-9]{1,64}$', description: 'letters and digits (the key GetAppKey returns)' },
      keyvalueRecord: { type: 'string', pattern: '^[A-Za-z0-9._-]{1,100}$', description: 'letters, digits, \'.\', \'_\' or \'-\'' },
      image, backoffLimit: nonNegative, ttlSecondsAfterFinished: nonNegative,
      namespace: dnsLabel,
    }),
    periodicJob: object({
      name: grammarSchema(dnsLabelOf(52)),
      schedule: cronSchedule,
      timeZone: { type: 'string', pattern: '^[A-Za-z_+-]+(/[A-Za-z0-9_+-]+)*$', description: 'an IANA time zone such as Europe/Berlin' },
      concurrencyPolicy: { enum: ['Allow', 'Forbid', 'Replace'] },
      startingDeadlineSeconds: { type: 'integer', minimum: 10 },
      successfulJobsHistoryLimit: nonNegative,
      failedJobsHistoryLimit: nonNegative,
      backoffLimit: nonNegative,
      ttlSecondsAfterFinished: nonNegative,
      runSeconds: nonNegative,
      restartPolicy: jobRestartPolicy,
      image,
    }),
  }),
});
