import { ServiceAccounts } from '../lib/service-accounts';
import { exerciseChart, find, NAMESPACE, podSpec } from './util';
import type { Json } from '../src/json';

function synth(props = {}) {
  const chart = exerciseChart('service-accounts');
  new ServiceAccounts(chart, 'ServiceAccounts', props);
  return chart.toJson();
}

describe('ServiceAccounts', () => {
  test('matches the snapshot', () => {
    expect(synth()).toMatchSnapshot();
  });

  test("pod peek-token prints the default ServiceAccount's mounted token, leaving the name peek to the text's kubectl run", () => {
    expect(synth().filter((o: Json) => o.metadata.name === 'peek')).toEqual([]);
    const peek = find(synth(), 'Pod', 'peek-token');
    expect(peek.spec.serviceAccountName).toEqual('default');
    expect(peek.spec.automountServiceAccountToken).toBe(true);
    expect(peek.spec.restartPolicy).toEqual('Never');
    expect(peek.spec.containers[0].image).toEqual('alpine:3.8.5');
    expect(peek.spec.containers[0].command).toEqual([
      'sh',
      '-c',
      'cat /var/run/secrets/kubernetes.io/serviceaccount/token',
    ]);
  });

  test('pod-reader may only read pods, pod-creator may also create them, both in this namespace only', () => {
    const objects = synth();
    expect(find(objects, 'Role', 'pod-reader').rules).toEqual([
      { apiGroups: [''], resources: ['pods'], verbs: ['get', 'list', 'watch'] },
    ]);
    expect(find(objects, 'Role', 'pod-creator').rules).toEqual([
      { apiGroups: [''], resources: ['pods'], verbs: ['get', 'list', 'watch', 'create'] },
    ]);
    expect(objects.filter((o: Json) => o.kind.startsWith('Cluster'))).toEqual([]);
    for (const name of ['pod-reader', 'pod-creator']) {
      const binding = find(objects, 'RoleBinding', name);
      expect(binding.roleRef).toEqual({ apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name });
      expect(binding.subjects).toEqual([{ kind: 'ServiceAccount', name, apiGroup: '', namespace: NAMESPACE }]);
      expect(find(objects, 'ServiceAccount', name).automountServiceAccountToken).toBe(false);
    }
  });

  test('lists pods as pod-reader, and tries the same pod creation as pod-reader and pod-creator', () => {
    const objects = synth();
    const args = (name: string) => podSpec(find(objects, 'Pod', name)).containers[0].args;
    expect(find(objects, 'Pod', 'list-pods').spec.serviceAccountName).toEqual('pod-reader');
    expect(args('list-pods')).toEqual(['get', 'pods']);
    expect(find(objects, 'Pod', 'create-pod-denied').spec.serviceAccountName).toEqual('pod-reader');
    expect(find(objects, 'Pod', 'create-pod-allowed').spec.serviceAccountName).toEqual('pod-creator');
    expect(args('create-pod-denied')).toEqual(args('create-pod-allowed'));
    expect(args('create-pod-allowed')).toContain('--dry-run=server');
  });

  test('runs kubectl as nobody with HOME on a writable emptyDir', () => {
    const spec = podSpec(find(synth(), 'Pod', 'list-pods'));
    const [c] = spec.containers;
    expect(c.securityContext).toEqual(
      expect.objectContaining({ runAsNonRoot: true, runAsUser: 65534, readOnlyRootFilesystem: true }),
    );
    expect(c.env).toEqual([{ name: 'HOME', value: '/tmp' }]);
    expect(c.volumeMounts).toEqual([{ name: 'scratch-tmp', mountPath: '/tmp' }]);
    expect(spec.volumes).toEqual([{ name: 'scratch-tmp', emptyDir: {} }]);
    expect(spec.automountServiceAccountToken).toBe(true);
  });
});
