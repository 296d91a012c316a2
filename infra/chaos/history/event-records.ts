import { z } from 'zod';
import { kafkaOffset, kafkaPartition, opaqueRef, recordHeader } from './record-fields';

/** What a fuzzed (invalid) event must come to: a dead letter with a reason, or being dropped as a duplicate. */
export const fuzzExpectationSchema = z.enum(['dead-letter', 'duplicate']);

/** The case a valid event must open (an arrival opens a readmission case, an EOI an EOI case). */
export const opensCaseSchema = z.object({
  caseKind: z.enum(['readmission', 'eoi']),
  caseId: opaqueRef,
});

/** The generator published an event and the broker acknowledged it at this topic, partition and offset. */
export const eventPublishedSchema = z
  .object({
    type: z.literal('event-published'),
    ...recordHeader,
    topic: z.string().min(1).max(249),
    partition: kafkaPartition,
    offset: kafkaOffset,
    /** The envelope's event id; absent when the fuzzer made it unreadable. */
    eventId: opaqueRef.optional(),
    /** The case, EOI or person the event is about (opaque). */
    subject: opaqueRef.optional(),
    /** The kind of event (`arrival-recorded`, `eoi-submitted`, `france-replied`...). */
    eventKind: opaqueRef,
    generated: z.enum(['valid', 'invalid']),
    /** For an invalid event: what must become of it. */
    expected: fuzzExpectationSchema.optional(),
    /** For an invalid event: how the fuzzer broke it (`wrong-type`, `missing-field`, `duplicate`...). */
    fuzz: opaqueRef.optional(),
    /** For a valid event that opens a case: which case it must open, exactly once. */
    opens: opensCaseSchema.optional(),
    /**
     * For Border Force's second record of a crossing (R11): the case id of the first record. Identity opens one
     * case per crossing under the id of whichever record it screens first, so either id may be the case's.
     */
    sameCrossingAs: opaqueRef.optional(),
  })
  .refine((record) => (record.generated === 'invalid') === (record.expected !== undefined), {
    message: 'an invalid event names its expected outcome, a valid one does not',
    path: ['expected'],
  })
  .refine((record) => record.generated === 'valid' || record.opens === undefined, { message: 'an invalid event opens no case', path: ['opens'] });

/** A consumer group finished with an event: it processed it, or dropped it as a duplicate it had already handled. */
export const eventConsumedSchema = z.object({
  type: z.literal('event-consumed'),
  ...recordHeader,
  group: opaqueRef,
  topic: z.string().min(1).max(249),
  partition: kafkaPartition,
  offset: kafkaOffset,
  eventId: opaqueRef.optional(),
  outcome: z.enum(['processed', 'duplicate']),
});

/** A consumer group sent an event to its dead-letter topic (from the `dlq-*` headers of the dead letter). */
export const deadLetteredSchema = z.object({
  type: z.literal('dead-lettered'),
  ...recordHeader,
  group: opaqueRef,
  sourceTopic: z.string().min(1).max(249),
  sourcePartition: kafkaPartition,
  sourceOffset: kafkaOffset,
  eventId: opaqueRef.optional(),
  dlqTopic: z.string().min(1).max(249),
  dlqPartition: kafkaPartition,
  dlqOffset: kafkaOffset,
  /** The `dlq-reason` header; an empty one is recorded as such so the checker can name it. */
  reason: z.string().max(4096),
  kind: z.enum(['invalid', 'handler-failed', 'rejected']),
});
