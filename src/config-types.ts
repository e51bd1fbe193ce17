// The shape of workshop.yaml: the workshop's own props (see lib/workshop.ts), as the schema in
// config-schema.ts allows them.
import type { WorkshopProps } from '../lib/workshop';

export type WorkshopConfig = WorkshopProps;
