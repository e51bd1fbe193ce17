import { Construct } from 'constructs';
import * as kplus from 'cdk8s-plus-27';
import * as k8s from '../imports/k8s';
import type { Quantity } from '../src/k8s/setting-types';

/** What one student's namespace may use at once (fleet mode). */
export interface StudentQuota {
  /** @default '3' - the whole workshop requests under 2 CPUs when every exercise runs at once */
  readonly requestsCpu?: Quantity;
  /** @default '3Gi' */
  readonly requestsMemory?: Quantity;
  /** @default '10Gi' - the sum of every container's memory limit (about 7.2Gi), with room for a rolling update and retries */
  readonly limitsMemory?: Quantity;
  /**
   * @default 40 - running pods; finished Job pods do not count
   * @minimum 1
   */
  readonly pods?: number;
  /**
   * @default 4 - the voting app's two claims, plus two the student may add
   * @minimum 0
   */
  readonly persistentVolumeClaims?: number;
  /** @default '8Gi' */
  readonly requestsStorage?: Quantity;
  /**
   * Objects of each kind a student may keep (Jobs, CronJobs, ConfigMaps, Secrets, Services,
   * ServiceAccounts, Roles and bindings, Deployments, ReplicaSets, StatefulSets): without a count,
   * one student could grow etcd without bound, and `verify --class` would read it all. The
   * workshop keeps about 21 Jobs (its 11 and the CronJobs' history), 10 ConfigMaps and 2 Secrets.
   * @default 50
   * @minimum 1
   */
  readonly objectsPerKind?: number;
}

/** What the object counts of StudentQuota.objectsPerKind apply to, as ResourceQuota names them. */
export const COUNTED_KINDS = [
  'count/jobs.batch',
  'count/cronjobs.batch',
  'configmaps',
  'secrets',
  'services',
  'serviceaccounts',
  'count/roles.rbac.authorization.k8s.io',
  'count/rolebindings.rbac.authorization.k8s.io',
  'count/deployments.apps',
  'count/replicasets.apps',
  'count/statefulsets.apps',
] as const;

export interface StudentAccessProps {
  /** The student's name, as in workshop.yaml's `students:`. */
  readonly student: string;
  /** @default - see StudentQuota */
  readonly quota?: StudentQuota;
}

/** API groups and resources a student works with in the exercises; nothing cluster-scoped. */
const STUDENT_RULES: Array<{ apiGroups: string[]; resources: string[] }> = [
  // pods/attach: the text's `kubectl run -i -t` attaches to the pod it starts.
  {
    apiGroups: [''],
    resources: [
      'pods',
      'pods/log',
      'pods/exec',
      'pods/attach',
      'pods/portforward',
      'services',
      'configmaps',
      'secrets',
      'serviceaccounts',
      'persistentvolumeclaims',
      'endpoints',
      'events',
    ],
  },
  { apiGroups: ['apps'], resources: ['deployments', 'statefulsets', 'replicasets'] },
  { apiGroups: ['batch'], resources: ['jobs', 'cronjobs'] },
  { apiGroups: ['rbac.authorization.k8s.io'], resources: ['roles', 'rolebindings'] },
];
const ALL_VERBS = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection'];

/** Read-only: the rest of what the text's `kubectl get all` lists, so it prints no Forbidden lines. */
const GET_ALL_RULES: Array<{ apiGroup: string; resource: string }> = [
  { apiGroup: '', resource: 'replicationcontrollers' },
  { apiGroup: 'apps', resource: 'daemonsets' },
  { apiGroup: 'autoscaling', resource: 'horizontalpodautoscalers' },
];
const READ_VERBS = ['get', 'list', 'watch'];

/**
 * Fleet mode: what isolates one student's namespace. A ResourceQuota and a LimitRange so one
 * student cannot starve the others, and the student's identity: ServiceAccount `student`, bound
 * by a RoleBinding in this namespace only to Role `student`, which covers the exercises' objects
 * here and nothing cluster-wide (no namespaces, nodes, ClusterRoles or other namespaces).
 */
export class StudentAccess extends Construct {
  public readonly student: string;
  /** The student's identity: `npm run kubeconfigs` requests its tokens. */
  public readonly serviceAccountName = 'student';

  constructor(scope: Construct, id: string, props: StudentAccessProps) {
    super(scope, id);
    this.student = props.student;
    const q = props.quota ?? {};
    new k8s.KubeResourceQuota(this, 'Quota', {
      metadata: { name: 'student-quota' },
      spec: {
        hard: {
          'requests.cpu': k8s.Quantity.fromString(q.requestsCpu ?? '3'),
          'requests.memory': k8s.Quantity.fromString(q.requestsMemory ?? '3Gi'),
          'limits.memory': k8s.Quantity.fromString(q.limitsMemory ?? '10Gi'),
          pods: k8s.Quantity.fromNumber(q.pods ?? 40),
          persistentvolumeclaims: k8s.Quantity.fromNumber(q.persistentVolumeClaims ?? 4),
          'requests.storage': k8s.Quantity.fromString(q.requestsStorage ?? '8Gi'),
          'services.nodeports': k8s.Quantity.fromNumber(2),
          'services.loadbalancers': k8s.Quantity.fromNumber(0),
          ...Object.fromEntries(COUNTED_KINDS.map((kind) => [kind, k8s.Quantity.fromNumber(q.objectsPerKind ?? 50)])),
        },
      },
    });
    // Defaults for what students create by hand (`kubectl run`), which the quota would otherwise
    // reject for lack of requests; and a ceiling per container.
    new k8s.KubeLimitRange(this, 'Limits', {
      metadata: { name: 'student-limits' },
      spec: {
        limits: [
          {
            type: 'Container',
            defaultRequest: { cpu: k8s.Quantity.fromString('50m'), memory: k8s.Quantity.fromString('64Mi') },
            default: { memory: k8s.Quantity.fromString('256Mi') },
            max: { memory: k8s.Quantity.fromString('1Gi') },
          },
        ],
      },
    });
    const account = new kplus.ServiceAccount(this, 'Account', {
      metadata: { name: this.serviceAccountName },
      automountToken: false,
    });
    const role = new kplus.Role(this, 'Role', { metadata: { name: 'student' } });
    for (const rule of STUDENT_RULES) {
      role.allow(
        ALL_VERBS,
        ...rule.resources.map((r) => kplus.ApiResource.custom({ apiGroup: rule.apiGroups[0], resourceType: r })),
      );
    }
    role.allow(
      READ_VERBS,
      ...GET_ALL_RULES.map((r) => kplus.ApiResource.custom({ apiGroup: r.apiGroup, resourceType: r.resource })),
    );
    const binding = new kplus.RoleBinding(this, 'Binding', { metadata: { name: 'student' }, role });
    binding.addSubjects(account);
  }
}
