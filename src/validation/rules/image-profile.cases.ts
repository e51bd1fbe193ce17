import { CorpusCase, NS, pod, secure } from '../corpus';

/** Root with every default capability dropped but `add`, as the entrypoint profiles run. */
const rootWith = (add: string[]) => ({
  runAsNonRoot: false,
  runAsUser: 0,
  allowPrivilegeEscalation: false,
  capabilities: { drop: ['ALL'], add },
  seccompProfile: { type: 'RuntimeDefault' },
});

export const cases: CorpusCase[] = [
  {
    name: 'redis 8 without SETPCAP (its setpriv clears the bounding set)',
    breakIt: (o) => {
      o[0].metadata.labels['pod-security.kubernetes.io/enforce'] = 'baseline';
      Object.assign(pod(o, 'StatefulSet', 'db').containers[0], {
        image: 'redis:8.6.6-alpine',
        securityContext: {
          ...rootWith(['CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'SETGID', 'SETUID']),
          readOnlyRootFilesystem: true,
        },
      });
    },
    expected: {
      rule: 'image-profile',
      object: `StatefulSet/${NS}/db`,
      path: 'spec.template.spec.containers[0].securityContext.capabilities.add',
      value: ['CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'SETGID', 'SETUID'],
    },
  },
  {
    name: 'postgres with a read-only root filesystem (it writes /var/run/postgresql)',
    breakIt: (o) => {
      o[0].metadata.labels['pod-security.kubernetes.io/enforce'] = 'baseline';
      Object.assign(pod(o, 'StatefulSet', 'db').containers[0], {
        image: 'postgres:9.4.26',
        securityContext: {
          ...rootWith(['CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'SETGID', 'SETUID']),
          readOnlyRootFilesystem: true,
        },
        volumeMounts: [{ name: 'data', mountPath: '/var/lib/postgresql/data' }],
      });
    },
    expected: {
      rule: 'image-profile',
      object: `StatefulSet/${NS}/db`,
      path: 'spec.template.spec.containers[0].securityContext.readOnlyRootFilesystem',
      value: true,
    },
  },
  {
    name: 'postgres started as its own uid 999 (the entrypoint must start as root to chown)',
    breakIt: (o) => {
      o[0].metadata.labels['pod-security.kubernetes.io/enforce'] = 'baseline';
      Object.assign(pod(o, 'StatefulSet', 'db').containers[0], {
        image: 'postgres:9.4.26',
        securityContext: { ...secure, runAsNonRoot: false, runAsUser: 999, readOnlyRootFilesystem: false },
      });
    },
    expected: {
      rule: 'image-profile',
      object: `StatefulSet/${NS}/db`,
      path: 'spec.template.spec.containers[0].securityContext.runAsUser',
      value: 999,
    },
  },
  {
    name: 'kubectl on a read-only root with $HOME not on a volume (its discovery cache)',
    breakIt: (o) => {
      pod(o, 'Job', 'once').containers[0].image = 'registry.k8s.io/kubectl:v1.36.4';
    },
    expected: {
      rule: 'image-profile',
      object: `Job/${NS}/once`,
      path: 'spec.template.spec.containers[0].securityContext.readOnlyRootFilesystem',
      value: true,
    },
  },
];
