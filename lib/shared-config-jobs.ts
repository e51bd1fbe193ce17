import { Construct } from 'constructs';
import * as k8s from '../imports/k8s';
import { HOST } from '../src/k8s/grammar';
import { PropError } from '../src/errors';
import { assertDnsLabel, assertGrammar, assertInteger, JobRestartPolicy } from '../src/prop-checks';
import { exerciseOf } from './labels';
import { ContainerSizes, SecurityProfiles, workshopPodTemplate } from './pod-defaults';
import { imageRef } from '../src/images';
import type { Outcome } from './outcomes';
import type { Host, ShortDnsLabel } from '../src/k8s/setting-types';
import { JobSettings, jobSettings } from './job-settings';

/** One host the ping and traceroute Jobs probe, with its ConfigMap settings. */
export interface ProbeTarget {
  /** Suffix of the object names: `target-<name>`, `ping-<name>`, `traceroute-<name>`. */
  readonly name: ShortDnsLabel;
  /** Host name or IP address (ConfigMap key `target`). */
  readonly host: Host;
  /**
   * Seconds to wait for each reply (ConfigMap key `ttw`).
   * @default 4
   * @minimum 1
   */
  readonly ttw?: number;
  /**
   * Maximum number of hops for traceroute (ConfigMap key `max-hops`).
   * @default 15
   * @minimum 1
   */
  readonly maxHops?: number;
}

/**
 * Settings of exercise shared-config-jobs (`exercises.sharedConfigJobs` in workshop.yaml).
 *
 * Its Job settings (JobSettings) default to:
 * - `image`: the catalogue's alpine (alpine:3.8.5)
 * - `restartPolicy`: 'Never'
 */
export interface SharedConfigJobsProps extends Pick<JobSettings, 'image' | 'restartPolicy'> {
  /**
   * Hosts to probe: one ConfigMap and two Jobs each.
   * @default - google.com only, as in the workshop: `target-google`, `ping-google`, `traceroute-google`
   * @minItems 1
   */
  readonly targets?: ProbeTarget[];
}

/**
 * Exercise 3 (day 2): a ConfigMap of shared settings and two Jobs that read it as environment
 * variables, per target. The commands are the workshop table's, verbatim: Kubernetes expands
 * `$(TTW)`, `$(MAX_HOPS)` and `$(TARGET)` from the container's env before the shell runs.
 */
export class SharedConfigJobs extends Construct {
  public readonly targets: Required<ProbeTarget>[];
  public readonly image: string;
  public readonly restartPolicy: JobRestartPolicy;
  /** The Jobs, `ping-<target>` and `traceroute-<target>` per target, in order. */
  public readonly jobNames: string[] = [];

  constructor(scope: Construct, id: string, props: SharedConfigJobsProps = {}) {
    super(scope, id);
    const where = this.node.path;
    this.image = props.image ?? imageRef('alpine');
    this.restartPolicy = jobSettings(props, { restartPolicy: 'Never' }, where).restartPolicy;
    this.targets = (props.targets ?? [{ name: 'google', host: 'google.com' }]).map((t) => ({
      ttw: 4,
      maxHops: 15,
      ...t,
    }));
    if (this.targets.length === 0) {
      throw new PropError('targets', [], 'a list of at least one target', where);
    }
    const seen = new Set<string>();
    this.targets.forEach((t, i) => {
      // `traceroute-<name>` is the longest name built from it.
      assertDnsLabel(`targets[${i}].name`, t.name, where, 63 - 'traceroute-'.length);
      if (seen.has(t.name)) {
        throw new PropError(`targets[${i}].name`, t.name, 'unique among the targets', where);
      }
      seen.add(t.name);
      assertGrammar(`targets[${i}].host`, t.host, HOST, where);
      assertInteger(`targets[${i}].ttw`, t.ttw, 1, where);
      assertInteger(`targets[${i}].maxHops`, t.maxHops, 1, where);
    });

    for (const target of this.targets) {
      this.addTarget(target);
    }
  }

  private addTarget(target: Required<ProbeTarget>): void {
    const configMap = `target-${target.name}`;
    const scope = new Construct(this, target.name);
    new k8s.KubeConfigMap(scope, 'ConfigMap', {
      metadata: { name: configMap },
      data: { target: target.host, ttw: String(target.ttw), 'max-hops': String(target.maxHops) },
    });
    // The text names the variable MAX-HOPS but its command reads $(MAX_HOPS); MAX_HOPS is the one
    // that expands (and a valid shell name), so the command works as printed.
    const env: k8s.EnvVar[] = [
      { name: 'TARGET', valueFrom: { configMapKeyRef: { name: configMap, key: 'target' } } },
      { name: 'TTW', valueFrom: { configMapKeyRef: { name: configMap, key: 'ttw' } } },
      { name: 'MAX_HOPS', valueFrom: { configMapKeyRef: { name: configMap, key: 'max-hops' } } },
    ];
    const jobs: Array<[string, string]> = [
      ['ping', 'ping -W $(TTW) -w 30 $(TARGET)'],
      ['traceroute', 'traceroute -w $(TTW) -m $(MAX_HOPS) $(TARGET)'],
    ];
    for (const [tool, script] of jobs) {
      const name = `${tool}-${target.name}`;
      this.jobNames.push(name);
      new k8s.KubeJob(scope, tool, {
        metadata: { name },
        spec: {
          backoffLimit: 4,
          template: workshopPodTemplate({
            exercise: exerciseOf(this),
            restartPolicy: this.restartPolicy,
            containers: [
              {
                name: tool,
                image: this.image,
                command: ['/bin/sh', '-c', script],
                env,
                profile: SecurityProfiles.RAW_SOCKET_ROOT,
                size: ContainerSizes.TINY,
              },
            ],
          }),
        },
      });
    }
  }

  /** What this exercise shows on a cluster when it works (read by `npm run verify`). */
  public get outcomes(): readonly Outcome[] {
    return this.jobNames.map((name) => ({ check: 'jobComplete', job: name, hint: `kubectl logs job/${name}` }));
  }
}
