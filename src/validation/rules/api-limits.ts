// Sizes the API server and etcd cap although the schema says nothing about them. A manifest past
// one of these passes kubeconform and fails at `kubectl apply`.
import { LABEL_KEY, LABEL_VALUE } from '../../k8s/grammar';
import type { FindingDraft, Rule } from '../types';
import type { Json } from '../../json';

/**
 * ConfigMap data and Secret data, in bytes: core.MaxSecretSize (1 MiB), which ValidateConfigMap and
 * ValidateSecret compare with the summed length of the values (binaryData and Secret data decoded).
 */
export const MAX_DATA_BYTES = 1024 * 1024;

/**
 * Any object as stored: etcd refuses a request over its --max-request-bytes, 1.5 MiB by default
 * (the API server itself reads bodies up to 3 MB, so etcd is the limit kubectl meets:
 * "etcdserver: request is too large"). Measured on the JSON synth writes; etcd stores built-in
 * kinds as protobuf, a little smaller, so an object this rule accepts is always stored.
 */
export const MAX_OBJECT_BYTES = 1536 * 1024;

/** metadata.annotations, keys and values together: apimachinery's TotalAnnotationSizeLimitB (256 KiB). */
export const MAX_ANNOTATIONS_BYTES = 256 * 1024;

const bytes = (s: unknown) => (typeof s === 'string' ? Buffer.byteLength(s, 'utf-8') : 0);
const jsonBytes = (v: unknown) => (v === undefined ? 0 : Buffer.byteLength(JSON.stringify(v), 'utf-8'));
const base64Bytes = (s: unknown) => (typeof s === 'string' ? Buffer.from(s, 'base64').length : 0);
const sum = (values: unknown, size: (v: unknown) => number) =>
  Object.values(values && typeof values === 'object' ? values : {}).reduce<number>((n, v) => n + size(v), 0);

export const apiLimits: Rule = {
  id: 'api-limits',
  description:
    'objects fit the sizes the API server and etcd enforce: ConfigMap and Secret data at most 1 MiB, ' +
    'any object at most 1.5 MiB, annotations at most 256 KiB, pod template label keys and values within their lengths',
  remediation:
    'split the data over several ConfigMaps or Secrets (or a volume), trim the annotations, shorten the label',
  kinds: ['*'],
  check(bundle) {
    const findings: FindingDraft[] = [];
    const sizes = new Map<object, number>();
    for (const object of bundle.objects) {
      const m = object.manifest;
      if (!m || typeof m !== 'object') continue;
      if (m.kind === 'ConfigMap' || m.kind === 'Secret') {
        // stringData is merged into data before the check; both count.
        const data =
          m.kind === 'Secret'
            ? sum(m.data, base64Bytes) + sum(m.stringData, bytes)
            : sum(m.data, bytes) + sum(m.binaryData, base64Bytes);
        if (data > MAX_DATA_BYTES) {
          findings.push({
            object,
            path: 'data',
            value: `${data} bytes`,
            expected: `at most ${MAX_DATA_BYTES} bytes of data in total (1 MiB, the API server's limit for a ${m.kind})`,
          });
          continue;
        }
      }
      // A copy of an object in another namespace differs from it in that one string only.
      const first: Json = bundle.firstAlike(m);
      const firstSize = sizes.get(first);
      const size =
        firstSize !== undefined && first !== m
          ? firstSize - jsonBytes(first.metadata.namespace) + jsonBytes(m.metadata.namespace)
          : Buffer.byteLength(JSON.stringify(m), 'utf-8');
      sizes.set(m, size);
      if (size > MAX_OBJECT_BYTES) {
        findings.push({
          object,
          path: '',
          value: `${size} bytes`,
          expected: `an object of at most ${MAX_OBJECT_BYTES} bytes (1.5 MiB, etcd's default request limit)`,
        });
      }
      const annotations = m.metadata?.annotations;
      const annotationBytes = Object.entries(annotations && typeof annotations === 'object' ? annotations : {}).reduce(
        (n, [k, v]) => n + bytes(k) + bytes(v),
        0,
      );
      if (annotationBytes > MAX_ANNOTATIONS_BYTES) {
        findings.push({
          object,
          path: 'metadata.annotations',
          value: `${annotationBytes} bytes`,
          expected: `at most ${MAX_ANNOTATIONS_BYTES} bytes of annotation keys and values (256 KiB)`,
        });
      }
    }
    // Labels on the object itself (a Pod's included) are the name-valid rule's; a template's are refused when the workload is created.
    for (const t of bundle.podTemplates) {
      if (t.object.manifest.kind === 'Pod') continue;
      for (const [k, v] of Object.entries(t.labels ?? {})) {
        if (!LABEL_KEY.test(k))
          findings.push({ object: t.object, path: `${t.labelsPath}.${k}`, value: k, expected: LABEL_KEY.description });
        if (!LABEL_VALUE.test(v))
          findings.push({
            object: t.object,
            path: `${t.labelsPath}.${k}`,
            value: v,
            expected: LABEL_VALUE.description,
          });
      }
    }
    return findings;
  },
};
