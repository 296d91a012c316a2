import { z } from 'zod';
import { appointmentReferenceSchema, eoiIdSchema, personIdSchema, securityCheckReferenceSchema, travelReferenceSchema } from '../ids';

/**
 * HTTP bodies of the service endpoints the EOI workflow's activities call. Both sides parse them with
 * these schemas: the worker before sending and on the answer, the service on receipt.
 */

/** Every side-effecting call carries a key derived from the workflow ID and step, so a retry never acts twice. */
const idempotencyKeySchema = z.string().min(8).max(200);
const instantSchema = z.iso.datetime({ offset: true });
const peopleSchema = z.array(personIdSchema).min(1).max(12);

/** POST /presence-requests on identity: ask each adult to confirm their location in France (E2); publishes the request to the portal. */
export const requestPresenceBodySchema = z.object({
  eoiId: eoiIdSchema,
  personIds: peopleSchema,
  /** How long they have once asked (24 hours, shortened only by a demonstration's time compression). */
  confirmWithinMs: z.number().int().positive(),
  idempotencyKey: idempotencyKeySchema,
});
/** Answer: when they were asked and the deadline (a repeated key returns the first answer). */
export const requestPresenceResponseSchema = z.object({ askedAt: instantSchema, confirmBy: instantSchema });

/** POST /vac-appointments on identity: book everyone in the EOI into the visa application centre (E7); publishes the booking. */
export const bookAppointmentBodySchema = z.object({
  eoiId: eoiIdSchema,
  personIds: peopleSchema,
  idempotencyKey: idempotencyKeySchema,
});
/** Answer: the appointment. */
export const bookAppointmentResponseSchema = z.object({ appointmentReference: appointmentReferenceSchema, centre: z.string().min(1), at: instantSchema });

/** POST /enrolment-register-checks on identity: E4, match a person's enrolled biometrics against the registers. */
export const enrolmentRegisterCheckBodySchema = z.object({
  eoiId: eoiIdSchema,
  personId: personIdSchema,
  enrolmentReference: z.string().min(1).max(128),
});
/** Answer: whether the biometrics match a return under the scheme or a recorded irregular entry. */
export const enrolmentRegisterCheckResponseSchema = z.object({ returned: z.boolean(), irregularEntry: z.boolean(), checkedAt: instantSchema });

/** POST /security-check-requests on legal-review: ask the security services to check the people in the EOI (E7). */
export const requestSecurityChecksBodySchema = z.object({
  eoiId: eoiIdSchema,
  personIds: peopleSchema,
  idempotencyKey: idempotencyKeySchema,
});
/** Answer: the request's reference, which each result names. */
export const requestSecurityChecksResponseSchema = z.object({ checkReference: securityCheckReferenceSchema, requestedAt: instantSchema });

/** POST /travel-bookings on transport: the journey of the people granted entry clearance (E7). */
export const bookTravelBodySchema = z.object({
  eoiId: eoiIdSchema,
  personIds: peopleSchema,
  notBefore: instantSchema,
  idempotencyKey: idempotencyKeySchema,
});
/** Answer: the journey. */
export const bookTravelResponseSchema = z.object({ travelReference: travelReferenceSchema, departsAt: instantSchema, arrivalPort: z.string().min(1) });

/** Body of a presence request. */
export type RequestPresenceBody = z.infer<typeof requestPresenceBodySchema>;
/** Body of an appointment booking. */
export type BookAppointmentBody = z.infer<typeof bookAppointmentBodySchema>;
/** Body of an enrolment register check. */
export type EnrolmentRegisterCheckBody = z.infer<typeof enrolmentRegisterCheckBodySchema>;
/** Body of a security-checks request. */
export type RequestSecurityChecksBody = z.infer<typeof requestSecurityChecksBodySchema>;
/** Body of a travel booking. */
export type BookTravelBody = z.infer<typeof bookTravelBodySchema>;
