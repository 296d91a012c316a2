import { z } from 'zod';
import { LEGAL_CHALLENGE_KINDS } from '../legal-vocabulary';
import { caseIdSchema, movementIdSchema, personIdSchema, requestReferenceSchema } from '../ids';
import { crossingEvidenceSchema } from '../events/arrival-recorded.event';

/**
 * HTTP bodies of the service endpoints the readmission workflow's activities call. Both sides parse
 * them with these schemas: the worker before sending and on the answer, the service on receipt.
 */

/** Every side-effecting call carries a key derived from the workflow ID and step, so a retry never acts twice. */
const idempotencyKeySchema = z.string().min(8).max(200);
const instantSchema = z.iso.datetime({ offset: true });

/** POST /readmission-requests on legal-review: send the request to France (R12 fields only). */
export const sendReadmissionRequestBodySchema = z.object({
  caseId: caseIdSchema,
  personId: personIdSchema,
  biometricReference: z.string().min(1).max(128),
  crossingEvidence: z.array(crossingEvidenceSchema).min(1).max(50),
  arrivedAt: instantSchema,
  requestNumber: z.number().int().min(1),
  idempotencyKey: idempotencyKeySchema,
});
/** Answer: the request's reference and when it reached France. */
export const sendReadmissionRequestResponseSchema = z.object({ requestReference: requestReferenceSchema, sentAt: instantSchema });

/** GET /cases/{caseId}/pending-matters on legal-review: R5's current view. */
export const pendingMattersResponseSchema = z.object({
  pending: z.array(z.object({ kind: z.enum(LEGAL_CHALLENGE_KINDS), reference: z.string().min(1).max(128) })),
  checkedAt: instantSchema,
});

/** POST /bookings on transport: a seat on the first movement at or after `notBefore` (R8, R9). */
export const bookMovementBodySchema = z.object({
  caseId: caseIdSchema,
  /** The manifest to France names each passenger by case and person id (R9, R12). */
  personId: personIdSchema,
  notBefore: instantSchema,
  bookingNumber: z.number().int().min(1),
  idempotencyKey: idempotencyKeySchema,
});
/** Answer: the movement booked. */
export const bookMovementResponseSchema = z.object({ movementId: movementIdSchema, departsAt: instantSchema });

/** POST /bookings/cancellations on transport: give a seat back. */
export const cancelBookingBodySchema = z.object({
  caseId: caseIdSchema,
  movementId: movementIdSchema,
  reason: z.string().min(1).max(500),
  idempotencyKey: idempotencyKeySchema,
});

/** POST /returns-register on identity: R11, the returned person's biometrics enter the register of returns. */
export const registerReturnBodySchema = z.object({
  caseId: caseIdSchema,
  personId: personIdSchema,
  handoverReference: z.string().min(1).max(128),
  idempotencyKey: idempotencyKeySchema,
});

/** Body of a send-request call. */
export type SendReadmissionRequestBody = z.infer<typeof sendReadmissionRequestBodySchema>;
/** Body of a booking call. */
export type BookMovementBody = z.infer<typeof bookMovementBodySchema>;
/** Body of a cancellation call. */
export type CancelBookingBody = z.infer<typeof cancelBookingBodySchema>;
/** Body of a returns-register call. */
export type RegisterReturnBody = z.infer<typeof registerReturnBodySchema>;

/**
 * What a service answers when it refuses a call: an RFC 9457 problem document (`application/problem+json`).
 * `code` is what callers branch on; `detail` is a sentence, never personal data.
 */
export const serviceErrorResponseSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string(),
  code: z.string(),
  instance: z.string().optional(),
  /** The fields a refused request got wrong, when the service names them. */
  errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
});

/** A service's refusal, as a problem document. */
export type ServiceErrorResponse = z.infer<typeof serviceErrorResponseSchema>;
