// What a working exercise shows on a cluster, as data and in the workshop text's terms ("Job
// traceroute complete", "log of Job volume-mount-explorer ends with Jeff"). Each exercise construct
// declares its outcomes with the names it gave its objects (`outcomes`); `npm run verify`
// (src/verify/checks.ts) reads them and turns each into a check of the objects it lists. The
// constructs know nothing of verify: this file is the whole vocabulary they share.

/** What a log must show. */
export type LogExpectation =
  /** The log, trailing white space removed, ends with the text (the file a Job cats last). */
  | { readonly endsWith: string }
  /** The text stands somewhere in the log. */
  | { readonly contains: string }
  /** The whole log, trimmed, is the text (a program printing one result). */
  | { readonly prints: string };

/** What a Job waits for before it can finish: the pods of another workload (the consumers' queue). */
export interface Upstream {
  /** "the queue server (ReplicaSet queue)". */
  readonly what: string;
  /** Labels of its pods. */
  readonly selector: Readonly<Record<string, string>>;
  /** What else it waits for once those pods run: "until the queue has received 100 work items". */
  readonly until: string;
}

/**
 * One expected outcome. `hint` is the kubectl command to look with, as the guides print it
 * (verify appends `-n <namespace>`).
 */
export type Outcome =
  /** Job `job` complete, with at least `completions` succeeded pods (the Job's own count by default). */
  | {
      readonly check: 'jobComplete';
      readonly job: string;
      readonly hint: string;
      readonly completions?: number;
      readonly title?: string;
      readonly waitsFor?: Upstream;
    }
  /** Job `job` given up after its retries (a failing variant that must fail). */
  | {
      readonly check: 'jobFailedAfterRetries';
      readonly job: string;
      readonly hint: string;
      readonly backoffLimit: number;
    }
  /** Job `job` completed (a student made it succeed) or failed after exactly `attempts` pods. */
  | { readonly check: 'jobCompleteOrExhausted'; readonly job: string; readonly hint: string; readonly attempts: number }
  /** The log of Job `job`'s newest succeeded pod meets `expect`. */
  | { readonly check: 'jobLog'; readonly job: string; readonly hint: string; readonly expect: LogExpectation }
  /** `count` succeeded pods of Job `job`, each of whose logs meets `expect`. */
  | {
      readonly check: 'jobPodsLog';
      readonly job: string;
      readonly hint: string;
      readonly count: number;
      readonly expect: LogExpectation;
    }
  /** Bare pod `pod` ran to completion with `phase` and its log meets `expect`. */
  | {
      readonly check: 'podLog';
      readonly pod: string;
      readonly hint: string;
      readonly phase: 'Succeeded' | 'Failed';
      readonly expect: LogExpectation;
    }
  /** Bare pod `pod` ran its command and exited 0. */
  | { readonly check: 'podSucceeded'; readonly pod: string; readonly hint: string }
  /** Pod `pod` Ready. */
  | { readonly check: 'podReady'; readonly pod: string; readonly hint: string }
  /** A pod carrying `selector` is Ready (a ReplicaSet's pods have random names). */
  | {
      readonly check: 'selectedPodReady';
      readonly title: string;
      readonly selector: Readonly<Record<string, string>>;
      readonly hint: string;
    }
  /** Deployment `deployment` has its replicas Ready. */
  | { readonly check: 'deploymentReady'; readonly deployment: string; readonly hint: string }
  /** PersistentVolumeClaim `claim` Bound. */
  | { readonly check: 'claimBound'; readonly claim: string; readonly hint: string }
  /** Container `container` of pod `pod` restarted by its liveness probe. */
  | { readonly check: 'restartedByLiveness'; readonly pod: string; readonly container: string; readonly hint: string }
  /** Init container `container` of pod `pod` exited 0. */
  | { readonly check: 'initContainerDone'; readonly pod: string; readonly container: string; readonly hint: string }
  /** CronJob `cronJob` has started a Job at least once. */
  | { readonly check: 'cronFired'; readonly cronJob: string; readonly hint: string }
  /** A Job of CronJob `cronJob` has succeeded. */
  | { readonly check: 'cronSucceeded'; readonly cronJob: string; readonly hint: string }
  /** The log of the newest succeeded run of CronJob `cronJob` meets `expect`. */
  | { readonly check: 'cronLog'; readonly cronJob: string; readonly hint: string; readonly expect: LogExpectation };

/** The kinds of outcome, as verify must know them all. */
export type OutcomeCheck = Outcome['check'];

/** An exercise construct: it declares what it shows on a cluster when it works. */
export interface DeclaresOutcomes {
  readonly outcomes: readonly Outcome[];
}

/** Whether `construct` declares outcomes (the exercise construct of a chart does). */
export function declaresOutcomes(construct: unknown): construct is DeclaresOutcomes {
  return (
    typeof construct === 'object' &&
    construct !== null &&
    Array.isArray((construct as Partial<DeclaresOutcomes>).outcomes)
  );
}
