// Pod Security Standards, as published for Kubernetes 1.27
// (https://kubernetes.io/docs/concepts/security/pod-security-standards/, the checks of
// k8s.io/pod-security-admission). Each control returns the offending fields of one pod template.
import type { PodTemplate } from '../types';
import type { Json } from '../../json';

export type Level = 'privileged' | 'baseline' | 'restricted';

interface Violation {
  path: string;
  value: unknown;
  expected: string;
}
export interface Control {
  /** A stable id (`host-namespaces`): what the corpus cases of the pod-security rule name. */
  id: string;
  /** Its name in the Pod Security Standards. */
  name: string;
  level: 'baseline' | 'restricted';
  check(t: PodTemplate): Violation[];
}

const BASELINE_CAPABILITIES = new Set([
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
]);
const SAFE_SYSCTLS = new Set([
  'kernel.shm_rmid_forced',
  'net.ipv4.ip_local_port_range',
  'net.ipv4.ip_unprivileged_port_start',
  'net.ipv4.tcp_syncookies',
  'net.ipv4.ping_group_range',
  'net.ipv4.ip_local_reserved_ports',
]);
const RESTRICTED_VOLUMES = new Set([
  'configMap',
  'csi',
  'downwardAPI',
  'emptyDir',
  'ephemeral',
  'persistentVolumeClaim',
  'projected',
  'secret',
]);
const SELINUX_TYPES = new Set(['', 'container_t', 'container_init_t', 'container_kvm_t']);

/** Every container field and the pod field, each with its path, for controls that look at both. */
function securityContexts(t: PodTemplate): Array<{ path: string; sc: Json; isPod: boolean }> {
  return [
    { path: `${t.specPath}.securityContext`, sc: t.spec.securityContext ?? {}, isPod: true },
    ...t.containers.map((c) => ({
      path: `${c.path}.securityContext`,
      sc: c.container.securityContext ?? {},
      isPod: false,
    })),
  ];
}

