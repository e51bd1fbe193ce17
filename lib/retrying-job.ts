import { Construct } from 'constructs';
import * as k8s from '../imports/k8s';
import { PropError } from '../src/errors';
import { assertInteger, assertOneOf } from '../src/prop-checks';
import { exerciseOf } from './labels';
import { ContainerSizes, SecurityProfiles, WorkshopContainer, workshopPodTemplate } from './pod-defaults';
import { imageRef } from '../src/images';
import type { Outcome } from './outcomes';
import { JobSettings, jobSettings } from './job-settings';

/** Where the demo Job reads the exit code it ends with. */
export type ExitCodeSource = 'configmap' | 'keyvalue';
const EXIT_CODE_SOURCES: ExitCodeSource[] = ['configmap', 'keyvalue'];

/** The seed's external key-value store. */
export const KEYVALUE_URL = 'https://keyvalue.immanuel.co/api/KeyVal';

/**
 * Settings of exercise retrying-job (`exercises.retryingJob` in workshop.yaml).
 *
 * Its Job settings (JobSettings) default to:
 * - `image`: the catalogue's bash (bash:5.2.37) for 'configmap'; the catalogue's curl (curlimages/curl:8.21.0) (curl preinstalled, no `apk add` at run time) for 'keyvalue'
 * - `backoffLimit`: 4
 * - `ttlSecondsAfterFinished`: 180
 */
export interface RetryingJobProps extends Pick<JobSettings, 'image' | 'backoffLimit' | 'ttlSecondsAfterFinished'> {
  /**
   * Where each attempt reads its exit code.
   * - 'configmap': ConfigMap `demo-job-exit-code`, key `code`, mounted as a volume. Each retry is a
   *   new pod and reads the current value. Let the Job fail a few times, then
   *   `kubectl patch configmap demo-job-exit-code -p '{"data":{"code":"0"}}'`: the next attempt succeeds.
   * - 'keyvalue': the text's keyvalue.immanuel.co record, read with curl (needs internet access
   *   from the cluster, `keyvalueAuthKey`, and the record created as in the text); flip it with
   *   `curl -X POST -d "" https://keyvalue.immanuel.co/api/KeyVal/UpdateValue/<key>/<record>/0`.
   * @default 'configmap'
   */
  readonly exitCodeSource?: ExitCodeSource;
  /**
   * Exit code the ConfigMap starts with ('configmap' source only).
   * @default 1 - every attempt fails until a student changes it
   * @minimum 0
   * @maximum 255
   */
  readonly initialExitCode?: number;
  /**
   * keyvalue.immanuel.co app key: the 8 characters the text takes with `${AUTHKEY:1:8}` from
   * `curl https://keyvalue.immanuel.co/api/KeyVal/GetAppKey`. Stored in Secret `demo-job-keyvalue`.
   * Required with the 'keyvalue' source, rejected with the other.
   * @default - none
   * @pattern ^[A-Za-z0-9]{1,64}$
   * @description letters and digits (the key GetAppKey returns)
   */
  readonly keyvalueAuthKey?: string;
  /**
   * keyvalue.immanuel.co record holding the exit code (the text's `job-$USER`).
   * @default 'demo-job' - only with the 'keyvalue' source
   * @pattern ^[A-Za-z0-9._-]{1,100}$
   * @description letters, digits, '.', '_' or '-'
   */
  readonly keyvalueRecord?: string;
}

const CONFIGMAP_NAME = 'demo-job-exit-code';
const SECRET_NAME = 'demo-job-keyvalue';
const CODE_DIR = '/etc/demo-job';

/**
 * Prints the code in $CODE and exits with it; anything but 0-255 exits 2 with a message, so a typo
 * in the patch shows up in `kubectl logs` instead of a surprising status.
 */
const EXIT_WITH_CODE = [
  'echo "attempt in pod $(cat /etc/hostname): exit code from $SOURCE is \'$CODE\'"',
  'case "$CODE" in \'\'|*[!0-9]*) echo "not a number: exiting 2"; exit 2;; esac',
  'if [ "$CODE" -gt 255 ]; then echo "not an exit code (0-255): exiting 2"; exit 2; fi',
  'exit "$CODE"',
];

/**
 * Jobs text, "Single shot tasks": Job `demo-job` (backoffLimit 4, ttlSecondsAfterFinished 180,
 * restartPolicy Never) whose container `bashtask` exits with a code the student changes while the
 * Job retries. With Never every attempt is a new pod, so `kubectl get pods --watch` shows up to five
 * pods (one run plus four back-off retries, 10 s, 20 s, 40 s, 80 s apart) in Error, and the first
 * attempt after the flip in Completed.
 */
export class RetryingJob extends Construct {
  public readonly exitCodeSource: ExitCodeSource;
  /** The ConfigMap's starting value; undefined with the 'keyvalue' source. */
  public readonly initialExitCode?: number;
  public readonly keyvalueRecord?: string;
  public readonly image: string;
  public readonly backoffLimit: number;
  public readonly ttlSecondsAfterFinished: number;
  public readonly name = 'demo-job';

