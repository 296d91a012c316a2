import { z } from 'zod';
import { OPAQUE_ID } from './opaque-id';

export { isOpaqueId } from './opaque-id';

/** Builds the schema of an opaque id whose prefix names its kind (`case`, `per`, `eoi`, ...). */
function opaqueId(prefix: string) {
  return z
    .string()
    .regex(OPAQUE_ID, `must be an opaque id like ${prefix}_01J9ZQ4X7K3M2N8P6R5T`)
    .refine((value) => value.startsWith(`${prefix}_`), `must start with "${prefix}_"`);
}

/** A readmission case, one per person and crossing. */
export const caseIdSchema = opaqueId('case');
/** A person known to the identity service. */
export const personIdSchema = opaqueId('per');
/** An expression of interest on the legal route (a family shares one). */
export const eoiIdSchema = opaqueId('eoi');
/** A legal challenge (injunction, judicial review, human-rights claim, NRM referral, appeal, age dispute). */
export const challengeIdSchema = opaqueId('chl');
/** A readmission request sent to France. */
export const requestReferenceSchema = opaqueId('req');
/** A scheduled movement (flight) to France. */
export const movementIdSchema = opaqueId('mov');
/** France's reference for a handover it confirmed. */
export const handoverReferenceSchema = opaqueId('hov');
/** A pilot of the scheme; the equivalence ledger is one per pilot. */
export const pilotIdSchema = opaqueId('pilot');
/** A visa application centre appointment (E7). */
export const appointmentReferenceSchema = opaqueId('vac');
/** A request for security and suitability checks (E7). */
export const securityCheckReferenceSchema = opaqueId('sec');
/** A journey booked for granted applicants (E7, E8). */
export const travelReferenceSchema = opaqueId('trv');
/** The subject of an event: any opaque id, whatever its kind. */
export const subjectIdSchema = z.string().regex(OPAQUE_ID, 'must be an opaque id such as case_01J9ZQ4X7K3M2N8P6R5T');

/** A readmission case id. */
export type CaseId = z.infer<typeof caseIdSchema>;
/** A person id. */
export type PersonId = z.infer<typeof personIdSchema>;
/** An EOI id. */
export type EoiId = z.infer<typeof eoiIdSchema>;
