import { consumedByPlatform, deadLetterTopicOf, topicCatalogue } from '@oioo/contracts';
import { DeadLetterHeaders, EventHeaders, type IncomingMessage } from '@oioo/kafka';

/** A dead letter as operators see it: where it failed, why, and the envelope's ids; never the event's data values. */
export interface DeadLetterView {
  /** `<dlq topic>/<partition>/<offset>`: the id the operations log and `redrive` use. */
  ref: string;
  offset: string;
  sourceTopic: string;
  sourcePartition: string;
  sourceOffset: string;
  kind: string;
  reason: string;
  consumerGroup: string;
  failedAt: string;
  attempts: string;
  redriveCount: number;
  key: string;
  eventId: string;
  eventType: string;
  occurredAt: string;
  /** The names of the event's data fields: enough to see its shape, nothing of the person. */
  dataFields: string[];
}

/** The topics with a dead-letter topic: those a platform service consumes. */
export function deadLetterSourceTopics(): string[] {
  return topicCatalogue.filter(consumedByPlatform).map((definition) => definition.name);
}

/** The dead-letter topic of a source topic, checked against the catalogue so a typo is named, not read as empty. */
export function deadLetterTopicFor(sourceTopic: string): string {
  const known = deadLetterSourceTopics();
  if (!known.includes(sourceTopic)) throw new Error(`${sourceTopic} has no dead-letter topic; topics with one: ${known.join(', ')}`);
  return deadLetterTopicOf(sourceTopic);
}

/** `<topic>/<partition>/<offset>`: one message's opaque reference. */
export function messageRef(message: Pick<IncomingMessage, 'topic' | 'partition' | 'offset'>): string {
  return `${message.topic}/${message.partition}/${message.offset}`;
}

function header(message: IncomingMessage, name: string): string {
  return message.headers[name]?.toString('utf8') ?? '';
}

/** Reads what operators may see of a dead letter; the value is parsed only to name the envelope's ids and data fields. */
export function viewOf(message: IncomingMessage): DeadLetterView {
  let envelope: { eventId?: unknown; type?: unknown; occurredAt?: unknown; data?: unknown } = {};
  try {
    envelope = message.value ? (JSON.parse(message.value.toString('utf8')) as typeof envelope) : {};
  } catch {
    // Not JSON (an `invalid` dead letter): the headers say what is wrong with it.
  }
  const text = (value: unknown) => (typeof value === 'string' ? value : '');
  return {
    ref: messageRef(message),
    offset: message.offset,
    sourceTopic: header(message, DeadLetterHeaders.sourceTopic),
    sourcePartition: header(message, DeadLetterHeaders.sourcePartition),
    sourceOffset: header(message, DeadLetterHeaders.sourceOffset),
    kind: header(message, DeadLetterHeaders.kind),
    reason: header(message, DeadLetterHeaders.reason),
    consumerGroup: header(message, DeadLetterHeaders.consumerGroup),
    failedAt: header(message, DeadLetterHeaders.failedAt),
    attempts: header(message, DeadLetterHeaders.attempts),
    redriveCount: Number(header(message, DeadLetterHeaders.redriveCount) || '0'),
    key: message.key?.toString('utf8') ?? '',
    eventId: text(envelope.eventId) || header(message, EventHeaders.eventId),
    eventType: text(envelope.type) || header(message, EventHeaders.eventType),
    occurredAt: text(envelope.occurredAt),
    dataFields: envelope.data && typeof envelope.data === 'object' ? Object.keys(envelope.data).sort() : [],
  };
}

/** Which dead letters a redrive or listing selects. */
export interface DeadLetterFilter {
  offset?: string;
  group?: string;
  kind?: string;
  reasonContains?: string;
}

/** True when the dead letter matches every part of the filter given. */
export function matches(view: DeadLetterView, filter: DeadLetterFilter): boolean {
  if (filter.offset !== undefined && view.offset !== filter.offset) return false;
  if (filter.group !== undefined && view.consumerGroup !== filter.group) return false;
  if (filter.kind !== undefined && view.kind !== filter.kind) return false;
  if (filter.reasonContains !== undefined && !view.reason.toLowerCase().includes(filter.reasonContains.toLowerCase())) return false;
  return true;
}

/** Dead letters counted by consumer group, kind and reason (reasons cut to their first 80 characters, ids and all). */
export function summarise(views: readonly DeadLetterView[]): { group: string; kind: string; reason: string; count: number }[] {
  const counts = new Map<string, { group: string; kind: string; reason: string; count: number }>();
  for (const view of views) {
    const reason = view.reason.length > 80 ? `${view.reason.slice(0, 80)}…` : view.reason;
    const key = `${view.consumerGroup}\u0000${view.kind}\u0000${reason}`;
    const entry = counts.get(key) ?? { group: view.consumerGroup, kind: view.kind, reason, count: 0 };
    entry.count += 1;
    counts.set(key, entry);
  }
  return [...counts.values()].sort((a, b) => b.count - a.count);
}
