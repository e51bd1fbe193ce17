import * as path from 'path';
import { kubeconfigFiles } from '../src/verify/kubeconfig';

describe('finding the kubeconfig as kubectl does', () => {
  test('reads every file KUBECONFIG lists, in order, skipping empty entries', () => {
    expect(kubeconfigFiles({ KUBECONFIG: ['/a/config', '', '/b/config'].join(path.delimiter) }, '/home/me')).toEqual(['/a/config', '/b/config']);
  });

  test('falls back to ~/.kube/config when KUBECONFIG is unset or empty', () => {
    expect(kubeconfigFiles({}, '/home/me')).toEqual(['/home/me/.kube/config']);
    expect(kubeconfigFiles({ KUBECONFIG: '' }, '/home/me')).toEqual(['/home/me/.kube/config']);
  });
});
