import { PLATFORM_SERVICES, deadLetterTopicOf, topicCatalogue } from '@oioo/contracts';
import { DeadLetterHeaders } from '@oioo/kafka';
import { type HistoryWriter, type Subscription, kafkaOffset } from '../history';
import { type ChaosKafka } from './chaos-kafka';
import { type PublishedRef } from './run-recorder';

/** Every catalogued topic a platform service consumes, with the consumer groups (named after the services) that must handle each of its events. */
export function platformSubscriptions(): Subscription[] {
  return topicCatalogue
    .map((topic) => ({ topic: topic.name, groups: topic.consumers.filter((party) => PLATFORM_SERVICES.includes(party)).map(String) }))
    .filter((subscription) => subscription.groups.length > 0);
}

/**
 * Waits until every consumer group has committed past every message the run published to its topics
 * (consumer lag back to zero for this run's messages); false when that does not happen within `timeoutMs`.
 */
export async function waitForConsumers(kafka: ChaosKafka, published: readonly PublishedRef[], subscriptions: readonly Subscription[], timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  const last = lastOffsets(published);
  for (;;) {
    let behind = 0;
    for (const { topic, groups } of subscriptions) {
      const partitions = last.get(topic);
      if (!partitions) continue;
      for (const group of groups) {
        const committed = await kafka.committedOffsets(group, topic);
        for (const [partition, offset] of partitions) if (BigInt(committed.get(partition) ?? '0') <= offset) behind += 1;
      }
    }
    if (behind === 0) return true;
    if (Date.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
}

/**
 * Records what each consumer group did with each message the run published, read from Kafka itself at the
 * end of the run: every dead letter of the run's messages (from the `.dlq` topics' `dlq-*` headers) becomes a
 * `dead-lettered` record; a message below the group's committed offset and not dead-lettered by it was
 * handled, and becomes `event-consumed`: `duplicate` when the group had already handled a message with the
 * same event id at an earlier offset (the consumers drop such a copy), `processed` otherwise. A message the
 * group has not committed past gets no record, so the checker sees it as not delivered.
 */
export async function recordConsumption(kafka: Pick<ChaosKafka, 'readToEnd' | 'committedOffsets'>, history: HistoryWriter, published: readonly PublishedRef[], subscriptions: readonly Subscription[]): Promise<void> {
  const eventIds = new Map(published.map((message) => [refOf(message), message.eventId]));
  const deadLettered = new Set<string>();
  for (const { topic } of subscriptions) {
    if (!published.some((message) => message.topic === topic)) continue;
    const dlqTopic = deadLetterTopicOf(topic);
    for (const letter of await kafka.readToEnd(dlqTopic)) {
      const sourceTopic = letter.headers[DeadLetterHeaders.sourceTopic];
      const sourcePartition = Number(letter.headers[DeadLetterHeaders.sourcePartition]);
      const sourceOffset = letter.headers[DeadLetterHeaders.sourceOffset] ?? '';
      const group = letter.headers[DeadLetterHeaders.consumerGroup] ?? '';
      const source = `${sourceTopic}/${sourcePartition}/${sourceOffset}`;
      if (!sourceTopic || !eventIds.has(source) || !kafkaOffset.safeParse(sourceOffset).success) continue;
      const kind = letter.headers[DeadLetterHeaders.kind];
      const eventId = eventIds.get(source);
      await history.append({
        type: 'dead-lettered',
        group,
        sourceTopic,
        sourcePartition,
        sourceOffset,
        ...(eventId ? { eventId } : {}),
        dlqTopic,
        dlqPartition: letter.partition,
        dlqOffset: letter.offset,
        reason: letter.headers[DeadLetterHeaders.reason] ?? '',
        kind: kind === 'handler-failed' || kind === 'rejected' ? kind : 'invalid',
      });
      deadLettered.add(`${group}|${source}`);
    }
  }
  const inOrder = [...published].sort((a, b) => a.topic.localeCompare(b.topic) || a.partition - b.partition || Number(BigInt(a.offset) - BigInt(b.offset)));
  for (const { topic, groups } of subscriptions) {
    const messages = inOrder.filter((message) => message.topic === topic);
    if (messages.length === 0) continue;
    for (const group of groups) {
      const committed = await kafka.committedOffsets(group, topic);
      const handled = new Set<string>();
      for (const message of messages) {
        if (deadLettered.has(`${group}|${refOf(message)}`)) continue;
        if (BigInt(committed.get(message.partition) ?? '0') <= BigInt(message.offset)) continue;
        const duplicate = message.eventId !== undefined && handled.has(message.eventId);
        if (message.eventId) handled.add(message.eventId);
        await history.append({
          type: 'event-consumed',
          group,
          topic,
          partition: message.partition,
          offset: message.offset,
          ...(message.eventId ? { eventId: message.eventId } : {}),
          outcome: duplicate ? 'duplicate' : 'processed',
        });
      }
    }
  }
}

function refOf(message: Pick<PublishedRef, 'topic' | 'partition' | 'offset'>): string {
  return `${message.topic}/${message.partition}/${message.offset}`;
}

/** The highest offset the run published on each partition of each topic. */
function lastOffsets(published: readonly PublishedRef[]): Map<string, Map<number, bigint>> {
  const last = new Map<string, Map<number, bigint>>();
  for (const message of published) {
    const partitions = last.get(message.topic) ?? new Map<number, bigint>();
    const offset = BigInt(message.offset);
    if ((partitions.get(message.partition) ?? -1n) < offset) partitions.set(message.partition, offset);
    last.set(message.topic, partitions);
  }
  return last;
}
