import { z } from 'zod';

/** What an operation of `npm run ops` did: every verb of the command, read-only or mutating. */
export const OPERATION_VERBS = ['stuck', 'dlq.list', 'dlq.show', 'dlq.redrive', 'bulk.signal', 'bulk.cancel', 'bulk.terminate', 'replay', 'audit.verify', 'keys.status', 'keys.rewrap', 'subject-access'] as const;

/** One verb of the operations command. */
export type OperationVerb = (typeof OPERATION_VERBS)[number];

/** Verbs that change something (a workflow, a topic): they need a reason. */
export const MUTATING_VERBS: readonly OperationVerb[] = ['dlq.redrive', 'bulk.signal', 'bulk.cancel', 'bulk.terminate'];

/** How an operation ended; `started` is written before a mutating action, so an action that crashes half-way is still on record. */
export const OPERATION_OUTCOMES = ['started', 'succeeded', 'failed', 'refused', 'dry-run'] as const;

/** An opaque id of something an operation touched: a workflow id, a batch job id, or `<topic>/<partition>/<offset>` of a message. */
const operationTarget = z.string().regex(/^[A-Za-z0-9_.:/-]{1,200}$/, 'an opaque id: letters, digits and _ . : / - only');

/**
 * What `npm run ops` sends the operations log. Who acted is the verified caller, never a field here; `when` is the server's clock.
 * Arguments are the command's options as given (visibility queries, filters): they hold opaque ids only.
 */
export const operationRecordBody = z
  .strictObject({
    verb: z.enum(OPERATION_VERBS),
    arguments: z.record(z.string().regex(/^[a-z][a-z-]{0,30}$/), z.union([z.string().max(1000), z.boolean(), z.number()])).default({}),
    targets: z.array(operationTarget).max(1000).default([]),
    reason: z.string().trim().min(3).max(500).optional().describe('Why the action is taken; required of every mutating verb'),
    outcome: z.enum(OPERATION_OUTCOMES),
    detail: z.string().max(2000).optional().describe('What happened, in a sentence (counts, a batch job id, an error): no personal data'),
    /** Links the closing entry of an action to its `started` entry. */
    operationId: z.string().regex(/^\d{1,18}$/).optional(),
  })
  .refine((body) => !MUTATING_VERBS.includes(body.verb) || body.outcome === 'refused' || (body.reason !== undefined && body.reason.length >= 3), {
    message: 'a mutating operation needs a reason',
    path: ['reason'],
  });

/** One entry of the operations log, as it is read back. */
export const operationEntrySchema = z.object({
  id: z.string(),
  at: z.string(),
  actorId: z.string(),
  actorName: z.string(),
  roles: z.array(z.string()),
  verb: z.enum(OPERATION_VERBS),
  arguments: z.record(z.string(), z.unknown()),
  targets: z.array(z.string()),
  reason: z.string().optional(),
  outcome: z.enum(OPERATION_OUTCOMES),
  detail: z.string().optional(),
  operationId: z.string().optional(),
});

/** A page of the operations log, newest first. */
export const operationPageSchema = z.object({ items: z.array(operationEntrySchema), nextBefore: z.string().optional() });

/** The answer to a recorded entry: its id, for the closing entry to quote. */
export const operationRecordedSchema = z.object({ id: z.string(), at: z.string() });

/** One operations-log entry. */
export type OperationEntry = z.infer<typeof operationEntrySchema>;
/** What the command sends the log. */
export type OperationRecord = z.input<typeof operationRecordBody>;
