import { CorpusCase, NS, pod, secure } from '../corpus';

export const cases: CorpusCase[] = [
  { name: 'privileged container under baseline', breakIt: (o) => { o[0].metadata.labels['pod-security.kubernetes.io/enforce'] = 'baseline'; pod(o, 'Job', 'once').containers[0].securityContext = { privileged: true }; },
    expected: { rule: 'pod-security', object: `Job/${NS}/once`, path: 'spec.template.spec.containers[0].securityContext.privileged', value: true } },
  { name: 'NET_RAW added under baseline', breakIt: (o) => { o[0].metadata.labels['pod-security.kubernetes.io/enforce'] = 'baseline'; pod(o, 'Job', 'once').containers[0].securityContext = { capabilities: { add: ['NET_RAW'] } }; },
    expected: { rule: 'pod-security', object: `Job/${NS}/once`, path: 'spec.template.spec.containers[0].securityContext.capabilities.add[0]', value: 'NET_RAW' } },
  { name: 'hostPath volume under baseline', breakIt: (o) => { o[0].metadata.labels['pod-security.kubernetes.io/enforce'] = 'baseline'; pod(o, 'Job', 'once').volumes = [{ name: 'host', hostPath: { path: '/' } }]; },
    expected: { rule: 'pod-security', object: `Job/${NS}/once`, path: 'spec.template.spec.volumes[0].hostPath', value: { path: '/' } } },
  { name: 'hostNetwork under baseline', breakIt: (o) => { o[0].metadata.labels['pod-security.kubernetes.io/enforce'] = 'baseline'; pod(o, 'Job', 'once').hostNetwork = true; },
    expected: { rule: 'pod-security', object: `Job/${NS}/once`, path: 'spec.template.spec.hostNetwork', value: true } },
  { name: 'pod-level user 0 under restricted, even when the container overrides it', breakIt: (o) => { pod(o, 'Job', 'once').securityContext = { runAsUser: 0 }; },
    expected: { rule: 'pod-security', object: `Job/${NS}/once`, path: 'spec.template.spec.securityContext.runAsUser', value: 0 } },
  { name: 'privilege escalation allowed under restricted', breakIt: (o) => { pod(o, 'Job', 'once').containers[0].securityContext = { ...secure, allowPrivilegeEscalation: true }; },
    expected: { rule: 'pod-security', object: `Job/${NS}/once`, path: 'spec.template.spec.containers[0].securityContext.allowPrivilegeEscalation', value: true } },
  { name: 'capabilities not dropped under restricted', breakIt: (o) => { pod(o, 'Job', 'once').containers[0].securityContext = { ...secure, capabilities: {} }; },
    expected: { rule: 'pod-security', object: `Job/${NS}/once`, path: 'spec.template.spec.containers[0].securityContext.capabilities.drop', value: undefined } },
  { name: 'seccomp Unconfined', breakIt: (o) => { pod(o, 'Job', 'once').containers[0].securityContext = { ...secure, seccompProfile: { type: 'Unconfined' } }; o[0].metadata.labels['pod-security.kubernetes.io/enforce'] = 'baseline'; },
    expected: { rule: 'pod-security', object: `Job/${NS}/once`, path: 'spec.template.spec.containers[0].securityContext.seccompProfile.type', value: 'Unconfined' } },
];
