import { z } from 'zod';

/**
 * An opaque identifier as the history keeps it: letters, digits and `_ : . / -`, no spaces, at most 200
 * characters. Names, dates and free text cannot take this shape, which keeps personal data out (S3).
 */
export const opaqueRef = z.string().regex(/^[A-Za-z0-9_:./-]{1,200}$/, 'must be an opaque id (letters, digits, _ : . / -; no spaces)');

/** A Kafka offset, as kafkajs gives it: a decimal string (offsets are 64-bit). */
export const kafkaOffset = z.string().regex(/^[0-9]{1,20}$/, 'must be a decimal Kafka offset');

/** A Kafka partition number. */
export const kafkaPartition = z.number().int().min(0);

/** A wall-clock instant, ISO 8601 with an offset. */
export const instant = z.iso.datetime({ offset: true });

/** The fields every record carries: its place in the history (1, 2, 3… in file order) and when it was written. */
export const recordHeader = {
  /** Position in the history: strictly increasing, in file order. */
  seq: z.number().int().positive(),
  /** Wall-clock time the recorder wrote the record. */
  at: instant,
};
