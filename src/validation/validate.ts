// Runs the rules (rules/index.ts) over the bundle, applies workshop.yaml's overrides and reports
// every finding at once.
import { describeObject, EVERY_KIND, makeBundle, viewOf } from './bundle';
import { RULES } from './rules';
import { totalRequests } from './totals';
import type { Finding, ValidationOverride, ValidationReport } from '../findings';
import type { Bundle, BundleObject, Rule } from './types';

export { RULES };

export interface ValidationOptions {
  /** Exceptions recorded in workshop.yaml's `validation.overrides`. */
  readonly overrides?: ValidationOverride[];
  /** Rules to run. @default RULES */
  readonly rules?: readonly Rule[];
}

/** Whether an override covers a finding (the first that does is the one applied). */
export function overrideMatches(o: ValidationOverride, f: Finding): boolean {
  if (o.rule !== f.rule) return false;
  if (o.object === undefined) return true;
  const parts = f.object.split('/');
  // `Kind/name` matches the object in any namespace; `Kind/namespace/name` only that one.
  return (
    o.object === f.object || (o.object.split('/').length === 2 && o.object === `${parts[0]}/${parts[parts.length - 1]}`)
  );
}

/**
 * Runs every rule over the objects of its kinds (Rule.kinds) and applies the overrides. Reports
 * everything at once.
 */
export function validateBundle(
  objects: readonly BundleObject[] | Bundle,
  options: ValidationOptions = {},
): ValidationReport {
  // An index the caller made (makeBundle) is used as it is: synth shares it with the YAML writer.
  const bundle = 'firstAlike' in objects ? objects : makeBundle(objects);
  const errors: Finding[] = [];
  const warnings: Finding[] = [];
  const suppressed: ValidationReport['suppressed'] = [];
  let distinct: Bundle | undefined;
  // Each rule sees the objects of its kinds only (Rule.kinds), and may report on nothing else.
  const dispatch = (rule: Rule, of: Bundle) => rule.check(viewOf(of, rule.kinds, rule.looksUp));
  const check = (rule: Rule) => {
    if (!rule.local) return dispatch(rule, bundle);
    distinct ??= distinctOf(bundle);
    // Nothing among the distinct objects: nothing among their copies either. Anything found, and
    // the whole bundle is checked, so the findings are the ones (and in the order) a full check gives.
    const drafts = dispatch(rule, distinct);
    return drafts.length === 0 || distinct === bundle ? drafts : dispatch(rule, bundle);
  };
  for (const rule of options.rules ?? RULES) {
    let drafts: ReturnType<Rule['check']>;
    try {
      drafts = check(rule);
    } catch (err) {
      // Input malformed beyond what a rule can read (the schema rule says how): report it, and go
      // on with the other rules, so every finding still comes out at once.
      errors.push({
        rule: rule.id,
        severity: 'error',
        object: '(bundle)',
        path: '',
        value: (err as Error).message,
        expected: 'objects this rule can read; fix the schema findings first',
      });
      continue;
    }
    const stray = rule.kinds.includes(EVERY_KIND)
      ? undefined
      : drafts.find((d) => !rule.kinds.includes(d.object.manifest?.kind));
    if (stray) {
      errors.push({
        rule: rule.id,
        severity: 'error',
        object: '(bundle)',
        path: '',
        value: `rule ${rule.id} reported ${describeObject(stray.object)}, not of its kinds ${rule.kinds.join(', ')}`,
        expected: "findings on objects of the rule's kinds only (a bug of the rule)",
      });
      continue;
    }
    for (const draft of drafts) {
      const finding: Finding = {
        rule: rule.id,
        severity: 'error',
        object: describeObject(draft.object),
        path: draft.path,
        value: draft.value,
        expected: draft.expected,
        constructPath: draft.object.constructPath,
        file: draft.object.file,
      };
      const override = (options.overrides ?? []).find((o) => overrideMatches(o, finding));
      if (override?.severity === 'off') {
        suppressed.push({ finding, override });
      } else if (override?.severity === 'warning') {
        finding.severity = 'warning';
        warnings.push(finding);
      } else {
        errors.push(finding);
      }
    }
  }
  return { errors, warnings, suppressed, totals: totalRequests(bundle) };
}

/** The bundle's objects that are no copy of an earlier one (a class's first student's, and what differs per student). */
function distinctOf(bundle: Bundle): Bundle {
  const objects = bundle.objects.filter((o) => bundle.firstAlike(o.manifest) === o.manifest);
  return objects.length === bundle.objects.length ? bundle : makeBundle(objects);
}
