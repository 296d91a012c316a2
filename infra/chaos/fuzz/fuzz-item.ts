import { type DeadLetterKind } from '@oioo/kafka';

/** The ways the fuzzer spoils an event. */
export const FUZZ_MUTATIONS = [
  'wrong-type',
  'missing-field',
  'unknown-enum',
  'wrong-topic',
  'wrong-version',
  'huge-string',
  'invalid-utf8',
  'deep-nesting',
  'prototype-pollution',
  'not-json',
  'out-of-order',
  'duplicate',
] as const;

/** One way of spoiling an event. */
export type FuzzMutation = (typeof FUZZ_MUTATIONS)[number];

/**
 * What the platform must do with a bad event: dead-letter it on the topic's `.dlq` with the kind the consumer
 * uses (`invalid`: it cannot be read as its topic's event; `rejected`: its handler refused a fact out of order),
 * or drop it as a copy of an event it already processed (it then ends as the original did).
 */
export type FuzzExpectation =
  | { outcome: 'dead-letter'; kind: Extract<DeadLetterKind, 'invalid' | 'rejected'>; deadLetterTopic: string }
  | { outcome: 'duplicate'; originalEventId: string };

/** A raw Kafka message to publish as it is, with what it is and what must become of it. */
export interface FuzzItem {
  /** Position in the stream (0, 1, 2, ...). */
  seq: number;
  topic: string;
  key: string | null;
  value: Buffer;
  /** The producer's headers where the event had them, plus `chaos-fuzz` (the mutation) and `chaos-fuzz-seq`, which dead letters keep. */
  headers: Record<string, string>;
  mutation: FuzzMutation;
  /** One sentence naming what was spoiled (field paths, never values). */
  description: string;
  expected: FuzzExpectation;
}

/** Headers that mark a fuzzed message, so the checker can tell it from real traffic, in the topic and in its dead letter. */
export const FuzzHeaders = { mutation: 'chaos-fuzz', seq: 'chaos-fuzz-seq' } as const;

/** A message already published (by the workload) that the fuzzer may send again as a duplicate. */
export interface PublishedMessage {
  topic: string;
  key: string | null;
  value: Buffer | string;
  headers?: Record<string, string>;
}
