import { Construct } from 'constructs';
import * as kplus from 'cdk8s-plus-27';
import * as k8s from '../imports/k8s';
import { exerciseOf } from './labels';
import { ContainerSizes, nonRootWithScratch, SecurityProfiles, workshopPodTemplate } from './pod-defaults';
import { imageRef } from '../src/images';
import type { Outcome } from './outcomes';
import type { ImageRef } from '../src/k8s/setting-types';

/** The token-printing pod; the text's own `kubectl run peek` must not meet one of ours. */
export const PEEK_POD = 'peek-token';

export interface ServiceAccountsProps {
  /**
   * Image of the `peek-token` pod.
   * @default - the catalogue's alpine (alpine:3.8.5)
   */
  readonly peekImage?: ImageRef;
  /**
   * kubectl image for the pods that use the API. Its entrypoint is kubectl itself (whether the
   * image has a shell was not read: recent ones build on distroless), so each pod runs a single
   * kubectl command. 1.36 is within kubectl's one-minor-version skew of 1.35 to 1.37 clusters.
   * @default - the catalogue's kubectl (registry.k8s.io/kubectl:v1.36.4)
   */
  readonly kubectlImage?: ImageRef;
}

/**
 * Exercises 6 and 7 (day 2): service-account credentials and RBAC.
 *
 * - Pod `peek-token` prints the token of the namespace's `default` ServiceAccount, as the text's
 *   `kubectl run peek` does; the one workshop pod that mounts a token it does not use for the API.
 *   Not named `peek`: the text has students create that pod themselves, next to this one.
 * - ServiceAccount, Role and RoleBinding `pod-reader` (get, list, watch pods). Pod `list-pods`
 *   lists the pods with it; pod `create-pod-denied` tries to create one and is Forbidden.
 * - ServiceAccount, Role and RoleBinding `pod-creator` (also create pods): pod `create-pod-allowed`
 *   runs the same create, which succeeds.
 * The create attempts use `--dry-run=server`: the API server authorizes and admits the request
 * exactly as for a real create, but stores nothing, so no stray pod is left behind.
 */
export class ServiceAccounts extends Construct {
  public readonly peekImage: string;
  public readonly kubectlImage: string;
  /** The exercise's pods. */
  public readonly pods = {
    peek: PEEK_POD,
    listPods: 'list-pods',
    createDenied: 'create-pod-denied',
    createAllowed: 'create-pod-allowed',
  };
  /** The pod the create attempts name (never stored: server dry run). */
  public readonly probePodName = 'rbac-probe';

  constructor(scope: Construct, id: string, props: ServiceAccountsProps = {}) {
    super(scope, id);
    this.peekImage = props.peekImage ?? imageRef('alpine');
    this.kubectlImage = props.kubectlImage ?? imageRef('kubectl');

    this.pod(this.pods.peek, 'default', {
      name: 'peek',
      image: this.peekImage,
      command: ['sh', '-c', 'cat /var/run/secrets/kubernetes.io/serviceaccount/token'],
      profile: SecurityProfiles.NON_ROOT,
      size: ContainerSizes.TINY,
    });

    const reader = this.identity('pod-reader', ['get', 'list', 'watch']);
    const creator = this.identity('pod-creator', ['get', 'list', 'watch', 'create']);
    const createPod = [
      'run',
      this.probePodName,
      `--image=${this.peekImage}`,
      '--restart=Never',
      '--dry-run=server',
      '--',
      'true',
    ];
    this.kubectl(this.pods.listPods, reader, ['get', 'pods']);
    this.kubectl(this.pods.createDenied, reader, createPod);
    this.kubectl(this.pods.createAllowed, creator, createPod);
  }

  /** A ServiceAccount bound to a Role allowing `verbs` on pods in this namespace only. */
  private identity(name: string, verbs: string[]): string {
    const account = new kplus.ServiceAccount(this, `${name}-account`, { metadata: { name }, automountToken: false });
    const role = new kplus.Role(this, `${name}-role`, { metadata: { name } });
    role.allow(verbs, kplus.ApiResource.PODS);
    const binding = new kplus.RoleBinding(this, `${name}-binding`, { metadata: { name }, role });
    binding.addSubjects(account);
    return name;
  }

  private kubectl(name: string, serviceAccount: string, args: string[]): void {
    this.pod(name, serviceAccount, {
      name: 'kubectl',
      image: this.kubectlImage,
      // Arguments only: the image's entrypoint is kubectl itself.
      args,
      // kubectl writes its discovery cache under $HOME: point it at a writable emptyDir.
      env: [{ name: 'HOME', value: '/tmp' }],
      profile: nonRootWithScratch('/tmp'),
      size: ContainerSizes.SMALL,
    });
  }

  private pod(
    name: string,
    serviceAccount: string,
    container: Parameters<typeof workshopPodTemplate>[0]['containers'][0],
  ): void {
    const template = workshopPodTemplate({
      exercise: exerciseOf(this),
      restartPolicy: 'Never',
      serviceAccountName: serviceAccount,
      containers: [container],
    });
    new k8s.KubePod(this, name, { metadata: { name, labels: template.metadata?.labels }, spec: template.spec });
  }

  /** What this exercise shows on a cluster when it works (read by `npm run verify`). */
  public get outcomes(): readonly Outcome[] {
    return [
      { check: 'podSucceeded', pod: this.pods.peek, hint: `kubectl logs ${this.pods.peek}` },
      // `kubectl get pods` run by list-pods lists list-pods itself.
      {
        check: 'podLog',
        pod: this.pods.listPods,
        hint: `kubectl logs ${this.pods.listPods}`,
        phase: 'Succeeded',
        expect: { contains: this.pods.listPods },
      },
      // kubectl's words for a request RBAC refuses, and for a server dry run it admitted.
      {
        check: 'podLog',
        pod: this.pods.createDenied,
        hint: `kubectl logs ${this.pods.createDenied}`,
        phase: 'Failed',
        expect: { contains: 'Forbidden' },
      },
      {
        check: 'podLog',
        pod: this.pods.createAllowed,
        hint: `kubectl logs ${this.pods.createAllowed}`,
        phase: 'Succeeded',
        expect: { contains: `pod/${this.probePodName} created (server dry run)` },
      },
    ];
  }
}
