import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { exerciseLabels } from './labels';

export interface ExerciseChartProps {
  /** Namespace every object of the exercise lives in. */
  readonly namespace: string;
  /**
   * The exercise's name: the chart id, the output file (`NNNN-<exercise>.k8s.yaml`) and the
   * value of the `k8s-workshop/exercise` label.
   */
  readonly exercise: string;
  /**
   * Chart id, when several workshops share one app (one per student).
   * @default - the exercise's name
   */
  readonly chartId?: string;
  /**
   * Labels on every object besides the exercise's (k8s-workshop/part=access on student access).
   * @default - none
   */
  readonly extraLabels?: Record<string, string>;
}

/** One exercise's chart: every object in it gets the workshop namespace and the exercise labels. */
export class ExerciseChart extends Chart {
  public readonly exercise: string;

  constructor(scope: Construct, props: ExerciseChartProps) {
    super(scope, props.chartId ?? props.exercise, {
      namespace: props.namespace,
      labels: { ...exerciseLabels(props.exercise), ...props.extraLabels },
      disableResourceNameHashes: true,
    });
    this.exercise = props.exercise;
  }
}
