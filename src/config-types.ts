// The shape of workshop.yaml: the workshop's own props (see lib/workshop.ts) plus the settings of
// synth itself, as the schema in config-schema.ts allows them.
import type { WorkshopProps } from '../lib/workshop';
import type { ValidationOverride } from './validation/types';

export interface WorkshopConfig extends WorkshopProps {
  /**
   * Fleet mode: one complete workshop per student, in namespace `<namespace>-<student>`.
   * @default - one workshop namespace
   */
  readonly students?: string[];
  readonly validation?: {
    /** Exceptions to validation findings, each with its reason. */
    readonly overrides?: ValidationOverride[];
  };
}
