// Runs raw objects through validation for the corpus tests.
import type { BundleObject, Rule } from '../src/validation/types';
import { RULES, validateBundle } from '../src/validation/validate';
import type { Json } from '../src/json';

/** Validates raw objects with `rules` (every rule by default). */
export function corpusReport(objects: Json[], rules: readonly Rule[] = RULES) {
  return validateBundle(
    objects.map((manifest): BundleObject => ({ manifest })),
    { rules },
  );
}

/** The errors of corpusReport as `{ rule, object, path, value }`, what the cases expect. */
export function corpusFindings(objects: Json[], rules: readonly Rule[] = RULES) {
  return corpusReport(objects, rules).errors.map(({ rule, object, path, value }) => ({ rule, object, path, value }));
}
