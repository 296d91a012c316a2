import { z } from 'zod';

/** Systems that may publish events onto the integration surface. */
export const sourceSystemSchema = z.enum([
  'uk-border-force',
  'uk-identity',
  'uk-legal-review',
  'uk-transport',
  'uk-escorts',
  'uk-courts',
  'uk-nrm',
  'uk-caseworker-desk',
  'fr-ministry-interior',
  'eoi-portal',
  'visa-application-centre',
  'uk-security-checks',
  'uk-border',
  'oioo-platform',
]);

/** A system that publishes events. */
export type SourceSystem = z.infer<typeof sourceSystemSchema>;
