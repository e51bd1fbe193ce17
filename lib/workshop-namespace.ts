import { Construct } from 'constructs';
import * as k8s from '../imports/k8s';

/** Pod Security Standards levels (https://kubernetes.io/docs/concepts/security/pod-security-standards/). */
export type PodSecurityLevel = 'privileged' | 'baseline' | 'restricted';

export interface WorkshopNamespaceProps {
  /** The namespace's name. */
  readonly name: string;
  /**
   * Pod Security level the API server enforces in the namespace.
   * @default 'baseline' - the level every workshop pod meets; several images run as root
   */
  readonly enforce?: PodSecurityLevel;
  /**
   * Level the API server warns about (and audits) without rejecting.
   * @default 'restricted' - so students see which pods would not pass the strictest level
   */
  readonly warn?: PodSecurityLevel;
}

/** The workshop's Namespace, with Pod Security Standards labels. */
export class WorkshopNamespace extends Construct {
  public readonly name: string;
  public readonly enforce: PodSecurityLevel;
  public readonly warn: PodSecurityLevel;

  constructor(scope: Construct, id: string, props: WorkshopNamespaceProps) {
    super(scope, id);
    this.name = props.name;
    this.enforce = props.enforce ?? 'baseline';
    this.warn = props.warn ?? 'restricted';
    new k8s.KubeNamespace(this, 'Resource', {
      metadata: {
        name: this.name,
        labels: {
          'pod-security.kubernetes.io/enforce': this.enforce,
          'pod-security.kubernetes.io/enforce-version': 'v1.27',
          'pod-security.kubernetes.io/warn': this.warn,
          'pod-security.kubernetes.io/warn-version': 'v1.27',
          'pod-security.kubernetes.io/audit': this.warn,
          'pod-security.kubernetes.io/audit-version': 'v1.27',
        },
      },
    });
  }
}
