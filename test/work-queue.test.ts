import { WorkQueue } from '../lib/work-queue';
import { matches } from '../src/validation/extract/selectors';
import { IMAGES } from '../src/images';
import { validationFindings } from './validate-chart';
import { exerciseChart, find, podSpec } from './util';
import type { Json } from '../src/json';

function synth(props = {}) {
  const chart = exerciseChart('work-queue');
  new WorkQueue(chart, 'WorkQueue', props);
  return chart.toJson();
}

describe('WorkQueue', () => {
  test('matches the snapshot', () => {
    expect(synth()).toMatchSnapshot();
  });

  test('starts only the queue, ReplicaSet and Service queue: the text loads it by hand before any consumer runs', () => {
    expect(synth().map((o: Json) => `${o.apiVersion} ${o.kind}/${o.metadata.name}`)).toEqual([
      'v1 ConfigMap/kuard-queue',
      'apps/v1 ReplicaSet/queue',
      'v1 Service/queue',
    ]);
  });

  test('runs one kuard replica as the queue, selected by app=work-queue,component=queue and ready once MemQ answers', () => {
    const rs = find(synth(), 'ReplicaSet', 'queue');
    expect(rs.spec.replicas).toEqual(1);
    expect(rs.spec.selector).toEqual({ matchLabels: { app: 'work-queue', component: 'queue' } });
    const [c] = podSpec(rs).containers;
    expect(c.name).toEqual('queue');
    expect(c.image).toEqual(IMAGES.node.ref);
    expect(c.command).toEqual(['node', '/kuard/kuard.js']);
    expect(c.args).toBeUndefined();
    expect(podSpec(rs).volumes).toEqual([{ name: 'kuard', configMap: { name: 'kuard-queue' } }]);
    expect(c.ports).toEqual([{ name: 'http', containerPort: 8080, protocol: 'TCP' }]);
    expect(c.readinessProbe.httpGet).toEqual({ path: '/memq/server/stats', port: 8080 });
  });

  test('exposes the queue as Service queue on 8080, selecting only the queue pods', () => {
    const objects = synth();
    const svc = find(objects, 'Service', 'queue');
    expect(svc.spec.ports).toEqual([{ name: 'http', port: 8080, protocol: 'TCP', targetPort: 8080 }]);
    const selected = objects.filter(
      (o: Json) => o.spec?.template && matches(svc.spec.selector, o.spec.template.metadata.labels),
    );
    expect(selected.map((o: Json) => `${o.kind}/${o.metadata.name}`)).toEqual(['ReplicaSet/queue']);
  });

  test('labels the ReplicaSet, its pods and the Service as the text does, chapter=jobs included', () => {
    const want = expect.objectContaining({ app: 'work-queue', component: 'queue', chapter: 'jobs' });
    for (const o of synth().filter((o: Json) => o.kind !== 'ConfigMap')) {
      expect(o.metadata.labels).toEqual(want);
      if (o.spec.template) expect(o.spec.template.metadata.labels).toEqual(want);
    }
  });

  test('passes every validation rule, Pod Security restricted included', () => {
    expect(validationFindings(synth())).toEqual([]);
  });

  test('runs the configured kuard image', () => {
    const objects = synth({ image: 'kuard:test' });
    expect(podSpec(find(objects, 'ReplicaSet', 'queue')).containers[0]).toEqual(
      expect.objectContaining({ image: 'kuard:test', command: ['/kuard'] }),
    );
    expect(objects.map((o: Json) => o.kind)).toEqual(['ReplicaSet', 'Service']);
  });

  test('fails when parallelism is zero', () => {
    expect(() => synth({ parallelism: 0 })).toThrow(
      'parallelism must be a positive integer, got 0 (at work-queue/WorkQueue)',
    );
  });

  test('fails when workItems is zero', () => {
    expect(() => synth({ workItems: 0 })).toThrow(
      'workItems must be a positive integer, got 0 (at work-queue/WorkQueue)',
    );
  });

  test('fails when the queue name is not a DNS label', () => {
    expect(() => synth({ queueName: 'key gen' })).toThrow(
      'queueName must be a DNS label (lowercase letters, digits and \'-\', at most 63 characters), got "key gen" (at work-queue/WorkQueue)',
    );
  });
});
