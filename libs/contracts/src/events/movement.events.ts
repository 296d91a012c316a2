import { z } from 'zod';
import { caseIdSchema, handoverReferenceSchema, movementIdSchema, personIdSchema } from '../ids';

/** The manifest of a scheduled movement, notified to France ahead of departure (R9: 48 hours by default). */
export const manifestNotifiedDataSchema = z.object({
  movementId: movementIdSchema.describe('The movement.'),
  departsAt: z.iso.datetime({ offset: true }).describe('Scheduled departure.'),
  entryPoint: z.string().min(1).max(64).describe('Designated French entry point (R9).'),
  passengers: z
    .array(z.object({ caseId: caseIdSchema, personId: personIdSchema }))
    .max(200)
    .describe('Who is on board, by opaque ids only (R12).'),
});

/** Escorts recorded whether a person boarded a movement (R9); a no-show returns the case to be rescheduled. */
export const boardingRecordedDataSchema = z.object({
  movementId: movementIdSchema.describe('The movement.'),
  caseId: caseIdSchema.describe('The readmission case.'),
  outcome: z.enum(['boarded', 'no-show']).describe('Boarded, or did not board.'),
  recordedAt: z.iso.datetime({ offset: true }).describe('When it was recorded.'),
});

/** France confirmed it took the person over: the readmission is complete and counts for equivalence (R9, Q1). */
export const handoverConfirmedDataSchema = z.object({
  handoverReference: handoverReferenceSchema.describe("France's reference for the handover."),
  movementId: movementIdSchema.describe('The movement the person arrived on.'),
  caseId: caseIdSchema.describe('The readmission case.'),
  confirmedAt: z.iso.datetime({ offset: true }).describe('When France took the person over.'),
});

/** Data of a manifest-notified event. */
export type ManifestNotifiedData = z.infer<typeof manifestNotifiedDataSchema>;
/** Data of a boarding-recorded event. */
export type BoardingRecordedData = z.infer<typeof boardingRecordedDataSchema>;
/** Data of a handover-confirmed event. */
export type HandoverConfirmedData = z.infer<typeof handoverConfirmedDataSchema>;
