import { Construct } from 'constructs';
import * as k8s from '../imports/k8s';
import { JobRestartPolicy } from '../src/prop-checks';
import { exerciseOf } from './labels';
import { ContainerSizes, SecurityProfiles, workshopPodTemplate } from './pod-defaults';
import { imageRef } from '../src/images';
import type { Outcome } from './outcomes';
import type { NonEmptyText } from '../src/k8s/setting-types';
import { JobSettings, jobSettings } from './job-settings';

/** The login settings of exercises 4 and 5 (a ConfigMap, then a Secret). */
export interface LoginSettings {
  /** @default 'Jeff' */
  readonly username?: NonEmptyText;
  /** @default 'TeachesThisClass' */
  readonly password?: NonEmptyText;
  /** @default 'http://localhost:8080/login' */
  readonly endpoint?: NonEmptyText;
}

/** The workshop's values, printed in its text. */
export const WORKSHOP_LOGIN: Required<LoginSettings> = {
  username: 'Jeff',
  password: 'TeachesThisClass',
  endpoint: 'http://localhost:8080/login',
};

/**
 * Settings of exercise config-volume-job (`exercises.configVolumeJob` in workshop.yaml).
 *
 * Its Job settings (JobSettings) default to:
 * - `image`: the catalogue's alpine (alpine:3.8.5)
 * - `restartPolicy`: 'Never'
 */
export interface ConfigVolumeJobProps extends LoginSettings, Pick<JobSettings, 'image' | 'restartPolicy'> {}

/**
 * Exercise 4 (day 2): ConfigMap `not-secret-config` mounted as a volume at /etc/not-secret by Job
 * `volume-mount-explorer`, whose log lists the projected files and ends with the username (`Jeff`).
 */
export class ConfigVolumeJob extends Construct {
  public readonly login: Required<LoginSettings>;
  public readonly image: string;
  public readonly restartPolicy: JobRestartPolicy;
  public readonly jobName = 'volume-mount-explorer';

  constructor(scope: Construct, id: string, props: ConfigVolumeJobProps = {}) {
    super(scope, id);
    this.login = {
      username: props.username ?? WORKSHOP_LOGIN.username,
      password: props.password ?? WORKSHOP_LOGIN.password,
      endpoint: props.endpoint ?? WORKSHOP_LOGIN.endpoint,
    };
    this.image = props.image ?? imageRef('alpine');
    this.restartPolicy = jobSettings(props, { restartPolicy: 'Never' }, this.node.path).restartPolicy;

    new k8s.KubeConfigMap(this, 'ConfigMap', {
      metadata: { name: 'not-secret-config' },
      data: { ...this.login },
    });
    new k8s.KubeJob(this, 'Resource', {
      metadata: { name: this.jobName },
      spec: {
        backoffLimit: 4,
        template: workshopPodTemplate({
          exercise: exerciseOf(this),
          restartPolicy: this.restartPolicy,
          volumes: [{ name: 'not-secret-config', configMap: { name: 'not-secret-config' } }],
          containers: [
            {
              name: 'explorer',
              image: this.image,
              command: ['/bin/sh', '-c', 'ls -al /etc/not-secret; cat /etc/not-secret/username'],
              volumeMounts: [{ name: 'not-secret-config', mountPath: '/etc/not-secret', readOnly: true }],
              // Reads world-readable projected files (mode 0644) and prints: nobody is enough.
              profile: SecurityProfiles.NON_ROOT,
              size: ContainerSizes.TINY,
            },
          ],
        }),
      },
    });
  }

  /** What this exercise shows on a cluster when it works (read by `npm run verify`). */
  public get outcomes(): readonly Outcome[] {
    return [
      { check: 'jobComplete', job: this.jobName, hint: `kubectl logs job/${this.jobName}` },
      // The last file it cats is the mounted username.
      {
        check: 'jobLog',
        job: this.jobName,
        hint: `kubectl logs job/${this.jobName}`,
        expect: { endsWith: this.login.username },
      },
    ];
  }
}
