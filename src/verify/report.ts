// How a verify report is shown: a table per namespace, a students-by-exercises matrix for a class,
// or JSON for scripts.
import type { Verdict } from './checks';
import type { ExerciseResult, NamespaceResult, VerifyReport } from './verify';

const MARK: Record<Verdict, string> = { pass: '✓', fail: '✗', pending: 'pending' };

function pad(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - [...text].length));
}

function counts(report: VerifyReport): Record<Verdict, number> {
  const c: Record<Verdict, number> = { pass: 0, fail: 0, pending: 0 };
  for (const n of report.namespaces) for (const e of n.exercises) for (const check of e.checks) c[check.verdict]++;
  return c;
}

function requestsLine(report: VerifyReport): string {
  const r = report.requests;
  return `${r.lists + r.logs} API requests (${r.lists} reads and lists, ${r.logs} pod logs)`;
}

/** One line per check: exercise, check, ✓ / ✗ / pending and what was seen; under ✗ and pending the kubectl command to look with. */
export function formatTable(report: VerifyReport): string {
  const lines: string[] = [];
  for (const ns of report.namespaces) {
    lines.push(
      `namespace ${ns.namespace}${ns.student ? ` (student ${ns.student})` : ns.own ? " (your own: the context's namespace or --namespace)" : ''}`,
    );
    if (!ns.present) {
      lines.push(
        ns.own
          ? `  ✗ namespace ${ns.namespace} does not exist: ask your instructor (a student cannot create it)`
          : `  ✗ namespace ${ns.namespace} does not exist: apply dist/ first`,
      );
      if (!ns.own) lines.push(`      hint: kubectl apply -f ${ns.manifests}`);
      continue;
    }
    const rows = ns.exercises.flatMap((e) => exerciseRows(e));
    const w1 = Math.max(...rows.map((r) => [...r.exercise].length), 8);
    const w2 = Math.max(...rows.map((r) => [...r.title].length), 5);
    lines.push(`  ${pad('exercise', w1)}  ${pad('check', w2)}  result`);
    for (const r of rows) {
      lines.push(`  ${pad(r.exercise, w1)}  ${pad(r.title, w2)}  ${r.result}`);
      if (r.hint) lines.push(`  ${pad('', w1)}  ${pad('', w2)}  hint: ${r.hint}`);
    }
  }
  const c = counts(report);
  lines.push(
    `${c.pass} of ${c.pass + c.fail + c.pending} checks pass, ${c.fail} failed, ${c.pending} pending; ${requestsLine(report)}`,
  );
  return lines.join('\n');
}

function exerciseRows(e: ExerciseResult): Array<{ exercise: string; title: string; result: string; hint?: string }> {
  if (e.status === 'not-applied') {
    return [{ exercise: e.exercise, title: 'applied', result: '✗ not applied', hint: e.checks[0]?.hint }];
  }
  return e.checks.map((c, i) => ({
    exercise: i === 0 ? e.exercise : '',
    title: c.title,
    result: `${MARK[c.verdict]} ${c.detail}`,
    hint: c.hint,
  }));
}

/** A matrix cell: ✓ all pass, ✗ something failed, … pending, · not applied, ? namespace absent. */
function cell(e: ExerciseResult): string {
  if (e.status === 'namespace-absent') return '?';
  if (e.status === 'not-applied') return '·';
  return e.verdict === 'pass' ? '✓' : e.verdict === 'fail' ? '✗' : '…';
}

/** Students by exercises on one screen, with totals per student and per exercise. */
export function formatMatrix(report: VerifyReport): string {
  const exercises = report.namespaces[0]?.exercises.map((e) => e.exercise) ?? [];
  const names = report.namespaces.map((n) => n.student ?? n.namespace);
  const w = Math.max(7, ...names.map((n) => [...n].length));
  const col = (s: string) => s.padStart(3);
  const lines = [`${pad('student', w)} ${exercises.map((_, i) => col(String(i + 1))).join('')}   passed`];
  report.namespaces.forEach((ns, i) => {
    const passed = ns.exercises.filter((e) => e.verdict === 'pass').length;
    const note = ns.present ? '' : `   namespace absent: kubectl apply -f ${ns.manifests}`;
    lines.push(
      `${pad(names[i], w)} ${ns.exercises.map((e) => col(cell(e))).join('')}   ${passed}/${ns.exercises.length}${note}`,
    );
  });
  const perExercise = exercises.map(
    (_, j) => report.namespaces.filter((n) => n.exercises[j]?.verdict === 'pass').length,
  );
  lines.push(
    `${pad('passed', w)} ${perExercise.map((n) => col(String(n))).join('')}   of ${report.namespaces.length} students`,
  );
  lines.push('');
  lines.push(exercises.map((e, i) => `${i + 1} ${e}`).join(', '));
  lines.push('✓ all checks pass, ✗ a check failed, … pending, · not applied, ? namespace absent');
  const done = report.namespaces.filter((n) => n.exercises.every((e) => e.verdict === 'pass')).length;
  lines.push(`${done} of ${report.namespaces.length} students pass every exercise; ${requestsLine(report)}`);
  lines.push('details for one student: npm run verify -- --student <name>');
  return lines.join('\n');
}

/** The report for scripts: every namespace, exercise and check, with totals. */
export function toJson(report: VerifyReport, context: string): object {
  const c = counts(report);
  return {
    context,
    verdict: report.verdict,
    totals: { checks: c.pass + c.fail + c.pending, ...c },
    requests: report.requests,
    namespaces: report.namespaces.map((n: NamespaceResult) => ({
      namespace: n.namespace,
      ...(n.student ? { student: n.student } : {}),
      present: n.present,
      exercises: n.exercises.map((e) => ({
        exercise: e.exercise,
        file: e.file,
        status: e.status,
        verdict: e.verdict,
        checks: e.checks,
      })),
    })),
  };
}