  constructor(scope: Construct, id: string, props: RetryingJobProps = {}) {
    super(scope, id);
    const where = this.node.path;
    const source: string = props.exitCodeSource ?? 'configmap';
    assertOneOf('exitCodeSource', source, EXIT_CODE_SOURCES, where);
    this.exitCodeSource = source;
    const keyvalue = this.exitCodeSource === 'keyvalue';
    this.initialExitCode = keyvalue ? undefined : (props.initialExitCode ?? 1);
    this.keyvalueRecord = keyvalue ? (props.keyvalueRecord ?? 'demo-job') : undefined;
    this.image = props.image ?? imageRef(keyvalue ? 'curl' : 'bash');
    ({ backoffLimit: this.backoffLimit, ttlSecondsAfterFinished: this.ttlSecondsAfterFinished } = jobSettings(
      props,
      { backoffLimit: 4, ttlSecondsAfterFinished: 180 },
      where,
    ));

    if (keyvalue) {
      if (props.keyvalueAuthKey === undefined) {
        throw new PropError(
          'keyvalueAuthKey',
          undefined,
          `set when exitCodeSource is "keyvalue" (get one with \`curl ${KEYVALUE_URL}/GetAppKey\`)`,
          where,
        );
      }
      if (!/^[A-Za-z0-9]{1,64}$/.test(props.keyvalueAuthKey)) {
        throw new PropError(
          'keyvalueAuthKey',
          props.keyvalueAuthKey,
          'letters and digits (the 8 characters inside the quotes GetAppKey returns)',
          where,
        );
      }
      if (!/^[A-Za-z0-9._-]{1,100}$/.test(this.keyvalueRecord!)) {
        throw new PropError('keyvalueRecord', this.keyvalueRecord, "letters, digits, '.', '_' or '-'", where);
      }
      if (props.initialExitCode !== undefined) {
        throw new PropError(
          'initialExitCode',
          props.initialExitCode,
          'unset when exitCodeSource is "keyvalue" (the keyvalue record holds the code)',
          where,
        );
      }
    } else {
      for (const [field, value] of [
        ['keyvalueAuthKey', props.keyvalueAuthKey],
        ['keyvalueRecord', props.keyvalueRecord],
      ] as const) {
        if (value !== undefined) {
          throw new PropError(
            field,
            value,
            'unset when exitCodeSource is "configmap" (it only applies to "keyvalue")',
            where,
          );
        }
      }
      assertInteger('initialExitCode', this.initialExitCode, 0, where, 255);
    }

    let container: WorkshopContainer;
    let volumes: k8s.Volume[] | undefined;
    if (keyvalue) {
      new k8s.KubeSecret(this, 'KeyvalueSecret', {
        metadata: { name: SECRET_NAME },
        type: 'Opaque',
        data: { authkey: Buffer.from(props.keyvalueAuthKey!, 'utf-8').toString('base64') },
      });
      container = {
        name: 'bashtask',
        image: this.image,
        // The curl image has busybox sh, not bash. GetValue answers with a JSON string ("1").
        command: [
          '/bin/sh',
          '-c',
          ['CODE=$(curl -fsS "$KEYVALUE_URL/GetValue/$AUTHKEY/$RECORD" | tr -d \'"\')', ...EXIT_WITH_CODE].join('\n'),
        ],
        env: [
          { name: 'SOURCE', value: `keyvalue record ${this.keyvalueRecord}` },
          { name: 'KEYVALUE_URL', value: KEYVALUE_URL },
          { name: 'RECORD', value: this.keyvalueRecord },
          { name: 'AUTHKEY', valueFrom: { secretKeyRef: { name: SECRET_NAME, key: 'authkey' } } },
        ],
        // curl and sh only read and print: nobody (65534) instead of the image's uid 100 changes nothing.
        profile: SecurityProfiles.NON_ROOT,
        size: ContainerSizes.TINY,
      };
    } else {
      new k8s.KubeConfigMap(this, 'ExitCode', {
        metadata: { name: CONFIGMAP_NAME },
        data: { code: String(this.initialExitCode) },
      });
      volumes = [{ name: 'exit-code', configMap: { name: CONFIGMAP_NAME } }];
      container = {
        name: 'bashtask',
        image: this.image,
        command: ['/usr/local/bin/bash', '-c', [`CODE=$(cat ${CODE_DIR}/code)`, ...EXIT_WITH_CODE].join('\n')],
        env: [{ name: 'SOURCE', value: `ConfigMap ${CONFIGMAP_NAME}` }],
        volumeMounts: [{ name: 'exit-code', mountPath: CODE_DIR, readOnly: true }],
        // bash reads a world-readable projected file and exits: nobody on a read-only root is enough.
        profile: SecurityProfiles.NON_ROOT,
        size: ContainerSizes.TINY,
      };
    }

    new k8s.KubeJob(this, 'Resource', {
      metadata: { name: this.name },
      spec: {
        backoffLimit: this.backoffLimit,
        ttlSecondsAfterFinished: this.ttlSecondsAfterFinished,
        template: workshopPodTemplate({
          exercise: exerciseOf(this),
          // Never: each attempt is a new pod, which reads the current value and stays for `kubectl logs`.
          restartPolicy: 'Never',
          volumes,
          containers: [container],
        }),
      },
    });
  }

  /** What this exercise shows on a cluster when it works (read by `npm run verify`). */
  public get outcomes(): readonly Outcome[] {
    return [
      {
        check: 'jobCompleteOrExhausted',
        job: this.name,
        hint: 'kubectl get pods --watch',
        attempts: this.backoffLimit + 1,
      },
    ];
  }
}
