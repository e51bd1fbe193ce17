// The shape of workshop.yaml: the workshop's own props (see lib/workshop.ts) plus the settings of
// synth itself. `npm run schema` generates the file's JSON Schema (src/config-schema.json) from
// WorkshopFile, so the props and the schema cannot drift apart.
import type { WorkshopProps } from '../lib/workshop';
import type { Arch } from './images';
import type { DnsLabel } from './k8s/setting-types';
import type { ValidationOverride } from './findings';

/** What workshop.yaml may hold. */
export interface WorkshopFile extends Omit<WorkshopProps, 'student' | 'chartIdPrefix'> {
  /**
   * Fleet mode: one complete workshop per student, in namespace `<namespace>-<student>`.
   * @default - one workshop namespace
   * @minItems 1
   * @description leave students out for one workshop namespace
   */
  readonly students?: DnsLabel[];
  /**
   * No longer used: kuard was the only image published per architecture, and the exercises no
   * longer pull it. Still accepted, so that older files load; synth warns about it.
   * @deprecated
   */
  readonly arch?: Arch;
  readonly validation?: {
    /** Exceptions to validation findings, each with its reason. */
    readonly overrides?: ValidationOverride[];
  };
}

/** The config synth works from: the file's settings, and what synth adds per student. */
export interface WorkshopConfig extends WorkshopFile, WorkshopProps {
  /**
   * Not a workshop.yaml field: the NodePorts a previous synth gave each student, read from dist/
   * (src/fleet.ts readKeptNodePorts), so that they stay.
   */
  readonly keptNodePorts?: Readonly<Record<string, { readonly vote: number; readonly result: number }>>;
}
