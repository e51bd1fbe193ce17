// The shape of workshop.yaml: the workshop's own props (see lib/workshop.ts) plus the settings of
// synth itself, as the schema in config-schema.ts allows them.
import type { WorkshopProps } from '../lib/workshop';
import type { Arch } from './images';
import type { ValidationOverride } from './validation/types';

export interface WorkshopConfig extends WorkshopProps {
  /**
   * Fleet mode: one complete workshop per student, in namespace `<namespace>-<student>`.
   * @default - one workshop namespace
   */
  readonly students?: string[];
  /**
   * No longer used: kuard was the only image published per architecture, and the exercises no
   * longer pull it. Still accepted, so that older files load; synth warns about it.
   * @deprecated
   */
  readonly arch?: Arch;
  /**
   * Not a workshop.yaml field: the NodePorts a previous synth gave each student, read from dist/
   * (src/fleet.ts readKeptNodePorts), so that they stay.
   */
  readonly keptNodePorts?: Readonly<Record<string, { readonly vote: number; readonly result: number }>>;
  readonly validation?: {
    /** Exceptions to validation findings, each with its reason. */
    readonly overrides?: ValidationOverride[];
  };
}
