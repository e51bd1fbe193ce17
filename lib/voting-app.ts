import { Construct } from 'constructs';
import * as k8s from '../imports/k8s';
import { PropError } from '../src/errors';
import { assertDnsSubdomain, assertInteger } from '../src/prop-checks';
import { imageRef } from '../src/images';
import { exerciseOf } from './labels';
import { ContainerSizes, SecurityProfiles, workshopPodTemplate } from './pod-defaults';
import type { Outcome } from './outcomes';
import type { DnsSubdomain, ImageRef, NodePort, Quantity } from '../src/k8s/setting-types';

/** NodePorts Kubernetes accepts by default (--service-node-port-range). */
export const NODE_PORT_RANGE = { min: 30000, max: 32767 };

export interface VotingAppProps {
  /**
   * StorageClass of both volume claims.
   * @default - none: the cluster's default StorageClass provisions them (Docker Desktop `hostpath`,
   *   kind `standard` from rancher local-path, minikube `standard`), so the claims bind on each as is
   */
  readonly storageClassName?: DnsSubdomain;
  /**
   * Image of the `db` container. Switching to 'postgres:9.4.26-alpine' keeps the votes: same major
   * version, same claim, same PGDATA (the entrypoint re-chowns the data to the alpine user).
   * @default - the catalogue's postgres (postgres:9.4.26)
   */
  readonly postgresImage?: ImageRef;
  /** @default - the catalogue's redis (redis:8.6.6-alpine) */
  readonly redisImage?: ImageRef;
  /** @default - the catalogue's worker (dockersamples/examplevotingapp_worker:latest, pinned by digest) */
  readonly workerImage?: ImageRef;
  /** @default - the catalogue's vote (dockersamples/examplevotingapp_vote:latest, pinned by digest) */
  readonly voteImage?: ImageRef;
  /** @default - the catalogue's result (dockersamples/examplevotingapp_result:latest, pinned by digest) */
  readonly resultImage?: ImageRef;
  /**
   * NodePort of the vote page (http://localhost:31000 on Docker Desktop).
   * @default 31000
   */
  readonly voteNodePort?: NodePort;
  /**
   * NodePort of the results page.
   * @default 31001
   */
  readonly resultNodePort?: NodePort;
  /**
   * Size of each volume claim.
   * @default '1Gi'
   */
  readonly storageSize?: Quantity;
}

/**
 * Exercise 1 (day 2): the voting app with a persistent data pipeline.
 *
 * StatefulSet `data-pipeline` (governed by headless Service `ss-db`) runs redis, postgres and the
 * worker in one pod; the worker reaches the other two through the text's hostAliases (127.0.0.1).
 * Services `redis` and `db` give the vote and result front ends those host names. Votes live on
 * the claims `redis-data` and `pg-data`, so they survive pod deletion and an image change.
 */
export class VotingApp extends Construct {
  /** The claims' StorageClass; undefined means the cluster's default class. */
  public readonly storageClassName?: string;
  public readonly postgresImage: string;
  public readonly voteNodePort: number;
  public readonly resultNodePort: number;
  /** The StatefulSet; its one pod is `<name>-0`. */
  public readonly statefulSetName = 'data-pipeline';
  /** Its claim templates; the claims are `<template>-<statefulSetName>-0`. */
  public readonly claimTemplates = { redis: 'redis-data', postgres: 'pg-data' };
  /** The front ends' Deployments and NodePort Services. */
  public readonly frontEnds = { vote: 'vote', result: 'result' };

