// JSON Schema for workshop.yaml, checked by ajv when the file is loaded. `description` on a pattern is
// what the error message says the value must be.

const dnsLabel = {
  type: 'string',
  pattern: '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$',
  maxLength: 63,
  description: 'a DNS label (lowercase letters, digits and \'-\', at most 63 characters)',
};
const image = {
  type: 'string',
  pattern: '^[a-z0-9]+([._/:@-][A-Za-z0-9_.-]+)*$',
  description: 'a container image reference such as alpine:3.8',
};
const host = {
  type: 'string',
  pattern: '^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$',
  maxLength: 253,
  description: 'a host name or IP address',
};
const nonNegative = { type: 'integer', minimum: 0 };
const podSecurityLevel = { enum: ['privileged', 'baseline', 'restricted'] };
const jobRestartPolicy = { enum: ['Never', 'OnFailure'] };

function object(properties: Record<string, unknown>, required: string[] = []) {
  return { type: 'object', additionalProperties: false, properties, ...(required.length ? { required } : {}) };
}

export const WORKSHOP_CONFIG_SCHEMA = object({
  namespace: dnsLabel,
  podSecurity: object({ enforce: podSecurityLevel, warn: podSecurityLevel }),
  exercises: object({
    traceJob: object({
      target: host,
      image,
      restartPolicy: jobRestartPolicy,
      ttlSecondsAfterFinished: nonNegative,
      backoffLimit: nonNegative,
    }),
  }),
});
