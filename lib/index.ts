export * from './checks';
export * from './exercise-chart';
export * from './labels';
export * from './pod-defaults';
export * from './trace-job';
export * from './workshop';
export * from './workshop-namespace';
