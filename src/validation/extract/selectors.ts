// Label selectors as the API server evaluates them.
import type { Json } from '../../json';

/** Every `key: value` of `selector` is among `labels`. */
export function matches(selector: Record<string, string>, labels: Record<string, string>): boolean {
  return Object.entries(selector).every(([k, v]) => labels[k] === v);
}

export function matchExpressions(expressions: Json[], labels: Record<string, string>): boolean {
  return expressions.every((e) => {
    const has = Object.prototype.hasOwnProperty.call(labels, e?.key);
    switch (e?.operator) {
      case 'In':
        return has && (e.values ?? []).includes(labels[e.key]);
      case 'NotIn':
        return !has || !(e.values ?? []).includes(labels[e.key]);
      case 'Exists':
        return has;
      case 'DoesNotExist':
        return !has;
      default:
        return false;
    }
  });
}
