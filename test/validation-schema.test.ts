// The schema rules beyond their corpus cases (src/validation/rules/schema*.cases.ts): the releases'
// served kinds, integer ranges, null, custom resources, what cdk8s-plus-27 makes, and the forward rule's
// relation to the 1.27 one.
import { App, Chart, Cron, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { K8S_1_27, K8S_1_36, kindSchema } from '../src/k8s/openapi';
import { RULES } from '../src/validation/rules';
import { base, find, meta, NS, WEB, webContainer, webDeployment } from '../src/validation/corpus';
import { schema } from '../src/validation/rules/schema';
import { schemaForward } from '../src/validation/rules/schema-forward';
import { validateBundle } from '../src/validation/validate';
import { corpusFindings as findings, corpusReport as report } from './corpus-fixtures';
import type { Json } from '../src/json';

const SCHEMA_RULES = [schema, schemaForward];

describe('schema rules', () => {
  test('are two rules, so workshop.yaml can override the forward one on its own', () => {
    expect(RULES.slice(0, 2)).toEqual(SCHEMA_RULES);
  });

  test('every kind the workshop makes is served by both releases, and removed APIs are not', () => {
    for (const [apiVersion, kind] of [
      ['v1', 'ConfigMap'],
      ['batch/v1', 'CronJob'],
      ['apps/v1', 'StatefulSet'],
      ['rbac.authorization.k8s.io/v1', 'RoleBinding'],
    ]) {
      expect([
        kind,
        kindSchema(K8S_1_27, apiVersion, kind).served,
        kindSchema(K8S_1_36, apiVersion, kind).served,
      ]).toEqual([kind, true, true]);
    }
    expect(kindSchema(K8S_1_27, 'batch/v1beta1', 'CronJob')).toEqual({ served: false, servedVersions: ['batch/v1'] });
    expect(kindSchema(K8S_1_27, 'flowcontrol.apiserver.k8s.io/v1beta3', 'FlowSchema').served).toBe(true);
    expect(kindSchema(K8S_1_36, 'flowcontrol.apiserver.k8s.io/v1beta3', 'FlowSchema').served).toBe(false);
  });

  test('int32 and int64 fields keep the ranges the API server enforces', () => {
    const objects = base();
    webDeployment(objects).spec.replicas = 2 ** 31;
    expect(findings(objects, [schema])).toEqual([
      { rule: 'schema', object: `Deployment/${NS}/web`, path: 'spec.replicas', value: 2 ** 31 },
    ]);
    const r = report(objects, [schema]);
    expect(r.errors[0].expected).toEqual(
      'an integer from -2147483648 to 2147483647 (format int32 in the Kubernetes 1.27 schema)',
    );
    webDeployment(objects).spec.replicas = 3;
    find(objects, 'Job', 'once').spec.activeDeadlineSeconds = 2 ** 40;
    expect(findings(objects, [schema])).toEqual([]);
  });

  test('the newest schema is strict too, though the forward rule leaves what 1.27 reports to schema', () => {
    const objects = base();
    webContainer(objects).imagePullPolice = 'Always';
    const found = kindSchema(K8S_1_36, 'apps/v1', 'Deployment');
    if (!found.served) throw new Error('apps/v1 Deployment is served by 1.36');
    const deployment = found.validate;
    expect(deployment(webDeployment(base()))).toBe(true);
    expect(deployment(webDeployment(objects))).toBe(false);
    expect(deployment.errors?.map((e) => [e.instancePath, (e.params as Json).additionalProperty])).toContainEqual([
      '/spec/template/spec/containers/0',
      'imagePullPolice',
    ]);
    expect(findings(objects, [schemaForward])).toEqual([]);
    expect(findings(base(), [schemaForward])).toEqual([]);
  });

  test('a command given as a string is a schema finding, and no other rule trips over it', () => {
    const objects = base();
    webContainer(objects).command = 'ping $(TARGET)';
    expect(findings(objects)).toEqual([
      { rule: 'schema', object: `Deployment/${NS}/web`, path: `${WEB}.command`, value: 'ping $(TARGET)' },
    ]);
  });

  test('the forward rule reports a problem 1.27 already reports only once, as schema', () => {
    const objects = base();
    webDeployment(objects).spec.replicas = '3';
    expect(findings(objects, SCHEMA_RULES)).toEqual([
      { rule: 'schema', object: `Deployment/${NS}/web`, path: 'spec.replicas', value: '3' },
    ]);
  });

  test('an override turns the forward rule into a warning without touching schema', () => {
    const objects = base();
    webDeployment(objects).spec.template.spec.resourceClaims = [{ name: 'gpu', source: { resourceClaimName: 'gpu' } }];
    webDeployment(objects).spec.replicas = '3';
    const r = validateBundle(
      objects.map((manifest) => ({ manifest })),
      {
        rules: SCHEMA_RULES,
        overrides: [{ rule: 'schema-forward', severity: 'warning', reason: 'the cluster stays on 1.27' }],
      },
    );
    expect(r.errors.map((f) => [f.rule, f.path])).toEqual([['schema', 'spec.replicas']]);
    expect(r.warnings.map((f) => [f.rule, f.path])).toEqual([
      ['schema-forward', 'spec.template.spec.resourceClaims[0].source'],
    ]);
  });

  test('null for an optional field is accepted, as the API server does', () => {
    const objects = base();
    webDeployment(objects).spec.strategy = null;
    webDeployment(objects).spec.template.spec.nodeSelector = null;
    webContainer(objects).args = null;
    expect(findings(objects, SCHEMA_RULES)).toEqual([]);
  });

  test('reports every problem of an object, each at its own path', () => {
    const objects = base();
    webDeployment(objects).spec.replicas = '3';
    webContainer(objects).imagePullPolicy = 'Sometimes';
    delete find(objects, 'Role', 'reader').rules[0].verbs;
    expect(findings(objects, [schema])).toEqual([
      { rule: 'schema', object: `Role/${NS}/reader`, path: 'rules[0].verbs', value: undefined },
      { rule: 'schema', object: `Deployment/${NS}/web`, path: 'spec.replicas', value: '3' },
      { rule: 'schema', object: `Deployment/${NS}/web`, path: `${WEB}.imagePullPolicy`, value: 'Sometimes' },
    ]);
  });

  test('objects of a kind defined by a CustomResourceDefinition in the bundle are left alone', () => {
    const objects = base();
    objects.push({
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: 'crontabs.example.com' },
      spec: {
        group: 'example.com',
        scope: 'Namespaced',
        names: { plural: 'crontabs', singular: 'crontab', kind: 'CronTab' },
        versions: [
          {
            name: 'v1',
            served: true,
            storage: true,
            schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } },
          },
        ],
      },
    });
    objects.push({ apiVersion: 'example.com/v1', kind: 'CronTab', metadata: meta('tab'), spec: { anything: 1 } });
    expect(findings(objects, SCHEMA_RULES)).toEqual([]);
    objects.pop();
    objects.push({ apiVersion: 'example.com/v2', kind: 'CronTab', metadata: meta('tab') });
    expect(findings(objects, SCHEMA_RULES)).toEqual([
      { rule: 'schema', object: `CronTab/${NS}/tab`, path: 'kind', value: 'CronTab' },
    ]);
  });

  test('what cdk8s-plus-27 synthesizes passes both schemas', () => {
    // A plain App: cdk8s's testing app makes a folder in the system temp dir that nothing removes.
    const chart = new Chart(new App({ outdir: 'unused' }), 'plus', { namespace: NS });
    const sa = new kplus.ServiceAccount(chart, 'sa');
    const cm = new kplus.ConfigMap(chart, 'cm', { data: { a: 'b' } });
    const deployment = new kplus.Deployment(chart, 'web', {
      serviceAccount: sa,
      containers: [
        {
          image: 'nginx',
          portNumber: 8080,
          envVariables: { A: kplus.EnvValue.fromConfigMap(cm, 'a') },
          liveness: kplus.Probe.fromHttpGet('/healthz'),
          resources: { cpu: { request: kplus.Cpu.millis(10) } },
        },
      ],
      volumes: [kplus.Volume.fromConfigMap(chart, 'vol', cm)],
    });
    deployment.exposeViaService({ ports: [{ port: 80, targetPort: 8080 }] });
    new kplus.CronJob(chart, 'tick', {
      schedule: Cron.schedule({ minute: '*/5' }),
      containers: [{ image: 'busybox' }],
    });
    new kplus.Role(chart, 'role').allowRead(kplus.ApiResource.PODS);
    const objects = Testing.synth(chart);
    expect(objects.length).toBeGreaterThan(5);
    expect(findings(objects, SCHEMA_RULES)).toEqual([]);
  });

  test('an object like one that passed but for its namespace is not validated again, and one that differs anywhere else is', () => {
    // A class repeats each exercise in every student's namespace: the copies share the first one's verdict.
    const copy = (ns: unknown, change?: (d: Json) => void) => {
      const d = structuredClone(webDeployment(base()));
      d.metadata.namespace = ns;
      change?.(d);
      return d;
    };
    const objects = [
      ...base(),
      copy('student1'),
      copy('student2', (d) => {
        d.spec.replicas = 'two';
      }),
      copy('student3', (d) => {
        d.metadata.labels = { ...d.metadata.labels, extra: 1 };
      }),
      copy(7),
      copy('student4'),
    ];
    expect(findings(objects, [schema])).toEqual([
      { rule: 'schema', object: 'Deployment/student2/web', path: 'spec.replicas', value: 'two' },
      { rule: 'schema', object: 'Deployment/student3/web', path: 'metadata.labels.extra', value: 1 },
      { rule: 'schema', object: 'Deployment/7/web', path: 'metadata.namespace', value: 7 },
    ]);
    // The same invalid copy twice is reported twice: a failed verdict is never shared.
    const twice = [
      ...base(),
      copy('student5', (d) => {
        d.spec.replicas = 'two';
      }),
      copy('student6', (d) => {
        d.spec.replicas = 'two';
      }),
    ];
    expect(findings(twice, [schema, schemaForward]).map((f) => f.object)).toEqual([
      'Deployment/student5/web',
      'Deployment/student6/web',
    ]);
  });
});