/** Every control, baseline then restricted. */
export const CONTROLS: readonly Control[] = [
  {
    id: 'host-namespaces',
    name: 'host namespaces',
    level: 'baseline',
    check: (t) =>
      ['hostNetwork', 'hostPID', 'hostIPC']
        .filter((f) => t.spec[f] === true)
        .map((f) => ({
          path: `${t.specPath}.${f}`,
          value: true,
          expected: 'false or unset (baseline: host namespaces)',
        })),
  },
  {
    id: 'privileged',
    name: 'privileged containers',
    level: 'baseline',
    check: (t) =>
      t.containers
        .filter((c) => c.container.securityContext?.privileged === true)
        .map((c) => ({
          path: `${c.path}.securityContext.privileged`,
          value: true,
          expected: 'false or unset (baseline: privileged containers)',
        })),
  },
  {
    id: 'host-process',
    name: 'HostProcess',
    level: 'baseline',
    check: (t) =>
      securityContexts(t)
        .filter((s) => s.sc.windowsOptions?.hostProcess === true)
        .map((s) => ({
          path: `${s.path}.windowsOptions.hostProcess`,
          value: true,
          expected: 'false or unset (baseline: HostProcess)',
        })),
  },
  {
    id: 'capabilities-baseline',
    name: 'capabilities',
    level: 'baseline',
    check: (t) =>
      t.containers.flatMap((c) =>
        (c.container.securityContext?.capabilities?.add ?? [])
          .map((cap: string, i: number) => ({ cap, i }))
          .filter(({ cap }: { cap: string }) => !BASELINE_CAPABILITIES.has(cap))
          .map(({ cap, i }: { cap: string; i: number }) => ({
            path: `${c.path}.securityContext.capabilities.add[${i}]`,
            value: cap,
            expected: `one of ${[...BASELINE_CAPABILITIES].join(', ')} (baseline: capabilities)`,
          })),
      ),
  },
  {
    id: 'host-path-volumes',
    name: 'hostPath volumes',
    level: 'baseline',
    check: (t) =>
      (t.spec.volumes ?? [])
        .map((v: Json, i: number) => ({ v, i }))
        .filter(({ v }: Json) => v.hostPath)
        .map(({ v, i }: Json) => ({
          path: `${t.specPath}.volumes[${i}].hostPath`,
          value: v.hostPath,
          expected: 'no hostPath volume (baseline: HostPath volumes)',
        })),
  },
  {
    id: 'host-ports',
    name: 'host ports',
    level: 'baseline',
    check: (t) =>
      t.containers.flatMap((c) =>
        (c.container.ports ?? [])
          .map((p: Json, i: number) => ({ p, i }))
          .filter(({ p }: Json) => p.hostPort !== undefined && p.hostPort !== 0)
          .map(({ p, i }: Json) => ({
            path: `${c.path}.ports[${i}].hostPort`,
            value: p.hostPort,
            expected: '0 or unset (baseline: host ports)',
          })),
      ),
  },
  {
    id: 'selinux',
    name: 'SELinux',
    level: 'baseline',
    check: (t) =>
      securityContexts(t).flatMap((s) => {
        const o = s.sc.seLinuxOptions;
        if (!o) return [];
        const out: Violation[] = [];
        if (o.type !== undefined && !SELINUX_TYPES.has(o.type))
          out.push({
            path: `${s.path}.seLinuxOptions.type`,
            value: o.type,
            expected: 'container_t, container_init_t or container_kvm_t (baseline: SELinux)',
          });
        for (const f of ['user', 'role'])
          if (o[f])
            out.push({ path: `${s.path}.seLinuxOptions.${f}`, value: o[f], expected: 'unset (baseline: SELinux)' });
        return out;
      }),
  },
  {
    id: 'proc-mount',
    name: '/proc mount type',
    level: 'baseline',
    check: (t) =>
      t.containers
        .filter(
          (c) =>
            c.container.securityContext?.procMount !== undefined && c.container.securityContext.procMount !== 'Default',
        )
        .map((c) => ({
          path: `${c.path}.securityContext.procMount`,
          value: c.container.securityContext.procMount,
          expected: 'Default or unset (baseline: /proc mount type)',
        })),
  },
  {
    id: 'seccomp-baseline',
    name: 'seccomp (baseline)',
    level: 'baseline',
    check: (t) =>
      securityContexts(t)
        .filter((s) => s.sc.seccompProfile?.type === 'Unconfined')
        .map((s) => ({
          path: `${s.path}.seccompProfile.type`,
          value: 'Unconfined',
          expected: 'RuntimeDefault or Localhost (baseline: seccomp)',
        })),
  },
  {
    id: 'sysctls',
    name: 'sysctls',
    level: 'baseline',
    check: (t) =>
      (t.spec.securityContext?.sysctls ?? [])
        .map((s: Json, i: number) => ({ s, i }))
        .filter(({ s }: Json) => !SAFE_SYSCTLS.has(s.name))
        .map(({ s, i }: Json) => ({
          path: `${t.specPath}.securityContext.sysctls[${i}].name`,
          value: s.name,
          expected: `a safe sysctl: ${[...SAFE_SYSCTLS].join(', ')} (baseline: sysctls)`,
        })),
  },
  {
    id: 'apparmor',
    name: 'AppArmor',
    level: 'baseline',
    check: (t) =>
      Object.entries((t.object.manifest.kind === 'Pod' ? t.object.manifest.metadata?.annotations : undefined) ?? {})
        .filter(
          ([k, v]) =>
            k.startsWith('container.apparmor.security.beta.kubernetes.io/') &&
            v !== 'runtime/default' &&
            !String(v).startsWith('localhost/'),
        )
        .map(([k, v]) => ({
          path: `metadata.annotations.${k}`,
          value: v,
          expected: 'runtime/default or localhost/* (baseline: AppArmor)',
        })),
  },
  {
    id: 'volume-types',
    name: 'volume types',
    level: 'restricted',
    check: (t) =>
      (t.spec.volumes ?? []).flatMap((v: Json, i: number) => {
        const type = Object.keys(v).find((k) => k !== 'name');
        return type && !RESTRICTED_VOLUMES.has(type)
          ? [
              {
                path: `${t.specPath}.volumes[${i}].${type}`,
                value: type,
                expected: `one of ${[...RESTRICTED_VOLUMES].join(', ')} (restricted: volume types)`,
              },
            ]
          : [];
      }),
  },
  {
    id: 'privilege-escalation',
    name: 'privilege escalation',
    level: 'restricted',
    check: (t) =>
      t.containers
        .filter((c) => c.container.securityContext?.allowPrivilegeEscalation !== false)
        .map((c) => ({
          path: `${c.path}.securityContext.allowPrivilegeEscalation`,
          value: c.container.securityContext?.allowPrivilegeEscalation,
          expected: 'false (restricted: privilege escalation)',
        })),
  },
  {
    id: 'running-as-non-root',
    name: 'running as non-root',
    level: 'restricted',
    check: (t) => {
      const pod = t.spec.securityContext?.runAsNonRoot;
      return t.containers
        .filter((c) => (c.container.securityContext?.runAsNonRoot ?? pod) !== true)
        .map((c) => ({
          path: `${c.path}.securityContext.runAsNonRoot`,
          value: c.container.securityContext?.runAsNonRoot ?? pod,
          expected: 'true, here or in the pod securityContext (restricted: running as non-root)',
        }));
    },
  },
  {
    id: 'running-as-non-root-user',
    name: 'running as non-root user',
    level: 'restricted',
    check: (t) =>
      securityContexts(t)
        .filter((s) => s.sc.runAsUser === 0)
        .map((s) => ({
          path: `${s.path}.runAsUser`,
          value: 0,
          expected: 'a non-zero user id (restricted: running as non-root user)',
        })),
  },
  {
    id: 'seccomp-restricted',
    name: 'seccomp (restricted)',
    level: 'restricted',
    check: (t) => {
      const pod = t.spec.securityContext?.seccompProfile?.type;
      return t.containers
        .filter(
          (c) => !['RuntimeDefault', 'Localhost'].includes(c.container.securityContext?.seccompProfile?.type ?? pod),
        )
        .map((c) => ({
          path: `${c.path}.securityContext.seccompProfile.type`,
          value: c.container.securityContext?.seccompProfile?.type ?? pod,
          expected: 'RuntimeDefault or Localhost, here or in the pod securityContext (restricted: seccomp)',
        }));
    },
  },
  {
    id: 'capabilities-restricted',
    name: 'capabilities (restricted)',
    level: 'restricted',
    check: (t) =>
      t.containers.flatMap((c) => {
        const caps = c.container.securityContext?.capabilities ?? {};
        const out: Violation[] = [];
        if (!(caps.drop ?? []).includes('ALL'))
          out.push({
            path: `${c.path}.securityContext.capabilities.drop`,
            value: caps.drop,
            expected: 'a list containing ALL (restricted: capabilities)',
          });
        (caps.add ?? []).forEach((cap: string, i: number) => {
          if (cap !== 'NET_BIND_SERVICE')
            out.push({
              path: `${c.path}.securityContext.capabilities.add[${i}]`,
              value: cap,
              expected: 'only NET_BIND_SERVICE (restricted: capabilities)',
            });
        });
        return out;
      }),
  },
];

/** The controls a pod must pass at `level`. */
export function controlsFor(level: Level): readonly Control[] {
  return level === 'privileged' ? [] : level === 'baseline' ? CONTROLS.filter((c) => c.level === 'baseline') : CONTROLS;
}

/** Violations of one pod template against a level (used by tests and the student guide's per-pod table). */
export function podSecurityViolations(t: PodTemplate, level: Level): Violation[] {
  return controlsFor(level).flatMap((c) => c.check(t));
}

/** The levels a namespace's pod-security.kubernetes.io/enforce label may name. */
export const LEVELS: readonly string[] = ['privileged', 'baseline', 'restricted'];
