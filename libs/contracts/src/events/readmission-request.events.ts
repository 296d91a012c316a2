import { z } from 'zod';
import { FRANCE_REFUSAL_GROUNDS } from '../legal-vocabulary';
import { caseIdSchema, personIdSchema, requestReferenceSchema } from '../ids';
import { crossingEvidenceSchema } from './arrival-recorded.event';

/**
 * The UK's readmission request to France. R12: only what the readmission needs (identity, biometric
 * reference, crossing evidence), never asylum-claim content; its sending is logged as a disclosure (S3).
 */
export const readmissionRequestSentDataSchema = z.object({
  requestReference: requestReferenceSchema.describe("The request's reference; France's reply quotes it."),
  caseId: caseIdSchema.describe('The readmission case.'),
  personId: personIdSchema.describe('The person to be readmitted.'),
  biometricReference: z.string().min(1).max(128).describe('Reference of the biometric enrolment France can match against.'),
  crossingEvidence: z.array(crossingEvidenceSchema).min(1).max(50).describe('Evidence of the crossing and of direct arrival from France (R1).'),
  arrivedAt: z.iso.datetime({ offset: true }).describe('When the person arrived in the UK.'),
  requestNumber: z.number().int().min(1).describe('1 for the first request, 2 or more for corrected ones (R10).'),
});

/** France's reply to a readmission request (R4, R10). */
export const franceReplyDataSchema = z.object({
  requestReference: requestReferenceSchema.describe('The request replied to.'),
  caseId: caseIdSchema.describe('The readmission case.'),
  kind: z.enum(['accepted', 'refused', 'extended']).describe('Accepted; refused (with a ground); or extended to 28 days in exceptional cases.'),
  ground: z.enum(FRANCE_REFUSAL_GROUNDS).optional().describe('Why France refused (R10); only with kind refused.'),
});

/** Data of a readmission-request-sent event. */
export type ReadmissionRequestSentData = z.infer<typeof readmissionRequestSentDataSchema>;
/** Data of a France-reply event. */
export type FranceReplyData = z.infer<typeof franceReplyDataSchema>;
