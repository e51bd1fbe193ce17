// Every rule's corpus cases, by rule id: statically imported so that bundled scripts (npm run docs)
// carry them. test/validation-corpus.test.ts checks it lists the cases file of every rule.
import type { CorpusCase } from './corpus';
import { cases as apiLimits } from './rules/api-limits.cases';
import { cases as cronSchedule } from './rules/cron-schedule.cases';
import { cases as duplicateObject } from './rules/duplicate-object.cases';
import { cases as envVarReference } from './rules/env-var-reference.cases';
import { cases as imagePinned } from './rules/image-pinned.cases';
import { cases as imageProfile } from './rules/image-profile.cases';
import { cases as jobRestartPolicy } from './rules/job-restart-policy.cases';
import { cases as nameValid } from './rules/name-valid.cases';
import { cases as namespaceExists } from './rules/namespace-exists.cases';
import { cases as nodePortUnique } from './rules/node-port-unique.cases';
import { cases as podSecurityLabel } from './rules/pod-security-label.cases';
import { cases as podSecurity } from './rules/pod-security.cases';
import { cases as refConfigmap } from './rules/ref-configmap.cases';
import { cases as refRoleBinding } from './rules/ref-role-binding.cases';
import { cases as refSecret } from './rules/ref-secret.cases';
import { cases as refServiceAccount } from './rules/ref-service-account.cases';
import { cases as resources } from './rules/resources.cases';
import { cases as runAsNonRootUser } from './rules/run-as-non-root-user.cases';
import { cases as schemaForward } from './rules/schema-forward.cases';
import { cases as schema } from './rules/schema.cases';
import { cases as serviceSelector } from './rules/service-selector.cases';
import { cases as statefulsetService } from './rules/statefulset-service.cases';
import { cases as volumeMountSource } from './rules/volume-mount-source.cases';
import { cases as workloadSelector } from './rules/workload-selector.cases';

export const CASES: Readonly<Record<string, readonly CorpusCase[]>> = {
  'api-limits': apiLimits,
  'cron-schedule': cronSchedule,
  'duplicate-object': duplicateObject,
  'env-var-reference': envVarReference,
  'image-pinned': imagePinned,
  'image-profile': imageProfile,
  'job-restart-policy': jobRestartPolicy,
  'name-valid': nameValid,
  'namespace-exists': namespaceExists,
  'node-port-unique': nodePortUnique,
  'pod-security-label': podSecurityLabel,
  'pod-security': podSecurity,
  'ref-configmap': refConfigmap,
  'ref-role-binding': refRoleBinding,
  'ref-secret': refSecret,
  'ref-service-account': refServiceAccount,
  resources: resources,
  'run-as-non-root-user': runAsNonRootUser,
  'schema-forward': schemaForward,
  schema: schema,
  'service-selector': serviceSelector,
  'statefulset-service': statefulsetService,
  'volume-mount-source': volumeMountSource,
  'workload-selector': workloadSelector,
};
