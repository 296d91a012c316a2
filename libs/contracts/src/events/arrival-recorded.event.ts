import { z } from 'zod';
import { caseIdSchema, personIdSchema } from '../ids';
import { eventEnvelopeSchema } from '../envelope';

/** How the person came to UK authorities after the crossing (R1 a–c). */
export const arrivalRouteSchema = z.enum(['claimed-protection', 'apprehended', 'search-and-rescue']);

/** A piece of evidence of the crossing and of direct arrival from France (R1), by reference only. */
export const crossingEvidenceSchema = z.object({
  kind: z.enum(['interception-record', 'rescue-record', 'biometric-capture', 'vessel-tracking']),
  reference: z.string().min(1).max(128),
});

/** Border Force recorded a small-boat arrival: the fact that opens a readmission case. */
export const arrivalRecordedDataSchema = z.object({
  caseId: caseIdSchema,
  personId: personIdSchema,
  /** When the person arrived in the UK; every readmission deadline counts from here (R3, R6). */
  arrivedAt: z.iso.datetime({ offset: true }),
  route: arrivalRouteSchema,
  /** Country the boat left from; only France is in scope (R1). */
  departedFrom: z.string().length(2),
  crossingEvidence: z.array(crossingEvidenceSchema).max(50),
  /** The biometric sample taken at arrival, as an opaque template value; identity enrols and matches it (R11, E4). */
  biometricTemplate: z.string().min(8).max(4096).describe('Opaque biometric template captured at arrival; identity enrols and matches it (R11, E4).'),
});

/** The `border-force.arrival.recorded.v1` event. */
export const arrivalRecordedEventSchema = eventEnvelopeSchema(arrivalRecordedDataSchema);

/** Data of an arrival-recorded event. */
export type ArrivalRecordedData = z.infer<typeof arrivalRecordedDataSchema>;
/** An arrival-recorded event. */
export type ArrivalRecordedEvent = z.infer<typeof arrivalRecordedEventSchema>;
