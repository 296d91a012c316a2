import { DeadLetterHeaders, type IncomingMessage, type OutgoingMessage } from '@oioo/kafka';
import { messageRef } from './dead-letters';

/** The `dlq-*` headers a dead letter carries about its last failure; a re-driven message starts without them. */
const FAILURE_HEADERS = new Set<string>([
  DeadLetterHeaders.reason,
  DeadLetterHeaders.kind,
  DeadLetterHeaders.sourceTopic,
  DeadLetterHeaders.sourcePartition,
  DeadLetterHeaders.sourceOffset,
  DeadLetterHeaders.failedAt,
  DeadLetterHeaders.consumerGroup,
  DeadLetterHeaders.attempts,
]);

/**
 * The message to send back to the source topic: the original key and value (so the same event id, and
 * consumers drop what they already handled) and headers, without the last failure's `dlq-*` headers, with
 * the redrive count raised and the dead letter it came from. If it fails again, the consumer dead-letters it
 * with these headers kept, so the next operator sees it was re-driven before.
 */
export function redriveMessageOf(deadLetter: IncomingMessage): OutgoingMessage {
  const headers: Record<string, Buffer | string> = {};
  for (const [name, value] of Object.entries(deadLetter.headers)) if (!FAILURE_HEADERS.has(name)) headers[name] = value;
  const previous = Number(deadLetter.headers[DeadLetterHeaders.redriveCount]?.toString('utf8') ?? '0');
  headers[DeadLetterHeaders.redriveCount] = String((Number.isFinite(previous) ? previous : 0) + 1);
  headers[DeadLetterHeaders.redrivenFrom] = messageRef(deadLetter);
  return { key: deadLetter.key, value: deadLetter.value, headers };
}
