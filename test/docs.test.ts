import * as fs from 'fs';
import * as path from 'path';
import { loadWorkshopConfig } from '../src/config';
import { DOCS_COMMAND, exercisesMarkdown, mermaidOf } from '../src/diagrams';
import { bundleOf, synthWorkshop } from '../src/synth';
import { makeBundle } from '../src/validation/bundle';
import { linksOf } from '../src/validation/reference-graph';
import { rulesMarkdown, RULES_DOC } from '../src/validation/rules-doc';
import { RULES, validateBundle } from '../src/validation/validate';
import { ROOT } from './util';

const config = loadWorkshopConfig(path.join(ROOT, 'workshop.yaml'));
const DOC = path.join(ROOT, 'docs', 'exercises.md');

/** The drawn edges of a diagram, as `from -->|label| to` lines. */
const edgesOf = (mermaid: string) =>
  mermaid
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.includes('-->'));

function exercise(id: string) {
  const outputs = synthWorkshop(config);
  const bundle = makeBundle(bundleOf(outputs));
  const file = outputs.find((o) => o.chartId === id)!.file;
  return { bundle, objects: bundle.objects.filter((o) => o.file === file) };
}

describe('exercise diagrams', () => {
  test('docs/exercises.md is what the code generates from workshop.yaml', () => {
    const generated = exercisesMarkdown(config);
    const committed = fs.existsSync(DOC) ? fs.readFileSync(DOC, 'utf-8') : '';
    if (committed !== generated) {
      const a = committed.split('\n');
      const b = generated.split('\n');
      const line = b.findIndex((l, i) => l !== a[i]);
      throw new Error(
        `docs/exercises.md differs from what the code generates (first at line ${line + 1}: ` +
          `${JSON.stringify(a[line])} instead of ${JSON.stringify(b[line])}); regenerate it with \`${DOCS_COMMAND}\` and commit it`,
      );
    }
  });

  test('has a diagram for every exercise and one for a student namespace', () => {
    const doc = exercisesMarkdown(config);
    const charts = synthWorkshop(config)
      .map((o) => o.chartId)
      .filter((id) => id !== 'namespace');
    expect(charts.length).toBeGreaterThan(10);
    for (const id of charts) expect(doc).toContain(`## ${id}\n`);
    expect(doc.match(/```mermaid/g)?.length).toEqual(charts.length + 1);
    expect(doc).toContain('subgraph ns["Namespace workshop-day2-solutions-alice"]');
    expect(doc).toMatch(/ResourceQuota_student_quota\["ResourceQuota<br\/><b>student-quota<\/b>.*requests\.cpu 3/);
    expect(doc).toContain('RoleBinding_student -->|binds| ServiceAccount_student');
  });

  test('draws the voting app: Services select the workloads, the headless one governs the StatefulSet, which owns two claim templates', () => {
    const { bundle, objects } = exercise('voting-app');
    expect(edgesOf(mermaidOf(objects, linksOf(bundle)))).toEqual([
      'StatefulSet_data_pipeline -->|owns| PersistentVolumeClaim_redis_data',
      'StatefulSet_data_pipeline -->|owns| PersistentVolumeClaim_pg_data',
      'Service_ss_db -->|selects, governs| StatefulSet_data_pipeline',
      'Service_redis -->|selects| StatefulSet_data_pipeline',
      'Service_db -->|selects| StatefulSet_data_pipeline',
      'Service_vote -->|selects| Deployment_vote',
      'Service_result -->|selects| Deployment_result',
    ]);
  });

  test('draws who runs as whom and what each RoleBinding binds, the default ServiceAccount as built in', () => {
    const { bundle, objects } = exercise('service-accounts');
    const mermaid = mermaidOf(objects, linksOf(bundle));
    expect(edgesOf(mermaid)).toEqual(
      expect.arrayContaining([
        'Pod_peek_token -->|runs as| ServiceAccount_default',
        'Pod_list_pods -->|runs as| ServiceAccount_pod_reader',
        'RoleBinding_pod_reader -->|binds| Role_pod_reader',
        'RoleBinding_pod_reader -->|binds| ServiceAccount_pod_reader',
      ]),
    );
    expect(mermaid).toContain('class ServiceAccount_default builtin');
  });

  test('shows the keys of a Secret, never its values', () => {
    const { bundle, objects } = exercise('heartbeat-cron');
    const mermaid = mermaidOf(objects, linksOf(bundle));
    expect(mermaid).toContain('CronJob_login_heartbeat -->|volume from| Secret_pretty_secret_config');
    expect(mermaid).toContain('<i>endpoint, password, username</i>');
    expect(mermaid).not.toContain('TeachesThisClass');
  });

  test('every link comes with the rule that checks it, and a broken link is a finding and no edge', () => {
    const outputs = synthWorkshop(config);
    const objects = bundleOf(outputs);
    const ruleIds = new Set(RULES.map((r) => r.id));
    const links = linksOf(makeBundle(objects));
    expect(links.length).toBeGreaterThan(15);
    expect(links.filter((l) => !ruleIds.has(l.rule))).toEqual([]);

    // Rename the ConfigMap the two Jobs of shared-config-jobs read from.
    const broken = objects.map((o) =>
      o.manifest.kind === 'ConfigMap' && o.manifest.metadata.name === 'target-google'
        ? { ...o, manifest: { ...o.manifest, metadata: { ...o.manifest.metadata, name: 'target-gone' } } }
        : o,
    );
    const report = validateBundle(broken);
    expect(report.errors.map((f) => `${f.rule} ${f.object}`)).toEqual(
      expect.arrayContaining([
        'ref-configmap Job/workshop-day2-solutions/ping-google',
        'ref-configmap Job/workshop-day2-solutions/traceroute-google',
      ]),
    );
    const file = outputs.find((o) => o.chartId === 'shared-config-jobs')!.file;
    const bundle = makeBundle(broken);
    expect(
      edgesOf(
        mermaidOf(
          bundle.objects.filter((o) => o.file === file),
          linksOf(bundle),
        ),
      ),
    ).toEqual([]);
  });

  test('every exercise row of the README links to its diagram', () => {
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf-8');
    const charts = synthWorkshop(config)
      .map((o) => o.chartId)
      .filter((id) => id !== 'namespace');
    for (const id of charts) {
      const row = readme.split('\n').find((l) => l.startsWith('|') && l.includes(`-${id}.k8s.yaml\``));
      expect(`${id}: ${row?.includes(`(docs/exercises.md#${id})`)}`).toEqual(`${id}: true`);
    }
  });

  test('every exercise of the student guide links to its diagram', () => {
    const guide = fs.readFileSync(path.join(ROOT, 'docs', 'student.md'), 'utf-8');
    const charts = synthWorkshop(config)
      .map((o) => o.chartId)
      .filter((id) => id !== 'namespace');
    for (const id of charts) {
      const section = guide
        .split(/\n(?=#+ )/)
        .find(
          (s) =>
            s.startsWith(`### ${id}\n`) || (s.split('\n')[0].startsWith('### ') && s.includes(`-${id}.k8s.yaml\``)),
        );
      expect(`${id}: ${section?.includes(`(exercises.md#${id})`)}`).toEqual(`${id}: true`);
    }
  });
});

describe('validation rules reference', () => {
  test('docs/validation-rules.md is what the code generates from the rules and their cases', () => {
    const generated = rulesMarkdown();
    const file = path.join(ROOT, RULES_DOC);
    const committed = fs.existsSync(file) ? fs.readFileSync(file, 'utf-8') : '';
    if (committed !== generated) {
      const a = committed.split('\n');
      const b = generated.split('\n');
      const line = b.findIndex((l, i) => l !== a[i]);
      throw new Error(
        `${RULES_DOC} differs from what the code generates (first at line ${line + 1}: ` +
          `${JSON.stringify(a[line])} instead of ${JSON.stringify(b[line])}); regenerate it with \`${DOCS_COMMAND}\` and commit it`,
      );
    }
  });

  test('has a section per rule with its kinds, remediation and an example finding', () => {
    const doc = rulesMarkdown();
    for (const r of RULES) {
      const section = doc.split(`\n## ${r.id}\n`)[1]?.split('\n## ')[0] ?? '';
      expect([
        r.id,
        section.includes('**Kinds:**'),
        section.includes(r.remediation),
        section.includes(`[${r.id}] `),
      ]).toEqual([r.id, true, true, true]);
    }
  });
});
