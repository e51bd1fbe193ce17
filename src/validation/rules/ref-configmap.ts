import { sourceRule } from '../extract/source-refs';

export const refConfigMap = sourceRule('ref-configmap', 'ConfigMap');
