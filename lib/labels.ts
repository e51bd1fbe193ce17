import { Chart } from 'cdk8s';
import { Construct } from 'constructs';

/** Label shared by every object of the workshop: `kubectl delete all -l app.kubernetes.io/part-of=k8s-workshop`. */
export const PART_OF_LABEL = 'app.kubernetes.io/part-of';
export const PART_OF_VALUE = 'k8s-workshop';
export const MANAGED_BY_LABEL = 'app.kubernetes.io/managed-by';
export const MANAGED_BY_VALUE = 'cdk8s';
/** Label naming the exercise an object belongs to: `kubectl delete job,cm -l k8s-workshop/exercise=trace-job`. */
export const EXERCISE_LABEL = 'k8s-workshop/exercise';

/**
 * What a class starts with when students do the exercises themselves ("access-only"): the
 * namespaces, quotas, limits and each student's ServiceAccount, Role and RoleBinding carry
 * `k8s-workshop/part=access`, and nothing else does:
 * `kubectl apply -f dist -l k8s-workshop/part=access` creates exactly that; `kubectl apply -f dist`
 * everything ("solutions").
 */
export const PART_LABEL = 'k8s-workshop/part';
export const ACCESS_PART = 'access';

/** The labels every object and every pod template of one exercise carries. */
export function exerciseLabels(exercise: string): Record<string, string> {
  return {
    [PART_OF_LABEL]: PART_OF_VALUE,
    [MANAGED_BY_LABEL]: MANAGED_BY_VALUE,
    [EXERCISE_LABEL]: exercise,
  };
}

/** The exercise a construct belongs to: its chart's exercise label, else the chart's id. */
export function exerciseOf(scope: Construct): string {
  const chart = Chart.of(scope);
  return chart.labels[EXERCISE_LABEL] ?? chart.node.id;
}
