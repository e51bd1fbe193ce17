export * from './bundle';
export * from './image-rules';
export * from './pod-security';
export * from './references';
export * from './runability';
export * from './schema';
export * from './types';
export * from './validate';
