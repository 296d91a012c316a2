import { type EnvelopeFields } from '@oioo/contracts';
import { type DeadLetterHeaders, type DeadLetterKind, type EventHeaders } from '@oioo/kafka';

/**
 * What each envelope field means. The contracts document these fields in JSDoc, which never reaches
 * JSON Schema, so the documents fall back to this text; a `.meta({ description })` on the field in
 * the contracts takes precedence. Keyed by the contract's own type, so a new field fails the type-check
 * until it is described here.
 */
export const envelopeFieldDescriptions: Record<keyof EnvelopeFields | 'data', string> = {
  eventId: 'Unique per event (a UUID); consumers use it to drop duplicates. Also sent as the `event-id` header.',
  type: "The topic's name, `<context>.<entity>.<event>.v<N>`; a consumer dead-letters an event whose type is another topic's.",
  source: 'The system that observed the fact.',
  subject: 'Opaque id of the case or person the fact is about, never a name (S3); also the Kafka key, so one subject stays in order on one partition.',
  occurredAt: 'When the fact happened in the world (ISO 8601 with an offset), not when it was sent.',
  schemaVersion: "Version of the data schema; equals the topic's `v<N>` suffix, and a consumer dead-letters any other.",
  correlationId: 'Ties together every event of one business flow; the first event of a flow uses its own `eventId`.',
  causationId: 'The event or command that caused this one, when there is one.',
  data: "The fact itself; its schema depends on the topic (see each topic's channel).",
};

/** What each header the platform's producer sets on every event means. */
export const eventHeaderDescriptions: Record<keyof typeof EventHeaders, string> = {
  eventId: "The envelope's `eventId`, so tools can trace and de-duplicate without parsing the value.",
  eventType: "The envelope's `type` (the topic name), so tools can route without parsing the value.",
};

/** What each `dlq-*` header on a dead-lettered message means. */
export const deadLetterHeaderDescriptions: Record<keyof typeof DeadLetterHeaders, string> = {
  reason: 'Why it failed: for `invalid`, the fields and rules the value broke; for `handler-failed`, the last error. At most 4096 bytes of UTF-8, cut with a marker.',
  kind: 'What went wrong.',
  sourceTopic: 'The topic the message was read from.',
  sourcePartition: 'The partition it was read from (decimal).',
  sourceOffset: 'Its offset in that partition (decimal), to find the original.',
  failedAt: 'When it was dead-lettered (ISO 8601, UTC).',
  consumerGroup: 'The consumer group (the consuming service) that gave up on it.',
  attempts: 'How many times the handler was tried (decimal); on `handler-failed` and `rejected`.',
  redriveCount: 'Set on an event an operator re-drove to its source topic (`npm run ops -- dlq redrive`): how many times it was re-driven (decimal). Kept on its dead letter if it fails again; nothing re-drives automatically.',
  redrivenFrom: 'Set on a re-driven event: the dead letter it came from, `<dlq topic>/<partition>/<offset>`. Kept on its dead letter if it fails again.',
};

/** What each value of the `dlq-kind` header means. */
export const deadLetterKindDescriptions: Record<DeadLetterKind, string> = {
  invalid: 'The value could not be read as an event of its topic (not JSON, wrong envelope or data, another topic or version, or no handler for the topic); it was not retried.',
  'handler-failed': 'The event was valid but its handler kept failing; it was retried `KAFKA_CONSUMER_MAX_ATTEMPTS` times with backoff first.',
  rejected: 'The event was valid but does not fit the case it is about (a reply to a request never sent, say); the reason says why. It was not retried.',
};
