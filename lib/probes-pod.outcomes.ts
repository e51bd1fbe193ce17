// What the probes pod shows on a cluster when it works (npm run verify).
import { initContainerDone, outcomes, restartedByLiveness } from '../src/verify/checks';
import { ProbesPod } from './probes-pod';

export const PROBES_POD_OUTCOMES = outcomes(ProbesPod, (pod) => [
  initContainerDone(pod.name, pod.initContainer, `kubectl get pod ${pod.name} -w`),
  restartedByLiveness(pod.name, pod.appContainer, `kubectl describe pod ${pod.name}`),
]);
