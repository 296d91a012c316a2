import { z } from 'zod';
import { appointmentReferenceSchema, eoiIdSchema, personIdSchema, securityCheckReferenceSchema } from '../ids';

/** Identity booked the invited applicants into the visa application centre in Paris (E7). */
export const appointmentBookedDataSchema = z.object({
  eoiId: eoiIdSchema.describe('The EOI.'),
  appointmentReference: appointmentReferenceSchema.describe('The appointment.'),
  personIds: z.array(personIdSchema).min(1).max(12).describe('Everyone to attend, children included.'),
  centre: z.string().min(1).max(64).describe('The visa application centre.'),
  at: z.iso.datetime({ offset: true }).describe('When the appointment is.'),
});

/** The visa application centre captured one applicant's biometrics (E7); identity enrols and matches them (E4). */
export const biometricsCapturedDataSchema = z.object({
  eoiId: eoiIdSchema.describe('The EOI.'),
  appointmentReference: appointmentReferenceSchema.describe('The appointment attended.'),
  personId: personIdSchema.describe('Whose biometrics.'),
  capturedAt: z.iso.datetime({ offset: true }).describe('When they were captured.'),
  biometricTemplate: z.string().min(8).max(4096).describe('Opaque biometric template; identity enrols it and matches it against the registers (E4).'),
});

/** Legal review asked the security services to check the invited applicants (E7). */
export const securityCheckRequestedDataSchema = z.object({
  eoiId: eoiIdSchema.describe('The EOI.'),
  checkReference: securityCheckReferenceSchema.describe('The request.'),
  personIds: z.array(personIdSchema).min(1).max(12).describe('Who is checked.'),
  requestedAt: z.iso.datetime({ offset: true }).describe('When the checks were asked for.'),
});

/** Grounds on which security and suitability checks refuse (E3, E7). */
export const securityRefusalGroundSchema = z.enum(['security', 'criminality', 'suitability', 'deception']);

/** The security services finished checking one applicant (E7). */
export const securityCheckCompletedDataSchema = z.object({
  eoiId: eoiIdSchema.describe('The EOI.'),
  checkReference: securityCheckReferenceSchema.describe('The request answered.'),
  personId: personIdSchema.describe('Who was checked.'),
  outcome: z.enum(['clear', 'refuse']).describe('Clear, or a ground for refusal.'),
  ground: securityRefusalGroundSchema.optional().describe('Why, when refused.'),
  completedAt: z.iso.datetime({ offset: true }).describe('When the check finished.'),
});

/** Data of an appointment-booked event. */
export type AppointmentBookedData = z.infer<typeof appointmentBookedDataSchema>;
/** Data of a biometrics-captured event. */
export type BiometricsCapturedData = z.infer<typeof biometricsCapturedDataSchema>;
/** Data of a security-check-requested event. */
export type SecurityCheckRequestedData = z.infer<typeof securityCheckRequestedDataSchema>;
/** Data of a security-check-completed event. */
export type SecurityCheckCompletedData = z.infer<typeof securityCheckCompletedDataSchema>;
/** A ground for refusal at the security and suitability checks. */
export type SecurityRefusalGround = z.infer<typeof securityRefusalGroundSchema>;
