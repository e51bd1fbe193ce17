import { container, CorpusCase, meta, NS, passes, pod, secure } from '../corpus';
import type { Json } from '../../json';

// Every Pod Security control (extract/pod-security-controls.ts) has a broken case and a passing one
// here, each naming its control; test/validation-pod-security.test.ts checks that every control
// has both, and that each case goes through the control it names.

const ENFORCE = 'pod-security.kubernetes.io/enforce';
/** Lowers the corpus namespace to baseline, where the restricted controls do not apply. */
const baseline = (o: Json[]) => {
  o[0].metadata.labels[ENFORCE] = 'baseline';
};
const job = (o: Json[]) => pod(o, 'Job', 'once');
const jobContainer = (o: Json[]) => job(o).containers[0];
const JOB = 'spec.template.spec';
const JOB_C = `${JOB}.containers[0]`;
const APPARMOR = 'container.apparmor.security.beta.kubernetes.io/solo';
/** A bare Pod (AppArmor annotations are read on Pods) with one restricted container. */
const soloPod = (annotations: Record<string, string>) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: meta('solo', { annotations }),
  spec: { restartPolicy: 'Never', containers: [container('solo')] },
});

export const cases: CorpusCase[] = [
  // host namespaces
  {
    name: 'hostNetwork under baseline',
    control: 'host-namespaces',
    breakIt: (o) => {
      baseline(o);
      job(o).hostNetwork = true;
    },
    expected: { rule: 'pod-security', object: `Job/${NS}/once`, path: `${JOB}.hostNetwork`, value: true },
  },
  {
    name: 'hostPID',
    control: 'host-namespaces',
    breakIt: (o) => {
      job(o).hostPID = true;
    },
    expected: { rule: 'pod-security', object: `Job/${NS}/once`, path: `${JOB}.hostPID`, value: true },
  },
  {
    name: 'hostIPC',
    control: 'host-namespaces',
    breakIt: (o) => {
      job(o).hostIPC = true;
    },
    expected: { rule: 'pod-security', object: `Job/${NS}/once`, path: `${JOB}.hostIPC`, value: true },
  },
  passes(
    'hostNetwork, hostPID and hostIPC set to false',
    (o) => {
      Object.assign(job(o), { hostNetwork: false, hostPID: false, hostIPC: false });
    },
    'host-namespaces',
  ),

  // privileged containers
  {
    name: 'privileged container under baseline',
    control: 'privileged',
    breakIt: (o) => {
      baseline(o);
      jobContainer(o).securityContext = { privileged: true };
    },
    expected: {
      rule: 'pod-security',
      object: `Job/${NS}/once`,
      path: `${JOB_C}.securityContext.privileged`,
      value: true,
    },
  },
  passes(
    'privileged: false',
    (o) => {
      jobContainer(o).securityContext = { ...secure, privileged: false };
    },
    'privileged',
  ),

  // HostProcess
  {
    name: 'Windows HostProcess container',
    control: 'host-process',
    breakIt: (o) => {
      jobContainer(o).securityContext = { ...secure, windowsOptions: { hostProcess: true } };
    },
    expected: {
      rule: 'pod-security',
      object: `Job/${NS}/once`,
      path: `${JOB_C}.securityContext.windowsOptions.hostProcess`,
      value: true,
    },
  },
  {
    name: 'Windows HostProcess pod',
    control: 'host-process',
    breakIt: (o) => {
      job(o).securityContext = { windowsOptions: { hostProcess: true } };
    },
    expected: {
      rule: 'pod-security',
      object: `Job/${NS}/once`,
      path: `${JOB}.securityContext.windowsOptions.hostProcess`,
      value: true,
    },
  },
  passes(
    'windowsOptions.hostProcess: false',
    (o) => {
      jobContainer(o).securityContext = { ...secure, windowsOptions: { hostProcess: false } };
    },
    'host-process',
  ),

  // capabilities (baseline)
  {
    name: 'NET_RAW added under baseline',
    control: 'capabilities-baseline',
    breakIt: (o) => {
      baseline(o);
      jobContainer(o).securityContext = { capabilities: { add: ['NET_RAW'] } };
    },
    expected: {
      rule: 'pod-security',
      object: `Job/${NS}/once`,
      path: `${JOB_C}.securityContext.capabilities.add[0]`,
      value: 'NET_RAW',
    },
  },
  passes(
    'every capability baseline allows, added under baseline',
    (o) => {
      baseline(o);
      jobContainer(o).securityContext = {
        ...secure,
        capabilities: {
          drop: ['ALL'],
          add: [
            'AUDIT_WRITE',
            'CHOWN',
            'DAC_OVERRIDE',
            'FOWNER',
            'FSETID',
            'KILL',
            'MKNOD',
            'NET_BIND_SERVICE',
            'SETFCAP',
            'SETGID',
            'SETPCAP',
            'SETUID',
            'SYS_CHROOT',
          ],
        },
      };
    },
    'capabilities-baseline',
  ),

  // hostPath volumes
  {
    name: 'hostPath volume under baseline',
    control: 'host-path-volumes',
    breakIt: (o) => {
      baseline(o);
      job(o).volumes = [{ name: 'host', hostPath: { path: '/' } }];
    },
    expected: {
      rule: 'pod-security',
      object: `Job/${NS}/once`,
      path: `${JOB}.volumes[0].hostPath`,
      value: { path: '/' },
    },
  },
  passes(
    'an nfs volume under baseline (only restricted limits the volume types)',
    (o) => {
      baseline(o);
      job(o).volumes = [{ name: 'share', nfs: { server: 'nfs.example', path: '/' } }];
    },
    'host-path-volumes',
  ),

  // host ports
  {
    name: 'hostPort on a container port',
    control: 'host-ports',
    breakIt: (o) => {
      jobContainer(o).ports = [{ containerPort: 8080, hostPort: 8080 }];
    },
    expected: { rule: 'pod-security', object: `Job/${NS}/once`, path: `${JOB_C}.ports[0].hostPort`, value: 8080 },
  },
  {
    name: 'hostPort on an init container',
    control: 'host-ports',
    breakIt: (o) => {
      job(o).initContainers = [container('init', { ports: [{ containerPort: 53, hostPort: 53, protocol: 'UDP' }] })];
    },
    expected: {
      rule: 'pod-security',
      object: `Job/${NS}/once`,
      path: `${JOB}.initContainers[0].ports[0].hostPort`,
      value: 53,
    },
  },
  passes(
    'hostPort: 0',
    (o) => {
      jobContainer(o).ports = [{ containerPort: 8080, hostPort: 0 }];
    },
    'host-ports',
  ),

  // SELinux
  {
    name: 'SELinux type spc_t (unconfined)',
    control: 'selinux',
    breakIt: (o) => {
      jobContainer(o).securityContext = { ...secure, seLinuxOptions: { type: 'spc_t' } };
    },
    expected: {
      rule: 'pod-security',
      object: `Job/${NS}/once`,
      path: `${JOB_C}.securityContext.seLinuxOptions.type`,
      value: 'spc_t',
    },
  },
  {
    name: 'SELinux user set on the pod',
    control: 'selinux',
    breakIt: (o) => {
      job(o).securityContext = { seLinuxOptions: { user: 'system_u' } };
    },
    expected: {
      rule: 'pod-security',
      object: `Job/${NS}/once`,
      path: `${JOB}.securityContext.seLinuxOptions.user`,
      value: 'system_u',
    },
  },
  passes(
    'SELinux type container_t with a level',
    (o) => {
      jobContainer(o).securityContext = { ...secure, seLinuxOptions: { type: 'container_t', level: 's0:c123,c456' } };
    },
    'selinux',
  ),

  // /proc mount type
  {
    name: 'procMount Unmasked',
    control: 'proc-mount',
    breakIt: (o) => {
      jobContainer(o).securityContext = { ...secure, procMount: 'Unmasked' };
    },
    expected: {
      rule: 'pod-security',
      object: `Job/${NS}/once`,
      path: `${JOB_C}.securityContext.procMount`,
      value: 'Unmasked',
    },
  },
  passes(
    'procMount Default',
    (o) => {
      jobContainer(o).securityContext = { ...secure, procMount: 'Default' };
    },
    'proc-mount',
  ),

  // seccomp (baseline)
  {
    name: 'seccomp Unconfined under baseline',
    control: 'seccomp-baseline',
    breakIt: (o) => {
      jobContainer(o).securityContext = { ...secure, seccompProfile: { type: 'Unconfined' } };
      baseline(o);
    },
    expected: {
      rule: 'pod-security',
      object: `Job/${NS}/once`,
      path: `${JOB_C}.securityContext.seccompProfile.type`,
      value: 'Unconfined',
    },
  },
  passes(
    'no seccomp profile under baseline (only restricted asks for one)',
    (o) => {
      baseline(o);
      const { seccompProfile: _, ...rest } = secure;
      jobContainer(o).securityContext = rest;
    },
    'seccomp-baseline',
  ),

  // sysctls
  {
    name: 'unsafe sysctl',
    control: 'sysctls',
    breakIt: (o) => {
      job(o).securityContext = { sysctls: [{ name: 'kernel.msgmax', value: '65536' }] };
    },
    expected: {
      rule: 'pod-security',
      object: `Job/${NS}/once`,
      path: `${JOB}.securityContext.sysctls[0].name`,
      value: 'kernel.msgmax',
    },
  },
  passes(
    'safe sysctls',
    (o) => {
      job(o).securityContext = {
        sysctls: [
          { name: 'net.ipv4.ping_group_range', value: '0 65534' },
          { name: 'kernel.shm_rmid_forced', value: '1' },
        ],
      };
    },
    'sysctls',
  ),

  // AppArmor
  {
    name: 'AppArmor unconfined on a Pod',
    control: 'apparmor',
    breakIt: (o) => {
      o.push(soloPod({ [APPARMOR]: 'unconfined' }));
    },
    expected: {
      rule: 'pod-security',
      object: `Pod/${NS}/solo`,
      path: `metadata.annotations.${APPARMOR}`,
      value: 'unconfined',
    },
  },
  passes(
    'AppArmor runtime/default on a Pod',
    (o) => {
      o.push(soloPod({ [APPARMOR]: 'runtime/default' }));
    },
    'apparmor',
  ),
  passes(
    'AppArmor localhost/ profile on a Pod',
    (o) => {
      o.push(soloPod({ [APPARMOR]: 'localhost/k8s-apparmor-example' }));
    },
    'apparmor',
  ),

  // volume types (restricted)
  {
    name: 'nfs volume under restricted',
    control: 'volume-types',
    breakIt: (o) => {
      job(o).volumes = [{ name: 'share', nfs: { server: 'nfs.example', path: '/' } }];
    },
    expected: { rule: 'pod-security', object: `Job/${NS}/once`, path: `${JOB}.volumes[0].nfs`, value: 'nfs' },
  },
  passes(
    'every other volume type restricted allows',
    (o) => {
      job(o).volumes = [
        { name: 'scratch', emptyDir: {} },
        { name: 'info', downwardAPI: { items: [{ path: 'name', fieldRef: { fieldPath: 'metadata.name' } }] } },
        { name: 'both', projected: { sources: [{ configMap: { name: 'settings' } }, { secret: { name: 'login' } }] } },
        { name: 'claim', persistentVolumeClaim: { claimName: 'data' } },
        { name: 'driver', csi: { driver: 'inline.storage.example' } },
      ];
    },
    'volume-types',
  ),

  // privilege escalation (restricted)
  {
    name: 'privilege escalation allowed under restricted',
    control: 'privilege-escalation',
    breakIt: (o) => {
      jobContainer(o).securityContext = { ...secure, allowPrivilegeEscalation: true };
    },
    expected: {
      rule: 'pod-security',
      object: `Job/${NS}/once`,
      path: `${JOB_C}.securityContext.allowPrivilegeEscalation`,
      value: true,
    },
  },
  {
    name: 'privilege escalation unset on an init container',
    control: 'privilege-escalation',
    breakIt: (o) => {
      const { allowPrivilegeEscalation: _, ...rest } = secure;
      job(o).initContainers = [container('init', { securityContext: rest })];
    },
    expected: {
      rule: 'pod-security',
      object: `Job/${NS}/once`,
      path: `${JOB}.initContainers[0].securityContext.allowPrivilegeEscalation`,
      value: undefined,
    },
  },
  passes(
    'allowPrivilegeEscalation: false on an init container too',
    (o) => {
      job(o).initContainers = [container('init')];
    },
    'privilege-escalation',
  ),

  // running as non-root (restricted)
  {
    name: 'runAsNonRoot false under restricted',
    control: 'running-as-non-root',
    breakIt: (o) => {
      jobContainer(o).securityContext = { ...secure, runAsNonRoot: false };
    },
    expected: {
      rule: 'pod-security',
      object: `Job/${NS}/once`,
      path: `${JOB_C}.securityContext.runAsNonRoot`,
      value: false,
    },
  },
  passes(
    'runAsNonRoot from the pod only',
    (o) => {
      job(o).securityContext = { runAsNonRoot: true };
      const { runAsNonRoot: _, ...rest } = secure;
      jobContainer(o).securityContext = rest;
    },
    'running-as-non-root',
  ),

  // running as non-root user (restricted)
  {
    name: 'pod-level user 0 under restricted, even when the container overrides it',
    control: 'running-as-non-root-user',
    breakIt: (o) => {
      job(o).securityContext = { runAsUser: 0 };
    },
    expected: { rule: 'pod-security', object: `Job/${NS}/once`, path: `${JOB}.securityContext.runAsUser`, value: 0 },
  },
  passes(
    'user 1, the lowest non-root one',
    (o) => {
      jobContainer(o).securityContext = { ...secure, runAsUser: 1 };
    },
    'running-as-non-root-user',
  ),

  // seccomp (restricted)
  {
    name: 'no seccomp profile under restricted',
    control: 'seccomp-restricted',
    breakIt: (o) => {
      const { seccompProfile: _, ...rest } = secure;
      jobContainer(o).securityContext = rest;
    },
    expected: {
      rule: 'pod-security',
      object: `Job/${NS}/once`,
      path: `${JOB_C}.securityContext.seccompProfile.type`,
      value: undefined,
    },
  },
  passes(
    'seccomp RuntimeDefault from the pod only',
    (o) => {
      job(o).securityContext = { seccompProfile: { type: 'RuntimeDefault' } };
      const { seccompProfile: _, ...rest } = secure;
      jobContainer(o).securityContext = rest;
    },
    'seccomp-restricted',
  ),
  passes(
    'seccomp Localhost',
    (o) => {
      jobContainer(o).securityContext = {
        ...secure,
        seccompProfile: { type: 'Localhost', localhostProfile: 'profiles/audit.json' },
      };
    },
    'seccomp-restricted',
  ),

  // capabilities (restricted)
  {
    name: 'capabilities not dropped under restricted',
    control: 'capabilities-restricted',
    breakIt: (o) => {
      jobContainer(o).securityContext = { ...secure, capabilities: {} };
    },
    expected: {
      rule: 'pod-security',
      object: `Job/${NS}/once`,
      path: `${JOB_C}.securityContext.capabilities.drop`,
      value: undefined,
    },
  },
  {
    name: 'CHOWN added under restricted (baseline allows it)',
    control: 'capabilities-restricted',
    breakIt: (o) => {
      jobContainer(o).securityContext = { ...secure, capabilities: { drop: ['ALL'], add: ['CHOWN'] } };
    },
    expected: {
      rule: 'pod-security',
      object: `Job/${NS}/once`,
      path: `${JOB_C}.securityContext.capabilities.add[0]`,
      value: 'CHOWN',
    },
  },
  passes(
    'NET_BIND_SERVICE added to ALL dropped',
    (o) => {
      jobContainer(o).securityContext = { ...secure, capabilities: { drop: ['ALL'], add: ['NET_BIND_SERVICE'] } };
    },
    'capabilities-restricted',
  ),
];
