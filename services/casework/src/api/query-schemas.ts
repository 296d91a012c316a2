import { z } from 'zod';
import { auditChainQuerySchema } from '@oioo/contracts';

const flag = z.enum(['true', 'false']).transform((value) => value === 'true');
/** Why an auditor (or anyone) reads personal data; required of auditors (S3). */
const purpose = z.string().trim().min(3).max(200).optional().describe('Why the data is read; required of auditors, recorded in the consultation log (S3)');

/** Filters and paging of a work queue. */
export const queueQuery = z.strictObject({
  kind: z.enum(['readmission', 'eoi']).optional(),
  step: z.string().regex(/^[a-z-]{3,40}$/).optional().describe('A case state that waits for a person (`screening`, `inadmissibility-approval`, `decision`, ...)'),
  onHold: flag.optional(),
  alert: z.enum(['escalated', 'target-breached']).optional(),
  reEntry: flag.optional(),
  team: z.string().regex(/^[a-z0-9-]{2,40}$/).optional().describe('Another team than the caller\'s: national roles only'),
  pageSize: z.coerce.number().int().min(1).max(100).default(25),
  pageToken: z.string().max(200).optional(),
});

/** A read of one case. */
export const caseReadQuery = z.strictObject({ purpose });

/** A read of the ledger (no personal data). */
export const ledgerReadQuery = z.strictObject({ purpose });

/** The auditor's search of the consultation log. */
export const consultationQuery = z.strictObject({
  purpose: z.string().trim().min(3).max(200),
  caseId: z.string().max(64).optional(),
  actorId: z.string().max(64).optional(),
  before: z.string().regex(/^\d{1,18}$/).optional().describe('Entries older than this id (paging)'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

/** No query parameters. */
export const noQuery = z.strictObject({});

/** A search of the operations log (opaque ids only, so no purpose is asked). */
export const operationsQuery = z.strictObject({
  verb: z.string().regex(/^[a-z.-]{3,20}$/).optional(),
  target: z.string().max(200).optional().describe('Entries that touched this workflow id, batch job or `<topic>/<partition>/<offset>`'),
  actorId: z.string().max(64).optional(),
  before: z.string().regex(/^\d{1,18}$/).optional().describe('Entries older than this id (paging)'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

/** A page of an audit stream, in chain order (the query every service's audit read route takes). */
export const auditChainQuery = auditChainQuerySchema;
