// Every rule, in report order: schema and API limits first, then references, run-ability, images, Pod Security.
// One file per rule (id, description, remediation, kinds, check); its cases are beside it
// in <id>.cases.ts and run by test/validation-corpus.test.ts.
import type { Rule } from '../types';
import { apiLimits } from './api-limits';
import { cronSchedule } from './cron-schedule';
import { duplicateObject } from './duplicate-object';
import { envVarReference } from './env-var-reference';
import { imagePinned } from './image-pinned';
import { imageProfile } from './image-profile';
import { jobRestartPolicy } from './job-restart-policy';
import { nameValid } from './name-valid';
import { namespaceExists } from './namespace-exists';
import { nodePortUnique } from './node-port-unique';
import { podSecurity } from './pod-security';
import { podSecurityLabel } from './pod-security-label';
import { refConfigMap } from './ref-configmap';
import { refRoleBinding } from './ref-role-binding';
import { refSecret } from './ref-secret';
import { refServiceAccount } from './ref-service-account';
import { resources } from './resources';
import { runAsNonRootUser } from './run-as-non-root-user';
import { schema } from './schema';
import { schemaForward } from './schema-forward';
import { serviceSelector } from './service-selector';
import { statefulSetService } from './statefulset-service';
import { volumeMountSource } from './volume-mount-source';
import { workloadSelector } from './workload-selector';

export const RULES: readonly Rule[] = [
  schema,
  schemaForward,
  apiLimits,
  refConfigMap,
  refSecret,
  refServiceAccount,
  refRoleBinding,
  volumeMountSource,
  serviceSelector,
  workloadSelector,
  statefulSetService,
  namespaceExists,
  nameValid,
  duplicateObject,
  nodePortUnique,
  jobRestartPolicy,
  cronSchedule,
  runAsNonRootUser,
  resources,
  envVarReference,
  imagePinned,
  imageProfile,
  podSecurityLabel,
  podSecurity,
];
