import { z } from 'zod';
import { eoiIdSchema, personIdSchema, travelReferenceSchema } from '../ids';

/** Transport booked the journey of the people granted entry clearance (E7), told to the carrier and the applicants. */
export const travelBookedDataSchema = z.object({
  eoiId: eoiIdSchema.describe('The EOI.'),
  travelReference: travelReferenceSchema.describe('The journey.'),
  personIds: z.array(personIdSchema).min(1).max(12).describe('Who travels, by opaque ids only.'),
  departsAt: z.iso.datetime({ offset: true }).describe('Departure from France.'),
  arrivalPort: z.string().min(1).max(64).describe('UK port of arrival.'),
});

/** Border Force admitted a person holding entry clearance under the scheme at the UK border (E8, Q1). */
export const entryRecordedDataSchema = z.object({
  eoiId: eoiIdSchema.describe('The EOI whose grant the person holds.'),
  personId: personIdSchema.describe('Who arrived.'),
  travelReference: travelReferenceSchema.optional().describe('The journey, when they came on the booked one.'),
  arrivedAt: z.iso.datetime({ offset: true }).describe('When they arrived; the admission counts then (Q1).'),
  port: z.string().min(1).max(64).describe('Port of arrival.'),
});

/** Data of a travel-booked event. */
export type TravelBookedData = z.infer<typeof travelBookedDataSchema>;
/** Data of an entry-recorded event. */
export type EntryRecordedData = z.infer<typeof entryRecordedDataSchema>;
