// The schema corpus: deliberately broken raw objects, each with the exact finding the strict
// Kubernetes OpenAPI check must produce. Every case starts from a bundle that passes every rule,
// breaks one thing and expects exactly one schema finding: rule, object, field path and value.
// (Only the schema rules run on the broken bundles: other rules may report the same break too.)
import { corpusFindings, corpusFixtures, corpusReport } from './corpus-fixtures';
import { Chart, Cron, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { describeObject } from '../src/validation/bundle';
import { compiledKinds, K8S_136 } from '../src/validation/k8s-schemas';
import { SCHEMA_FORWARD_RULE, SCHEMA_RULE, SCHEMA_RULES } from '../src/validation/schema';
import { RULES, validateBundle } from '../src/validation/validate';

const NS = 'schema';
const { meta, container, namespaceAndReader } = corpusFixtures(NS);

/** A bundle every rule accepts. */
function base(): any[] {
  return JSON.parse(JSON.stringify([
    ...namespaceAndReader(),
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: meta('settings'), data: { target: 'google.com' } },
    {
      apiVersion: 'apps/v1', kind: 'Deployment', metadata: meta('web'),
      spec: {
        replicas: 1, selector: { matchLabels: { app: 'web' } },
        template: {
          metadata: { labels: { app: 'web' } },
          spec: {
            serviceAccountName: 'reader',
            containers: [container('web', {
              imagePullPolicy: 'IfNotPresent',
              ports: [{ containerPort: 8080, name: 'http' }],
              env: [{ name: 'TARGET', valueFrom: { configMapKeyRef: { name: 'settings', key: 'target' } } }],
            })],
          },
        },
      },
    },
    { apiVersion: 'v1', kind: 'Service', metadata: meta('web'), spec: { type: 'ClusterIP', selector: { app: 'web' }, ports: [{ port: 80, targetPort: 'http' }] } },
    {
      apiVersion: 'batch/v1', kind: 'CronJob', metadata: meta('tick'),
      spec: {
        schedule: '*/5 * * * *', concurrencyPolicy: 'Forbid',
        jobTemplate: { spec: { template: { spec: { restartPolicy: 'OnFailure', containers: [container('tick')] } } } },
      },
    },
  ]));
}

const find = (objects: any[], kind: string, name: string) => objects.find((o) => o.kind === kind && o.metadata.name === name);
const web = (o: any[]) => find(o, 'Deployment', 'web');
const webContainer = (o: any[]) => web(o).spec.template.spec.containers[0];
const WEB = 'spec.template.spec.containers[0]';

interface Case {
  name: string;
  breakIt: (objects: any[]) => void;
  expected: { rule: string; object: string; path: string; value: unknown };
  /** A piece of the `expected` text the finding must contain. */
  says?: string;
}

