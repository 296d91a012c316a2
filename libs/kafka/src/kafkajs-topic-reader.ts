import { randomUUID } from 'node:crypto';
import { type Kafka } from 'kafkajs';
import { headerBytes } from './kafkajs-headers';
import { type IncomingMessage } from './kafka-transport';

/**
 * Reads every message a topic holds now, from each partition's oldest offset to its end, without
 * committing anything: a throwaway consumer group is used and deleted afterwards, so no service's
 * position moves. For operators' tools (dead letters), not for consuming.
 */
export async function readTopicToEnd(kafka: Kafka, topic: string, timeoutMs: number): Promise<IncomingMessage[]> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const offsets = await admin.fetchTopicOffsets(topic);
    // The last offset each partition holds now; later messages are not waited for.
    const remaining = new Map(offsets.filter((entry) => BigInt(entry.high) > BigInt(entry.low)).map((entry) => [entry.partition, BigInt(entry.high) - 1n]));
    if (remaining.size === 0) return [];
    const groupId = `oioo-topic-reader-${randomUUID()}`;
    const consumer = kafka.consumer({ groupId, allowAutoTopicCreation: false });
    const messages: IncomingMessage[] = [];
    await consumer.connect();
    try {
      await consumer.subscribe({ topics: [topic], fromBeginning: true });
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`read only ${messages.length} messages of ${topic} within ${timeoutMs} ms`)), timeoutMs);
        consumer
          .run({
            autoCommit: false,
            eachMessage: async ({ partition, message }) => {
              const last = remaining.get(partition);
              if (last === undefined || BigInt(message.offset) > last) return;
              messages.push({ topic, partition, offset: message.offset, key: message.key, value: message.value, headers: headerBytes(message.headers), timestamp: message.timestamp });
              if (BigInt(message.offset) === last) remaining.delete(partition);
              if (remaining.size === 0) {
                clearTimeout(timer);
                resolve();
              }
            },
          })
          .catch(reject);
      });
    } finally {
      await consumer.disconnect();
      await admin.deleteGroups([groupId]).catch(() => undefined);
    }
    return messages.sort((a, b) => a.partition - b.partition || Number(BigInt(a.offset) - BigInt(b.offset)));
  } finally {
    await admin.disconnect();
  }
}
