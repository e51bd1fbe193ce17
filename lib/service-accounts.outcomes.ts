// What exercises 6 and 7 show on a cluster when they work (npm run verify). peek's log is its
// token: verify checks that the pod ran, never reads that log.
import { contains, outcomes, podLog, podSucceeded } from '../src/verify/checks';
import { ServiceAccounts } from './service-accounts';

export const SERVICE_ACCOUNTS_OUTCOMES = outcomes(ServiceAccounts, (sa) => [
  podSucceeded(sa.pods.peek, `kubectl logs ${sa.pods.peek}`),
  // `kubectl get pods` run by list-pods lists list-pods itself.
  podLog(sa.pods.listPods, `kubectl logs ${sa.pods.listPods}`, 'Succeeded', contains(sa.pods.listPods)),
  // kubectl's words for a request RBAC refuses, and for a server dry run it admitted.
  podLog(sa.pods.createDenied, `kubectl logs ${sa.pods.createDenied}`, 'Failed', contains('Forbidden')),
  podLog(sa.pods.createAllowed, `kubectl logs ${sa.pods.createAllowed}`, 'Succeeded', contains(`pod/${sa.probePodName} created (server dry run)`)),
]);
