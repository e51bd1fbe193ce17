import { sourceRule } from '../extract/source-refs';

export const refSecret = sourceRule('ref-secret', 'Secret');
