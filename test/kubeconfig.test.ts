import * as path from 'path';
import { KubeconfigError } from '../src/errors';
import { chooseContext, kubeconfigFiles } from '../src/verify/kubeconfig';

describe('finding the kubeconfig as kubectl does', () => {
  test('reads every file KUBECONFIG lists, in order, skipping empty entries', () => {
    expect(kubeconfigFiles({ KUBECONFIG: ['/a/config', '', '/b/config'].join(path.delimiter) }, '/home/me')).toEqual([
      '/a/config',
      '/b/config',
    ]);
  });

  test('falls back to ~/.kube/config when KUBECONFIG is unset or empty', () => {
    expect(kubeconfigFiles({}, '/home/me')).toEqual(['/home/me/.kube/config']);
    expect(kubeconfigFiles({ KUBECONFIG: '' }, '/home/me')).toEqual(['/home/me/.kube/config']);
  });
});

// connect() feeds chooseContext what client-node read from the files; the real loading is tested
// end to end in verify-process.test.ts (--context picks a context that is not the current one).
describe('choosing the kube-context as kubectl does', () => {
  const files = ['/home/me/.kube/config'];
  const contexts = ['other', 'admin@standin'];

  function message(f: () => unknown): string {
    try {
      f();
    } catch (err) {
      expect(err).toBeInstanceOf(KubeconfigError);
      return (err as Error).message;
    }
    throw new Error('no KubeconfigError');
  }

  test('--context wins over the current context', () => {
    expect(chooseContext({ files, contexts, current: 'other', requested: 'admin@standin' })).toEqual('admin@standin');
  });

  test('without --context, the current context', () => {
    expect(chooseContext({ files, contexts, current: 'other' })).toEqual('other');
  });

  test('names the contexts there are when --context names none of them', () => {
    expect(message(() => chooseContext({ files, contexts, current: 'other', requested: 'kind-kind' }))).toEqual(
      'no kube-context named kind-kind in /home/me/.kube/config; contexts: other, admin@standin',
    );
    expect(message(() => chooseContext({ files: ['/a', '/b'], contexts: [], requested: 'kind-kind' }))).toEqual(
      'no kube-context named kind-kind in /a, /b',
    );
  });

  test('without --context and a current context, says how to pick one', () => {
    expect(message(() => chooseContext({ files, contexts, current: '' }))).toEqual(
      'no kube-context: /home/me/.kube/config sets no current-context; pass --context NAME (one of other, admin@standin) or run kubectl config use-context NAME',
    );
    expect(message(() => chooseContext({ files, contexts: [] }))).toEqual(
      'no kube-context: /home/me/.kube/config sets no current-context; pass --context NAME or run kubectl config use-context NAME',
    );
  });
});
