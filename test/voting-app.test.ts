import { VotingApp } from '../lib/voting-app';
import { exerciseChart, find, podSpec } from './util';
import { validationFindings } from './validate-chart';
import type { Json } from '../src/json';

function synth(props = {}) {
  const chart = exerciseChart('voting-app');
  new VotingApp(chart, 'VotingApp', props);
  return chart.toJson();
}

describe('VotingApp', () => {
  test('matches the snapshot', () => {
    expect(synth()).toMatchSnapshot();
  });

  test('runs redis, postgres and the worker in StatefulSet data-pipeline, governed by headless Service ss-db', () => {
    const objects = synth();
    const sts = find(objects, 'StatefulSet', 'data-pipeline');
    expect(sts.spec.serviceName).toEqual('ss-db');
    expect(find(objects, 'Service', 'ss-db').spec.clusterIP).toEqual('None');
    expect(sts.spec.selector.matchLabels).toEqual({ app: 'data-pipeline' });
    expect(sts.spec.template.metadata.labels.app).toEqual('data-pipeline');
    const containers = podSpec(sts).containers;
    expect(containers.map((c: Json) => [c.name, c.image])).toEqual([
      ['redis', 'redis:8.6.6-alpine'],
      ['db', 'postgres:9.4.26'],
      [
        'worker',
        'dockersamples/examplevotingapp_worker:latest@sha256:c8a8571065479c12567e8e440836e543d185c678cd4781a32b100f71e8f39c86',
      ],
    ]);
    expect(podSpec(sts).hostAliases).toEqual([{ ip: '127.0.0.1', hostnames: ['redis', 'db', 'worker'] }]);
  });

  test('keeps redis data on claim redis-data at /data and postgres data on pg-data under PGDATA', () => {
    const sts = find(synth(), 'StatefulSet', 'data-pipeline');
    const [redis, db] = podSpec(sts).containers;
    expect(redis.volumeMounts).toEqual([{ name: 'redis-data', mountPath: '/data' }]);
    const pgdata = db.env.find((e: Json) => e.name === 'PGDATA').value;
    expect(pgdata).toEqual('/var/lib/postgresql/data/pgdata');
    const [mount] = db.volumeMounts;
    expect(mount.name).toEqual('pg-data');
    expect(pgdata.startsWith(mount.mountPath + '/')).toBe(true);
    expect(podSpec(sts).volumes).toBeUndefined();
    expect(sts.spec.volumeClaimTemplates).toEqual(
      ['redis-data', 'pg-data'].map((name) => ({
        metadata: { name },
        spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
      })),
    );
  });

  test("leaves storageClassName out by default, so the cluster's default StorageClass provisions the claims", () => {
    const sts = find(synth(), 'StatefulSet', 'data-pipeline');
    for (const template of sts.spec.volumeClaimTemplates) {
      // Absent, not "": an empty class would only bind pre-made PersistentVolumes.
      expect(template.spec).not.toHaveProperty('storageClassName');
    }
  });

  test('mounts the postgres claim above PGDATA, so lost+found at the volume root never meets initdb', () => {
    const [, db] = podSpec(find(synth(), 'StatefulSet', 'data-pipeline')).containers;
    const pgdata: string = db.env.find((e: Json) => e.name === 'PGDATA').value;
    const mount = db.volumeMounts.find((m: Json) => m.name === 'pg-data');
    expect(pgdata).not.toEqual(mount.mountPath);
    expect(pgdata.slice(mount.mountPath.length + 1)).toMatch(/^[^/]+$/);
  });

  test('switching the postgres image keeps the claim and PGDATA, so the data survives', () => {
    const before = find(synth(), 'StatefulSet', 'data-pipeline');
    const after = find(synth({ postgresImage: 'postgres:9.4.26-alpine' }), 'StatefulSet', 'data-pipeline');
    expect(podSpec(after).containers[1].image).toEqual('postgres:9.4.26-alpine');
    expect(after.spec.volumeClaimTemplates).toEqual(before.spec.volumeClaimTemplates);
    expect(podSpec(after).containers[1].env).toEqual(podSpec(before).containers[1].env);
    expect(podSpec(after).containers[1].volumeMounts).toEqual(podSpec(before).containers[1].volumeMounts);
  });

  test('gives the front ends the host names redis and db, and NodePorts 31000 and 31001', () => {
    const objects = synth();
    expect(find(objects, 'Service', 'redis').spec).toEqual(
      expect.objectContaining({ selector: { app: 'data-pipeline' } }),
    );
    expect(find(objects, 'Service', 'redis').spec.ports[0].port).toEqual(6379);
    expect(find(objects, 'Service', 'db').spec.ports[0].port).toEqual(5432);
    expect(find(objects, 'Service', 'vote').spec).toEqual(
      expect.objectContaining({ type: 'NodePort', selector: { app: 'voting-vote' } }),
    );
    expect(find(objects, 'Service', 'vote').spec.ports[0].nodePort).toEqual(31000);
    expect(find(objects, 'Service', 'result').spec.ports[0].nodePort).toEqual(31001);
  });

  test('labels the results pods app=voting-result, so `kubectl delete pod -l app=voting-result` recreates them', () => {
    const result = find(synth(), 'Deployment', 'result');
    expect(result.spec.selector.matchLabels).toEqual({ app: 'voting-result' });
    expect(result.spec.template.metadata.labels.app).toEqual('voting-result');
    expect(result.spec.replicas).toEqual(1);
  });

  test('gives redis 8 SETPCAP for its setpriv drop, postgres only chown and user switching, the worker nothing', () => {
    const [redis, db, worker] = podSpec(find(synth(), 'StatefulSet', 'data-pipeline')).containers;
    expect(redis.securityContext.capabilities).toEqual({
      drop: ['ALL'],
      add: ['CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'SETGID', 'SETPCAP', 'SETUID'],
    });
    expect(db.securityContext.capabilities).toEqual({
      drop: ['ALL'],
      add: ['CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'SETGID', 'SETUID'],
    });
    for (const c of [redis, db]) {
      expect(c.securityContext.runAsUser).toEqual(0);
      expect(c.securityContext.allowPrivilegeEscalation).toBe(false);
    }
    // redis writes only /data, its claim; postgres also writes its socket in /var/run/postgresql.
    expect(redis.securityContext.readOnlyRootFilesystem).toBe(true);
    expect(db.securityContext.readOnlyRootFilesystem).toBe(false);
    expect(worker.securityContext.capabilities).toEqual({ drop: ['ALL'] });
  });

  test('gives the old redis profile (no SETPCAP) an image-profile finding', () => {
    const objects = synth();
    const [redis] = podSpec(find(objects, 'StatefulSet', 'data-pipeline')).containers;
    redis.securityContext.capabilities.add = ['CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'SETGID', 'SETUID'];
    expect(validationFindings(objects, 'baseline').filter((f) => f.startsWith('[image-profile]'))).toEqual([
      '[image-profile] StatefulSet/workshop-day2-solutions/data-pipeline spec.template.spec.containers[0].securityContext.capabilities.add: ' +
        'got ["CHOWN","DAC_OVERRIDE","FOWNER","SETGID","SETUID"], expected capabilities including SETPCAP: its entrypoint steps down ' +
        'from root (redis:8.6.6-alpine) and needs CHOWN, DAC_OVERRIDE, FOWNER, SETGID, SETPCAP, SETUID (src/images.ts)',
    ]);
  });

  test('lets the front ends bind port 80 and mounts no API token anywhere', () => {
    const objects = synth();
    for (const name of ['vote', 'result']) {
      const spec = podSpec(find(objects, 'Deployment', name));
      expect(spec.containers[0].securityContext.capabilities).toEqual({ drop: ['ALL'], add: ['NET_BIND_SERVICE'] });
      expect(spec.containers[0].ports[0].containerPort).toEqual(80);
      expect(spec.automountServiceAccountToken).toBe(false);
    }
    expect(podSpec(find(objects, 'StatefulSet', 'data-pipeline')).automountServiceAccountToken).toBe(false);
  });

  test('puts the claims on a named StorageClass when one is configured', () => {
    for (const name of ['hostpath', 'standard', 'fast.ssd']) {
      const sts = find(synth({ storageClassName: name }), 'StatefulSet', 'data-pipeline');
      expect(sts.spec.volumeClaimTemplates.map((t: Json) => t.spec.storageClassName)).toEqual([name, name]);
    }
  });

  test('fails when a NodePort is outside 30000-32767', () => {
    expect(() => synth({ voteNodePort: 8080 })).toThrow(
      'voteNodePort must be an integer from 30000 to 32767, got 8080 (at voting-app/VotingApp)',
    );
  });

  test('fails when both front ends ask for the same NodePort', () => {
    expect(() => synth({ resultNodePort: 31000 })).toThrow(
      'resultNodePort must be a NodePort other than voteNodePort 31000, got 31000 (at voting-app/VotingApp)',
    );
  });

  test('fails when the StorageClass name is not a DNS name', () => {
    expect(() => synth({ storageClassName: 'Fast SSD' })).toThrow(
      "storageClassName must be a DNS subdomain (lowercase letters, digits, '-' and '.', at most 253 characters), got \"Fast SSD\" (at voting-app/VotingApp)",
    );
    expect(() => synth({ storageClassName: '' })).toThrow('storageClassName must be a DNS subdomain');
  });
});
