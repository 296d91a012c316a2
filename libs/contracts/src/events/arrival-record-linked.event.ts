import { z } from 'zod';
import { caseIdSchema } from '../ids';
import { eventEnvelopeSchema } from '../envelope';

/**
 * Why a Border Force arrival record opened no case (R11, one person, one case):
 * - `open-case`: its biometrics match a person whose case is still open; the record is on that case's timeline;
 * - `ended-case`: it records a crossing that an ended case already covered (the person arrived before
 *   that case ended, or before their return under it).
 */
export const arrivalRecordLinkSchema = z.enum(['open-case', 'ended-case']);

/** Identity's answer to a second record of a person it already holds: the record is linked to the existing case. */
export const arrivalRecordLinkedDataSchema = z.object({
  /** The case id Border Force gave the second record; no case runs under it. */
  recordCaseId: caseIdSchema,
  /** The event that carried the second record. */
  recordEventId: z.uuid(),
  /** The existing case the record belongs to. */
  caseId: caseIdSchema,
  link: arrivalRecordLinkSchema,
  /** The biometric match: 1 for an exact match, otherwise the similarity score (at or above the threshold). */
  matchScore: z.number().min(0).max(1),
  linkedAt: z.iso.datetime({ offset: true }),
});

/** The `identity.arrival-record.linked.v1` event. */
export const arrivalRecordLinkedEventSchema = eventEnvelopeSchema(arrivalRecordLinkedDataSchema);

/** Data of an arrival-record-linked event. */
export type ArrivalRecordLinkedData = z.infer<typeof arrivalRecordLinkedDataSchema>;
