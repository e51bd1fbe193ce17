import { sourceRule } from './source-refs';

export const refSecret = sourceRule('ref-secret', 'Secret');
