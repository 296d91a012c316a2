import { z } from 'zod';

// What the casework API (services/casework) answers with, shared with its clients such as the console.
// These schemas document the answers (OpenAPI); the handlers build them from the workflows' views, and
// the specs and the console parse real answers with them.

/** A deadline with the time left on it; `near` within a day, `overdue` once past. */
export const deadlineSchema = z.object({
  rule: z.string().describe('Rule that sets the deadline (R3, R4, R8, E2, E7, ...)'),
  at: z.iso.datetime({ offset: true }),
  timeLeftSeconds: z.number().int().describe('Negative once past'),
  status: z.enum(['ok', 'near', 'overdue']),
});

/** One timeline entry (S2); a redacted view keeps only when and what. */
export const timelineEntrySchema = z.object({
  at: z.iso.datetime({ offset: true }),
  what: z.string(),
  by: z.string().optional().describe('Opaque id of the person or the system that did it'),
  byName: z.string().optional().describe('Display name of that person, when the API has seen them'),
  why: z.string().optional(),
  evidence: z.array(z.string()).optional(),
});

/** `full` for roles that may see personal data (and the read is logged, S3); `redacted` for operations. */
const viewKind = z.enum(['full', 'redacted']);

/** A readmission case as the API shows it. */
export const readmissionCaseSchema = z.object({
  caseId: z.string(),
  kind: z.literal('readmission'),
  team: z.string().optional(),
  state: z.string(),
  waitingOn: z.string().optional().describe('The human step the case waits for, when it waits for one'),
  onHold: z.boolean(),
  holds: z.array(z.object({ reference: z.string(), kind: z.string(), placedAt: z.string() })).optional(),
  reEntry: z.boolean(),
  alerts: z.array(z.string()),
  nextDeadline: deadlineSchema.optional(),
  deadlines: z.array(deadlineSchema),
  arrivedAt: z.string().optional(),
  movement: z.object({ movementId: z.string(), departsAt: z.string() }).optional(),
  outcomeReason: z.string().optional(),
  timeline: z.array(timelineEntrySchema),
  view: viewKind,
});

/** An EOI case as the API shows it. */
export const eoiCaseSchema = z.object({
  eoiId: z.string(),
  kind: z.literal('eoi'),
  team: z.string().optional(),
  state: z.string(),
  waitingOn: z.string().optional(),
  alerts: z.array(z.string()).describe('`escalated`: the security services left the request for checks unanswered past its chase deadline (E7)'),
  familySize: z.number().int(),
  submittedAt: z.string().optional(),
  people: z.array(z.record(z.string(), z.unknown())).optional(),
  grant: z.object({ grantedAt: z.string(), validUntil: z.string(), travelReference: z.string().optional(), departsAt: z.string().optional() }).optional(),
  nextDeadline: deadlineSchema.optional(),
  deadlines: z.array(deadlineSchema),
  outcomeReason: z.string().optional(),
  timeline: z.array(timelineEntrySchema),
  view: viewKind,
});

/** One row of a work queue. */
export const queueItemSchema = z.object({
  kind: z.enum(['readmission', 'eoi']),
  id: z.string().describe('The case id or EOI id'),
  team: z.string().optional(),
  state: z.string(),
  waitingOn: z.string(),
  onHold: z.boolean(),
  reEntry: z.boolean(),
  alerts: z.array(z.string()),
  nextDeadline: deadlineSchema.optional(),
});

/** A page of a work queue, nearest deadline first, with what waits per step. */
export const queuePageSchema = z.object({
  items: z.array(queueItemSchema),
  total: z.number().int(),
  countsByStep: z.record(z.string(), z.number().int()),
  nextPageToken: z.string().optional(),
  truncated: z.boolean().describe('True when more cases matched than one listing reads; narrow the filters'),
});

/** What an accepted step answers. */
export const stepResultSchema = z.object({
  state: z.string().optional(),
  commandId: z.string(),
  result: z.record(z.string(), z.unknown()),
});

/** One consultation-log entry (S3): who read which case's personal data, when and why. */
export const consultationSchema = z.object({
  id: z.string(),
  at: z.string(),
  actorId: z.string(),
  actorName: z.string(),
  roles: z.array(z.string()),
  caseKind: z.string(),
  caseId: z.string(),
  operation: z.string(),
  purpose: z.string(),
});

/** A page of the consultation log, newest first. */
export const consultationPageSchema = z.object({ items: z.array(consultationSchema), nextBefore: z.string().optional() });

/** The ledger's live balance (Q3), as the ledger reports it. */
export const ledgerBalanceSchema = z.record(z.string(), z.unknown());

/** One ISO week's report (Q3). */
export const weeklyReportSchema = z.record(z.string(), z.unknown());

/** The verified caller, as the API sees them. */
export const meSchema = z.object({ actorId: z.string(), name: z.string(), roles: z.array(z.string()), team: z.string().optional() });
