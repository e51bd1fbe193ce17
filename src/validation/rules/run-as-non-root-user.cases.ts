import { CorpusCase, NS, pod, secure } from '../corpus';

export const cases: CorpusCase[] = [
  {
    name: 'runAsNonRoot without a numeric user',
    breakIt: (o) => {
      delete pod(o, 'Job', 'once').containers[0].securityContext.runAsUser;
      pod(o, 'Job', 'once').containers[0].securityContext = { ...pod(o, 'Job', 'once').containers[0].securityContext };
    },
    expected: {
      rule: 'run-as-non-root-user',
      object: `Job/${NS}/once`,
      path: 'spec.template.spec.containers[0].securityContext.runAsUser',
      value: undefined,
    },
  },
  {
    name: 'runAsNonRoot from the pod with user 0 in the container',
    breakIt: (o) => {
      const s = pod(o, 'Job', 'once');
      s.securityContext = { runAsNonRoot: true };
      s.containers[0].securityContext = { ...secure, runAsNonRoot: undefined, runAsUser: 0 };
      o[0].metadata.labels['pod-security.kubernetes.io/enforce'] = 'baseline';
    },
    expected: {
      rule: 'run-as-non-root-user',
      object: `Job/${NS}/once`,
      path: 'spec.template.spec.containers[0].securityContext.runAsUser',
      value: 0,
    },
  },
];
