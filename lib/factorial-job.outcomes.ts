// What the factorial Job shows on a cluster when it works (npm run verify).
import { jobComplete, jobPodsLog, outcomes, prints } from '../src/verify/checks';
import { FactorialJob } from './factorial-job';

/** n! as Python prints it (exact, however many digits). */
function factorial(n: number): string {
  let result = 1n;
  for (let i = 2n; i <= BigInt(n); i++) result *= i;
  return String(result);
}

export const FACTORIAL_JOB_OUTCOMES = outcomes(FactorialJob, (job) => [
  jobComplete(job.name, `kubectl get job ${job.name}`, { completions: job.completions }),
  jobPodsLog(job.name, `kubectl logs -l job-name=${job.name}`, job.completions, prints(factorial(job.n))),
]);
