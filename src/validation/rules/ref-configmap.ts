import { sourceRule } from './source-refs';

export const refConfigMap = sourceRule('ref-configmap', 'ConfigMap');
