import { z } from 'zod';
import { instant, opaqueRef, recordHeader } from './record-fields';

/** S1: the decisions taken by two people, and the part a command plays in one. */
export const fourEyesSchema = z.object({
  decision: z.enum(['inadmissibility', 'removal-directions', 'eoi-grant']),
  role: z.enum(['propose', 'approve', 'send-back']),
});

/** A command as the case's timeline holds it: its id, the step, who took it, and its part in a four-eyes decision. */
export const timelineCommandSchema = z.object({
  commandId: opaqueRef,
  /** The Idempotency-Key it came with, when the timeline keeps it. */
  idempotencyKey: opaqueRef.optional(),
  /** The step (the API's operation id or the workflow's step name). */
  step: opaqueRef,
  actor: opaqueRef,
  at: instant,
  fourEyes: fourEyesSchema.optional(),
});

/** One workflow as it stood at the end: its state, its timeline's commands, and what it is waiting for. */
export const workflowViewSchema = z.object({
  workflowId: opaqueRef,
  runId: opaqueRef.optional(),
  kind: z.enum(['readmission', 'eoi', 'ledger']),
  /** The case id (readmission), EOI id (eoi) or pilot id (ledger). */
  caseId: opaqueRef,
  state: opaqueRef,
  closed: z.boolean(),
  /** The timeline's commands, in timeline order. */
  commands: z.array(timelineCommandSchema),
  /** Durable timers still pending (deadlines). */
  pendingTimers: z.number().int().min(0),
  nextDeadline: instant.optional(),
  /** The case waits for a person's step (it is on a work queue). */
  waitingOnPerson: z.boolean(),
});

/** The workflows at the end of the run; a large run splits them over several records. */
export const workflowViewsSchema = z.object({
  type: z.literal('workflow-views'),
  ...recordHeader,
  views: z.array(workflowViewSchema),
});

/** transport: a person's booking on a movement (R9). */
export const bookingRowSchema = z.object({ movementId: opaqueRef, personId: opaqueRef, caseId: opaqueRef, status: z.enum(['booked', 'cancelled']) });
/** transport: a scheduled movement with its capacity and the count it keeps of bookings (R9). */
export const movementRowSchema = z.object({ movementId: opaqueRef, capacity: z.number().int().min(0), bookedCount: z.number().int().min(0) });
/** transport: a completed transfer of a person (handover confirmed, R9). */
export const transferRowSchema = z.object({ caseId: opaqueRef, personId: opaqueRef, movementId: opaqueRef, handoverReference: opaqueRef.optional() });
/** identity: what an arrival record became, a case of its own or a link to the person's existing case (R11). */
export const arrivalCaseRowSchema = z.object({ recordCaseId: opaqueRef, personId: opaqueRef, openedCaseId: opaqueRef.nullable() });
/** legal-review: a readmission request sent to France for a case. */
export const requestRowSchema = z.object({ caseId: opaqueRef, requestReference: opaqueRef, status: opaqueRef });

/** One table of one service's database at the end of the run, rows reduced to opaque ids and counts. */
export const serviceTableSchema = z.discriminatedUnion('table', [
  z.object({ table: z.literal('transport.bookings'), rows: z.array(bookingRowSchema) }),
  z.object({ table: z.literal('transport.movements'), rows: z.array(movementRowSchema) }),
  z.object({ table: z.literal('transport.transfers'), rows: z.array(transferRowSchema) }),
  z.object({ table: z.literal('identity.arrival-cases'), rows: z.array(arrivalCaseRowSchema) }),
  z.object({ table: z.literal('legal-review.requests'), rows: z.array(requestRowSchema) }),
]);

/** The services' tables at the end of the run; a table may be split over several records. */
export const serviceTablesSchema = z.object({
  type: z.literal('service-tables'),
  ...recordHeader,
  tables: z.array(serviceTableSchema),
});

/** The ledger's balance after one of its steps (Q2 holds at each). */
export const ledgerStepSchema = z.object({
  /** The ledger's own sequence number of the change. */
  step: z.number().int().min(0),
  at: instant,
  readmissions: z.number().int().min(0),
  admissions: z.number().int().min(0),
  grantsOutstanding: z.number().int().min(0),
  tolerance: z.number().int().min(0),
});

/**
 * The ledger's history and, taken from the cases (not from the ledger), the readmissions that reached
 * France's handover and the people who arrived in the UK (Q1). A long history may span several records.
 */
export const ledgerHistorySchema = z.object({
  type: z.literal('ledger-history'),
  ...recordHeader,
  pilotId: opaqueRef,
  steps: z.array(ledgerStepSchema),
  /** Readmission cases whose handover France confirmed. */
  handedOver: z.array(opaqueRef),
  /** People admitted: arrived at the UK border on a grant (each counts once, E5). */
  arrived: z.array(z.object({ eoiId: opaqueRef, personId: opaqueRef })),
});

/** A workflow's view at the end of the run. */
export type WorkflowView = z.infer<typeof workflowViewSchema>;
/** A command in a timeline. */
export type TimelineCommand = z.infer<typeof timelineCommandSchema>;
/** One service table. */
export type ServiceTable = z.infer<typeof serviceTableSchema>;
/** One step of the ledger's history. */
export type LedgerStep = z.infer<typeof ledgerStepSchema>;