  constructor(scope: Construct, id: string, props: VotingAppProps = {}) {
    super(scope, id);
    const where = this.node.path;
    this.storageClassName = props.storageClassName;
    this.postgresImage = props.postgresImage ?? imageRef('postgres');
    this.voteNodePort = props.voteNodePort ?? 31000;
    this.resultNodePort = props.resultNodePort ?? 31001;
    const storage = props.storageSize ?? '1Gi';
    if (this.storageClassName !== undefined) assertDnsSubdomain('storageClassName', this.storageClassName, where);
    for (const [field, port] of [
      ['voteNodePort', this.voteNodePort],
      ['resultNodePort', this.resultNodePort],
    ] as const) {
      assertInteger(field, port, NODE_PORT_RANGE.min, where, NODE_PORT_RANGE.max);
    }
    if (this.voteNodePort === this.resultNodePort) {
      throw new PropError(
        'resultNodePort',
        this.resultNodePort,
        `a NodePort other than voteNodePort ${this.voteNodePort}`,
        where,
      );
    }
    const exercise = exerciseOf(this);
    const pipeline = { app: 'data-pipeline' };

    new k8s.KubeService(this, 'GoverningService', {
      metadata: { name: 'ss-db' },
      spec: { clusterIp: 'None', selector: pipeline, ports: [{ name: 'db', port: 5432 }] },
    });
    new k8s.KubeService(this, 'RedisService', {
      metadata: { name: 'redis' },
      spec: {
        selector: pipeline,
        ports: [{ name: 'redis', port: 6379, targetPort: k8s.IntOrString.fromNumber(6379) }],
      },
    });
    new k8s.KubeService(this, 'DbService', {
      metadata: { name: 'db' },
      spec: {
        selector: pipeline,
        ports: [{ name: 'postgres', port: 5432, targetPort: k8s.IntOrString.fromNumber(5432) }],
      },
    });

    const claim = (name: string): k8s.KubePersistentVolumeClaimProps => ({
      metadata: { name },
      spec: {
        accessModes: ['ReadWriteOnce'],
        // Left out, the API server's DefaultStorageClass admission fills in the cluster's default.
        // (An empty string would mean "no class": only a pre-made PersistentVolume could bind.)
        ...(this.storageClassName === undefined ? {} : { storageClassName: this.storageClassName }),
        resources: { requests: { storage: k8s.Quantity.fromString(storage) } },
      },
    });
    new k8s.KubeStatefulSet(this, 'Resource', {
      metadata: { name: this.statefulSetName },
      spec: {
        replicas: 1,
        serviceName: 'ss-db',
        selector: { matchLabels: pipeline },
        template: workshopPodTemplate({
          exercise,
          labels: pipeline,
          terminationGracePeriodSeconds: 10,
          hostAliases: [{ ip: '127.0.0.1', hostnames: ['redis', 'db', 'worker'] }],
          containers: [
            {
              name: 'redis',
              image: props.redisImage ?? imageRef('redis'),
              ports: [{ containerPort: 6379 }],
              volumeMounts: [{ name: this.claimTemplates.redis, mountPath: '/data' }],
              // The entrypoint fixes /data's owner on the fresh volume, then steps down with setpriv.
              profile: SecurityProfiles.REDIS_ENTRYPOINT,
              size: ContainerSizes.SMALL,
            },
            {
              name: 'db',
              image: this.postgresImage,
              ports: [{ containerPort: 5432 }],
              env: [
                // The claim is mounted one level up and PGDATA is a subdirectory of it: initdb
                // wants an empty directory, and some provisioners put lost+found at a volume's root.
                { name: 'PGDATA', value: '/var/lib/postgresql/data/pgdata' },
                // The vote and result images have postgres/postgres built in; not a secret.
                { name: 'POSTGRES_USER', value: 'postgres' },
                { name: 'POSTGRES_PASSWORD', value: 'postgres' },
              ],
              volumeMounts: [{ name: this.claimTemplates.postgres, mountPath: '/var/lib/postgresql/data' }],
              // chown of PGDATA and /var/run/postgresql, then gosu (su-exec on alpine) postgres.
              profile: SecurityProfiles.POSTGRES_ENTRYPOINT,
              size: ContainerSizes.MEDIUM,
            },
            {
              name: 'worker',
              image: props.workerImage ?? imageRef('worker'),
              // The image's own (root) user, with no capability: it only opens client connections.
              profile: SecurityProfiles.ROOT_NO_CAPABILITIES,
              size: ContainerSizes.MEDIUM,
            },
          ],
        }),
        volumeClaimTemplates: [claim(this.claimTemplates.redis), claim(this.claimTemplates.postgres)],
      },
    });

    this.frontEnd(this.frontEnds.vote, 'voting-vote', props.voteImage ?? imageRef('vote'), this.voteNodePort, exercise);
    this.frontEnd(
      this.frontEnds.result,
      'voting-result',
      props.resultImage ?? imageRef('result'),
      this.resultNodePort,
      exercise,
    );
  }

  /** A Deployment listening on port 80 and its NodePort Service. */
  private frontEnd(name: string, app: string, image: string, nodePort: number, exercise: string): void {
    const labels = { app };
    new k8s.KubeDeployment(this, name, {
      metadata: { name },
      spec: {
        replicas: 1,
        selector: { matchLabels: labels },
        template: workshopPodTemplate({
          exercise,
          labels,
          containers: [
            {
              name,
              image,
              ports: [{ containerPort: 80, name: 'http' }],
              // Root by default and serving on port 80: NET_BIND_SERVICE only.
              profile: SecurityProfiles.ROOT_WEB_APP,
              size: ContainerSizes.SMALL,
            },
          ],
        }),
      },
    });
    new k8s.KubeService(this, `${name}-service`, {
      metadata: { name },
      spec: {
        type: 'NodePort',
        selector: labels,
        ports: [{ name: 'http', port: 80, targetPort: k8s.IntOrString.fromNumber(80), nodePort }],
      },
    });
  }

  /** What this exercise shows on a cluster when it works (read by `npm run verify`). */
  public get outcomes(): readonly Outcome[] {
    return [
      { check: 'podReady', pod: `${this.statefulSetName}-0`, hint: `kubectl get statefulset ${this.statefulSetName}` },
      ...Object.values(this.claimTemplates).map((template) => ({
        check: 'claimBound' as const,
        claim: `${template}-${this.statefulSetName}-0`,
        hint: 'kubectl get pvc',
      })),
      ...Object.values(this.frontEnds).map((name) => ({
        check: 'deploymentReady' as const,
        deployment: name,
        hint: `kubectl describe deployment ${name}`,
      })),
    ];
  }
}
