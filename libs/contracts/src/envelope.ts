import { z } from 'zod';
import { subjectIdSchema } from './ids';
import { sourceSystemSchema } from './source-systems';

/** Fields every event carries, whatever its data: who said what, about whom, when, and why. */
export const envelopeFieldsSchema = z.object({
  /** Unique per event; consumers use it to drop duplicates. */
  eventId: z.uuid(),
  /** The catalogue name of the event, equal to its topic (`<context>.<entity>.<event>.v<N>`). */
  type: z.string().min(1),
  /** The system that observed the fact. */
  source: sourceSystemSchema,
  /** Opaque id of the case or person the fact is about; also the Kafka key. */
  subject: subjectIdSchema,
  /** When the fact happened in the world (not when it was sent). */
  occurredAt: z.iso.datetime({ offset: true }),
  /** Version of the data schema; equals the topic's version suffix. */
  schemaVersion: z.number().int().positive(),
  /** Ties together every event of one business flow. */
  correlationId: z.string().min(1).max(128),
  /** The event or command that caused this one, when there is one. */
  causationId: z.string().min(1).max(128).optional(),
});

/** The envelope's fields without the data. */
export type EnvelopeFields = z.infer<typeof envelopeFieldsSchema>;

/** Builds the schema of an event envelope whose `data` follows the given schema. */
export function eventEnvelopeSchema<Data extends z.ZodType>(data: Data) {
  return envelopeFieldsSchema.extend({ data });
}

/** An event: the envelope around data of type `Data`. */
export type EventEnvelope<Data> = EnvelopeFields & { data: Data };