const CASES: Case[] = [
  // Unknown fields
  { name: 'unknown top-level field', breakIt: (o) => { find(o, 'ConfigMap', 'settings').date = { target: 'x' }; },
    expected: { rule: 'schema', object: `ConfigMap/${NS}/settings`, path: 'date', value: { target: 'x' } }, says: 'did you mean "data"' },
  { name: 'unknown field in a spec', breakIt: (o) => { web(o).spec.replica = 2; },
    expected: { rule: 'schema', object: `Deployment/${NS}/web`, path: 'spec.replica', value: 2 }, says: 'did you mean "replicas"' },
  { name: 'unknown field in a container', breakIt: (o) => { webContainer(o).imagePullPolice = 'Always'; },
    expected: { rule: 'schema', object: `Deployment/${NS}/web`, path: `${WEB}.imagePullPolice`, value: 'Always' }, says: 'did you mean "imagePullPolicy"' },
  { name: 'unknown field in metadata', breakIt: (o) => { find(o, 'ServiceAccount', 'reader').metadata.label = { a: 'b' }; },
    expected: { rule: 'schema', object: `ServiceAccount/${NS}/reader`, path: 'metadata.label', value: { a: 'b' } }, says: 'did you mean "labels"' },
  { name: 'field of the pod spec put in the container', breakIt: (o) => { webContainer(o).serviceAccountName = 'reader'; },
    expected: { rule: 'schema', object: `Deployment/${NS}/web`, path: `${WEB}.serviceAccountName`, value: 'reader' }, says: 'known fields: args, command' },
  // Wrong types
  { name: 'replicas as a string', breakIt: (o) => { web(o).spec.replicas = '3'; },
    expected: { rule: 'schema', object: `Deployment/${NS}/web`, path: 'spec.replicas', value: '3' }, says: 'type integer' },
  { name: 'containerPort as a string', breakIt: (o) => { webContainer(o).ports[0].containerPort = '8080'; },
    expected: { rule: 'schema', object: `Deployment/${NS}/web`, path: `${WEB}.ports[0].containerPort`, value: '8080' }, says: 'type integer' },
  { name: 'command as a string instead of a list', breakIt: (o) => { webContainer(o).command = 'sleep 10'; },
    expected: { rule: 'schema', object: `Deployment/${NS}/web`, path: `${WEB}.command`, value: 'sleep 10' }, says: 'type array' },
  { name: 'targetPort that is neither a number nor a name', breakIt: (o) => { find(o, 'Service', 'web').spec.ports[0].targetPort = true; },
    expected: { rule: 'schema', object: `Service/${NS}/web`, path: 'spec.ports[0].targetPort', value: true }, says: 'string or integer' },
  // Missing required fields
  { name: 'container without a name', breakIt: (o) => { delete find(o, 'CronJob', 'tick').spec.jobTemplate.spec.template.spec.containers[0].name; },
    expected: { rule: 'schema', object: `CronJob/${NS}/tick`, path: 'spec.jobTemplate.spec.template.spec.containers[0].name', value: undefined }, says: 'required field "name"' },
  { name: 'Role rule without verbs', breakIt: (o) => { delete find(o, 'Role', 'reader').rules[0].verbs; },
    expected: { rule: 'schema', object: `Role/${NS}/reader`, path: 'rules[0].verbs', value: undefined }, says: 'required field "verbs"' },
  { name: 'Service port without port', breakIt: (o) => { find(o, 'Service', 'web').spec.ports[0] = { targetPort: 'http' }; },
    expected: { rule: 'schema', object: `Service/${NS}/web`, path: 'spec.ports[0].port', value: undefined }, says: 'required field "port"' },
  { name: 'RoleBinding without roleRef', breakIt: (o) => { delete find(o, 'RoleBinding', 'reader').roleRef; },
    expected: { rule: 'schema', object: `RoleBinding/${NS}/reader`, path: 'roleRef', value: undefined }, says: 'required field "roleRef"' },
  // Enums
  { name: 'Service type Nodeport', breakIt: (o) => { find(o, 'Service', 'web').spec.type = 'Nodeport'; },
    expected: { rule: 'schema', object: `Service/${NS}/web`, path: 'spec.type', value: 'Nodeport' }, says: '"NodePort"' },
  { name: 'imagePullPolicy Sometimes', breakIt: (o) => { webContainer(o).imagePullPolicy = 'Sometimes'; },
    expected: { rule: 'schema', object: `Deployment/${NS}/web`, path: `${WEB}.imagePullPolicy`, value: 'Sometimes' }, says: 'one of "Always", "IfNotPresent", "Never"' },
  { name: 'concurrencyPolicy Sometimes', breakIt: (o) => { find(o, 'CronJob', 'tick').spec.concurrencyPolicy = 'Sometimes'; },
    expected: { rule: 'schema', object: `CronJob/${NS}/tick`, path: 'spec.concurrencyPolicy', value: 'Sometimes' }, says: 'one of "Allow", "Forbid", "Replace"' },
  { name: 'port protocol in lower case', breakIt: (o) => { find(o, 'Service', 'web').spec.ports[0].protocol = 'tcp'; },
    expected: { rule: 'schema', object: `Service/${NS}/web`, path: 'spec.ports[0].protocol', value: 'tcp' }, says: '"TCP"' },
  // apiVersion and kind
  { name: 'CronJob under batch/v1beta1 (removed in 1.25)', breakIt: (o) => { find(o, 'CronJob', 'tick').apiVersion = 'batch/v1beta1'; },
    expected: { rule: 'schema', object: `CronJob/${NS}/tick`, path: 'apiVersion', value: 'batch/v1beta1' }, says: 'serves CronJob under: batch/v1' },
  { name: 'Deployment under extensions/v1beta1', breakIt: (o) => { web(o).apiVersion = 'extensions/v1beta1'; },
    expected: { rule: 'schema', object: `Deployment/${NS}/web`, path: 'apiVersion', value: 'extensions/v1beta1' }, says: 'apps/v1' },
  { name: 'misspelt kind', breakIt: (o) => { find(o, 'ConfigMap', 'settings').kind = 'Configmap'; o.push({ apiVersion: 'v1', kind: 'ConfigMap', metadata: meta('settings'), data: { target: 'google.com' } }); },
    expected: { rule: 'schema', object: `Configmap/${NS}/settings`, path: 'kind', value: 'Configmap' } },
  // Newer Kubernetes (the forward rule): valid in 1.27, rejected by the 1.36 schema
  { name: 'FlowSchema under flowcontrol v1beta3 (served by 1.27, removed in 1.32)',
    breakIt: (o) => { o.push({ apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta3', kind: 'FlowSchema', metadata: { name: 'workshop' }, spec: { priorityLevelConfiguration: { name: 'global-default' } } }); },
    expected: { rule: 'schema-forward', object: describeObject({ manifest: { kind: 'FlowSchema', metadata: { name: 'workshop' } } }), path: 'apiVersion', value: 'flowcontrol.apiserver.k8s.io/v1beta3' }, says: 'Kubernetes 1.36 serves FlowSchema under: flowcontrol.apiserver.k8s.io/v1' },
  { name: 'pod resourceClaims source (1.27 alpha field, gone by 1.36)',
    breakIt: (o) => { web(o).spec.template.spec.resourceClaims = [{ name: 'gpu', source: { resourceClaimName: 'gpu' } }]; },
    expected: { rule: 'schema-forward', object: `Deployment/${NS}/web`, path: 'spec.template.spec.resourceClaims[0].source', value: { resourceClaimName: 'gpu' } }, says: 'Kubernetes 1.36 schema' },
];

const report = corpusReport;
const findings = corpusFindings;

describe('schema validation corpus', () => {
  test('the base bundle passes every rule', () => {
    expect(findings(base())).toEqual([]);
  });

  test(`has at least 20 broken inputs (${CASES.length})`, () => {
    expect(CASES.length).toBeGreaterThanOrEqual(20);
  });

  test.each(CASES.map((c) => [c.name, c] as const))('catches %s', (_name, c) => {
    const objects = base();
    c.breakIt(objects);
    const r = report(objects, SCHEMA_RULES);
    expect(r.errors.map(({ rule, object, path, value }) => ({ rule, object, path, value }))).toEqual([c.expected]);
    if (c.says) expect(r.errors[0].expected).toContain(c.says);
  });
});

describe('schema rules', () => {
  test('are two rules, so workshop.yaml can override the forward one on its own', () => {
    expect(SCHEMA_RULES.map((r) => r.id)).toEqual(['schema', 'schema-forward']);
    expect(RULES.slice(0, 2)).toEqual(SCHEMA_RULES);
  });

  test('the newest schema is strict too, though the forward rule leaves what 1.27 reports to schema', () => {
    const objects = base();
    webContainer(objects).imagePullPolice = 'Always';
    const deployment = compiledKinds(K8S_136, ['apps/v1|Deployment']).validators['apps/v1|Deployment'];
    expect(deployment(web(base()))).toBe(true);
    expect(deployment(web(objects))).toBe(false);
    expect(deployment.errors?.map((e) => [e.instancePath, e.propertyName])).toContainEqual(['/spec/template/spec/containers/0', 'imagePullPolice']);
    expect(findings(objects, [SCHEMA_FORWARD_RULE])).toEqual([]);
    expect(findings(base(), [SCHEMA_FORWARD_RULE])).toEqual([]);
  });

  test('a command given as a string is a schema finding, and no other rule trips over it', () => {
    const objects = base();
    webContainer(objects).command = 'ping $(TARGET)';
    expect(findings(objects)).toEqual([{ rule: 'schema', object: `Deployment/${NS}/web`, path: `${WEB}.command`, value: 'ping $(TARGET)' }]);
  });

  test('the forward rule reports a problem 1.27 already reports only once, as schema', () => {
    const objects = base();
    web(objects).spec.replicas = '3';
    expect(findings(objects, SCHEMA_RULES)).toEqual([{ rule: 'schema', object: `Deployment/${NS}/web`, path: 'spec.replicas', value: '3' }]);
  });

  test('an override turns the forward rule into a warning without touching schema', () => {
    const objects = base();
    web(objects).spec.template.spec.resourceClaims = [{ name: 'gpu', source: { resourceClaimName: 'gpu' } }];
    web(objects).spec.replicas = '3';
    const r = validateBundle(objects.map((manifest) => ({ manifest })), {
      rules: SCHEMA_RULES, overrides: [{ rule: 'schema-forward', severity: 'warning', reason: 'the cluster stays on 1.27' }],
    });
    expect(r.errors.map((f) => [f.rule, f.path])).toEqual([['schema', 'spec.replicas']]);
    expect(r.warnings.map((f) => [f.rule, f.path])).toEqual([['schema-forward', 'spec.template.spec.resourceClaims[0].source']]);
  });

  test('null for an optional field is accepted, as the API server does', () => {
    const objects = base();
    web(objects).spec.strategy = null;
    web(objects).spec.template.spec.nodeSelector = null;
    webContainer(objects).args = null;
    expect(findings(objects, SCHEMA_RULES)).toEqual([]);
  });

  test('reports every problem of an object, each at its own path', () => {
    const objects = base();
    web(objects).spec.replicas = '3';
    webContainer(objects).imagePullPolicy = 'Sometimes';
    delete find(objects, 'Role', 'reader').rules[0].verbs;
    expect(findings(objects, [SCHEMA_RULE])).toEqual([
      { rule: 'schema', object: `Role/${NS}/reader`, path: 'rules[0].verbs', value: undefined },
      { rule: 'schema', object: `Deployment/${NS}/web`, path: 'spec.replicas', value: '3' },
      { rule: 'schema', object: `Deployment/${NS}/web`, path: `${WEB}.imagePullPolicy`, value: 'Sometimes' },
    ]);
  });

  test('objects of a kind defined by a CustomResourceDefinition in the bundle are left alone', () => {
    const objects = base();
    objects.push({
      apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: 'crontabs.example.com' },
      spec: {
        group: 'example.com', scope: 'Namespaced', names: { plural: 'crontabs', singular: 'crontab', kind: 'CronTab' },
        versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } } }],
      },
    });
    objects.push({ apiVersion: 'example.com/v1', kind: 'CronTab', metadata: meta('tab'), spec: { anything: 1 } });
    expect(findings(objects, SCHEMA_RULES)).toEqual([]);
    objects.pop();
    objects.push({ apiVersion: 'example.com/v2', kind: 'CronTab', metadata: meta('tab') });
    expect(findings(objects, SCHEMA_RULES)).toEqual([{ rule: 'schema', object: `CronTab/${NS}/tab`, path: 'kind', value: 'CronTab' }]);
  });

  test('what cdk8s-plus-27 synthesizes passes both schemas', () => {
    const chart = new Chart(Testing.app(), 'plus', { namespace: NS });
    const sa = new kplus.ServiceAccount(chart, 'sa');
    const cm = new kplus.ConfigMap(chart, 'cm', { data: { a: 'b' } });
    const deployment = new kplus.Deployment(chart, 'web', {
      serviceAccount: sa,
      containers: [{
        image: 'nginx', portNumber: 8080, envVariables: { A: kplus.EnvValue.fromConfigMap(cm, 'a') },
        liveness: kplus.Probe.fromHttpGet('/healthz'), resources: { cpu: { request: kplus.Cpu.millis(10) } },
      }],
      volumes: [kplus.Volume.fromConfigMap(chart, 'vol', cm)],
    });
    deployment.exposeViaService({ ports: [{ port: 80, targetPort: 8080 }] });
    new kplus.CronJob(chart, 'tick', { schedule: Cron.schedule({ minute: '*/5' }), containers: [{ image: 'busybox' }] });
    new kplus.Role(chart, 'role').allowRead(kplus.ApiResource.PODS);
    const objects = Testing.synth(chart);
    expect(objects.length).toBeGreaterThan(5);
    expect(findings(objects, SCHEMA_RULES)).toEqual([]);
  });

  test('a no-op schema would fail this file: the 1.27 rule alone finds the broken cases', () => {
    const broken = CASES.filter((c) => c.expected.rule === 'schema').map((c) => {
      const objects = base();
      c.breakIt(objects);
      return findings(objects, [SCHEMA_RULE]).length;
    });
    expect(broken.every((n) => n === 1)).toBe(true);
  });
});
