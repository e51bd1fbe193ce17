import {
  DNS_1035_LABEL,
  DNS_LABEL,
  DNS_SUBDOMAIN,
  dnsSubdomain,
  ENV_VAR_NAME,
  Grammar,
  LABEL_KEY,
  LABEL_VALUE,
  PORT_NAME,
} from '../../k8s/grammar';
import type { FindingDraft, Rule } from '../types';
import type { Json } from '../../json';

/** A path segment name (Role, RoleBinding and other RBAC objects): anything but `/`, `%`, `.` and `..`. */
const PATH_SEGMENT: Grammar = {
  pattern: '^(?!\\.\\.?$)[^/%]+$',
  maxLength: Infinity,
  description: 'a path segment name (no / or %, not . or ..)',
  test: (n: unknown): n is string =>
    typeof n === 'string' && n.length > 0 && n !== '.' && n !== '..' && !/[/%]/.test(n),
};
/** The CronJob controller appends an 11-character suffix to name its Jobs. */
const CRONJOB_NAME = dnsSubdomain(52);

/** How each kind's metadata.name is validated by the API server (apimachinery validation). */
function nameGrammar(kind: string): Grammar {
  switch (kind) {
    // Job names become the job-name pod label (63).
    case 'Namespace':
    case 'Job':
    case 'StatefulSet':
      return DNS_LABEL;
    case 'Service':
      return DNS_1035_LABEL;
    case 'CronJob':
      return CRONJOB_NAME;
    case 'Role':
    case 'RoleBinding':
    case 'ClusterRole':
    case 'ClusterRoleBinding':
      return PATH_SEGMENT;
    default:
      return DNS_SUBDOMAIN;
  }
}

export const nameValid: Rule = {
  id: 'name-valid',
  description: 'object, container, volume and port names and label keys and values are what the API server accepts',
  remediation: 'rename to match the grammar the finding states (src/k8s/grammar.ts)',
  kinds: ['*'],
  local: true,
  check(bundle) {
    const findings: FindingDraft[] = [];
    for (const object of bundle.objects) {
      const m = object.manifest;
      if (!m || typeof m !== 'object') continue;
      const grammar = nameGrammar(m.kind);
      const name = m.metadata?.name;
      if (!grammar.test(name))
        findings.push({ object, path: 'metadata.name', value: name, expected: grammar.description });
      const labels = m.metadata?.labels;
      for (const [k, v] of Object.entries(labels && typeof labels === 'object' ? labels : {})) {
        if (!LABEL_KEY.test(k))
          findings.push({ object, path: `metadata.labels.${k}`, value: k, expected: LABEL_KEY.description });
        if (!LABEL_VALUE.test(v))
          findings.push({ object, path: `metadata.labels.${k}`, value: v, expected: LABEL_VALUE.description });
      }
    }
    for (const t of bundle.podTemplates) {
      for (const { container, path } of t.containers) {
        if (!DNS_LABEL.test(container.name))
          findings.push({
            object: t.object,
            path: `${path}.name`,
            value: container.name,
            expected: DNS_LABEL.description,
          });
        (Array.isArray(container.ports) ? container.ports : []).forEach((p: Json, i: number) => {
          if (p?.name !== undefined && !PORT_NAME.test(p.name))
            findings.push({
              object: t.object,
              path: `${path}.ports[${i}].name`,
              value: p.name,
              expected: PORT_NAME.description,
            });
        });
        (Array.isArray(container.env) ? container.env : []).forEach((e: Json, i: number) => {
          if (!ENV_VAR_NAME.test(e?.name))
            findings.push({
              object: t.object,
              path: `${path}.env[${i}].name`,
              value: e?.name,
              expected: ENV_VAR_NAME.description,
            });
        });
      }
      (Array.isArray(t.spec.volumes) ? t.spec.volumes : []).forEach((v: Json, i: number) => {
        if (!DNS_LABEL.test(v?.name))
          findings.push({
            object: t.object,
            path: `${t.specPath}.volumes[${i}].name`,
            value: v?.name,
            expected: DNS_LABEL.description,
          });
      });
    }
    return findings;
  },
};
