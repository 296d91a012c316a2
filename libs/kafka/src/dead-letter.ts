import { deadLetterTopicOf } from '@oioo/contracts';
import { type IncomingMessage, type OutgoingMessage } from './kafka-transport';

/** Why a message was dead-lettered: it could not be read as its topic's event, its handler kept failing, or its handler refused it. */
export type DeadLetterKind = 'invalid' | 'handler-failed' | 'rejected';

/** Headers added to every dead-lettered message, so a person can see what failed, where and why. */
export const DeadLetterHeaders = {
  reason: 'dlq-reason',
  kind: 'dlq-kind',
  sourceTopic: 'dlq-source-topic',
  sourcePartition: 'dlq-source-partition',
  sourceOffset: 'dlq-source-offset',
  failedAt: 'dlq-failed-at',
  consumerGroup: 'dlq-consumer-group',
  attempts: 'dlq-attempts',
  /**
   * Set by `npm run ops -- dlq redrive` on the message it sends back to the source topic: how many times
   * this event was re-driven. The consumer copies it into a new dead letter if the event fails again, so
   * an operator sees the history; nothing re-drives automatically, so a failing event never loops.
   */
  redriveCount: 'dlq-redrive-count',
  /** Set on a re-driven message: the dead letter it came from, `<dlq topic>/<partition>/<offset>`. */
  redrivenFrom: 'dlq-redriven-from',
} as const;

/** Longest `dlq-reason` in bytes: enough for a list of zod issues, small next to the broker's message size limit. */
export const MAX_REASON_BYTES = 4096;

/** Why and where a message failed. */
export interface DeadLetterFacts {
  kind: DeadLetterKind;
  reason: string;
  consumerGroup: string;
  /** Handler attempts made, for `handler-failed`. */
  attempts?: number;
  failedAt: Date;
}

/** The dead-letter copy of a message: the original key, value and headers, plus the `dlq-*` headers. */
export function deadLetterOf(message: IncomingMessage, facts: DeadLetterFacts): { topic: string; message: OutgoingMessage } {
  const headers: Record<string, Buffer | string> = {
    ...message.headers,
    [DeadLetterHeaders.reason]: truncateUtf8(facts.reason, MAX_REASON_BYTES),
    [DeadLetterHeaders.kind]: facts.kind,
    [DeadLetterHeaders.sourceTopic]: message.topic,
    [DeadLetterHeaders.sourcePartition]: String(message.partition),
    [DeadLetterHeaders.sourceOffset]: message.offset,
    [DeadLetterHeaders.failedAt]: facts.failedAt.toISOString(),
    [DeadLetterHeaders.consumerGroup]: facts.consumerGroup,
  };
  if (facts.attempts !== undefined) headers[DeadLetterHeaders.attempts] = String(facts.attempts);
  return { topic: deadLetterTopicOf(message.topic), message: { key: message.key, value: message.value, headers } };
}

const encoder = new TextEncoder();

/** Cuts a string to at most `maxBytes` of UTF-8 without splitting a character, marking the cut. */
export function truncateUtf8(text: string, maxBytes: number): string {
  if (Buffer.byteLength(text, 'utf8') <= maxBytes) return text;
  const marker = '… (truncated)';
  // encodeInto writes whole characters only, so the cut never lands inside a multi-byte sequence.
  const { read } = encoder.encodeInto(text, new Uint8Array(Math.max(0, maxBytes - Buffer.byteLength(marker, 'utf8'))));
  return text.slice(0, read) + marker;
}
