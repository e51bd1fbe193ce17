import type { Rule } from '../types';

export const jobRestartPolicy: Rule = {
  id: 'job-restart-policy',
  description: 'Job and CronJob pods restart Never or OnFailure (Always is rejected: a Job must end)',
  remediation: 'set restartPolicy: Never (a new pod per attempt) or OnFailure (restart in the same pod)',
  kinds: ['Job', 'CronJob'],
  local: true,
  check(bundle) {
    return bundle.podTemplates
      .filter(
        (t) =>
          (t.object.manifest.kind === 'Job' || t.object.manifest.kind === 'CronJob') &&
          t.spec.restartPolicy !== 'Never' &&
          t.spec.restartPolicy !== 'OnFailure',
      )
      .map((t) => ({
        object: t.object,
        path: `${t.specPath}.restartPolicy`,
        value: t.spec.restartPolicy,
        expected: 'Never or OnFailure',
      }));
  },
};
