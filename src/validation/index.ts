export * from './bundle';
export * from './rules';
export * from './totals';
export * from './types';
export * from './validate';
