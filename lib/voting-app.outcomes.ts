// What exercise 1 shows on a cluster when it works (npm run verify).
import { claimBound, deploymentReady, outcomes, podReady } from '../src/verify/checks';
import { VotingApp } from './voting-app';

export const VOTING_APP_OUTCOMES = outcomes(VotingApp, (app) => [
  podReady(`${app.statefulSetName}-0`, `kubectl get statefulset ${app.statefulSetName}`),
  ...Object.values(app.claimTemplates).map((template) => claimBound(`${template}-${app.statefulSetName}-0`, 'kubectl get pvc')),
  ...Object.values(app.frontEnds).map((name) => deploymentReady(name, `kubectl describe deployment ${name}`)),
]);
