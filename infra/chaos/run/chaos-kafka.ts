import { randomUUID } from 'node:crypto';
import { type Admin, type Consumer, Kafka, type KafkaConfig as KafkaJsConfig, type Producer, type RecordMetadata, logLevel } from 'kafkajs';
import { type KafkaConfig, fixKafkaJsIdleLoop } from '@oioo/kafka';

/** Where the broker put a message it acknowledged. */
export interface Placement {
  partition: number;
  offset: string;
}

/** A message read back from a topic: where it sits, and its key, value and headers as text. */
export interface ReadMessage extends Placement {
  topic: string;
  value: Buffer | null;
  headers: Record<string, string>;
}

/**
 * The chaos harness's own Kafka client. It needs what the platform's transport deliberately hides: the
 * partition and offset of each acknowledged message (the history joins on them), the consumer groups'
 * committed offsets and the topics' end offsets (consumption and lag, read from Kafka itself), so it talks
 * to kafkajs directly, with the same connection settings as the platform.
 */
export class ChaosKafka {
  private readonly kafka: Kafka;
  private producer?: Producer;
  private producerReady?: Promise<Producer>;
  private admin?: Admin;
  private adminReady?: Promise<Admin>;
  private readonly consumers: Consumer[] = [];

  constructor(config: KafkaConfig, clientId = 'chaos-runner') {
    const options: KafkaJsConfig = { clientId, brokers: config.brokers, ssl: config.ssl, logLevel: logLevel.NOTHING };
    if (config.sasl) Object.assign(options, { sasl: config.sasl });
    fixKafkaJsIdleLoop();
    this.kafka = new Kafka(options);
  }

  /** Publishes one message with `acks=all` and returns where the broker put it. */
  async publish(topic: string, message: { key: string | null; value: Buffer | string; headers: Record<string, string> }): Promise<Placement> {
    const ready = this.connectedProducer();
    let metadata: RecordMetadata | undefined;
    try {
      [metadata] = await (await ready).send({ topic, acks: -1, messages: [{ key: message.key, value: message.value, headers: message.headers }] });
    } catch (error) {
      // kafkajs gives up on a broker it cannot reach (a kill) with an error it calls non-retriable, or fails its
      // first connect: the next publish starts a fresh producer rather than reuse one in an unknown state.
      if (this.producerReady === ready) this.discardProducer();
      throw error;
    }
    if (!metadata || metadata.baseOffset === undefined) throw new Error(`the broker acknowledged a message on ${topic} without its offset`);
    return { partition: metadata.partition, offset: metadata.baseOffset };
  }

  /** Follows topics from their start in a group of its own, calling `onMessage` for each message (the platform's outgoing facts). */
  async follow(topics: readonly string[], onMessage: (message: ReadMessage) => void): Promise<void> {
    const consumer = this.kafka.consumer({ groupId: `chaos-watcher-${randomUUID()}`, allowAutoTopicCreation: false });
    this.consumers.push(consumer);
    await consumer.connect();
    await consumer.subscribe({ topics: [...topics], fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ topic, partition, message }) => {
        onMessage({ topic, partition, offset: message.offset, value: message.value, headers: textHeaders(message.headers) });
      },
    });
  }

  /** Every message a topic holds now, read without joining any group (dead letters at the end of a run). */
  async readToEnd(topic: string): Promise<ReadMessage[]> {
    const ends = await this.endOffsets(topic);
    const wanted = new Map([...ends].filter(([, end]) => BigInt(end) > 0n));
    const messages: ReadMessage[] = [];
    if (wanted.size === 0) return messages;
    const consumer = this.kafka.consumer({ groupId: `chaos-reader-${randomUUID()}`, allowAutoTopicCreation: false });
    await consumer.connect();
    try {
      await consumer.subscribe({ topics: [topic], fromBeginning: true });
      const done = new Promise<void>((resolve) => {
        void consumer.run({
          eachMessage: async ({ partition, message }) => {
            messages.push({ topic, partition, offset: message.offset, value: message.value, headers: textHeaders(message.headers) });
            if (BigInt(message.offset) + 1n >= BigInt(wanted.get(partition) ?? '0')) wanted.delete(partition);
            if (wanted.size === 0) resolve();
          },
        });
      });
      await done;
    } finally {
      await consumer.disconnect();
    }
    return messages;
  }

  /** The end (high watermark) offset of each partition of a topic. */
  async endOffsets(topic: string): Promise<Map<number, string>> {
    const offsets = await (await this.adminClient()).fetchTopicOffsets(topic);
    return new Map(offsets.map((entry) => [entry.partition, entry.high]));
  }

  /** A consumer group's committed offset of each partition of a topic (the next offset it will read; absent: nothing committed). */
  async committedOffsets(groupId: string, topic: string): Promise<Map<number, string>> {
    const [fetched] = await (await this.adminClient()).fetchOffsets({ groupId, topics: [topic] });
    return new Map((fetched?.partitions ?? []).filter((entry) => BigInt(entry.offset) >= 0n).map((entry) => [entry.partition, entry.offset]));
  }

  /** Stops the watchers and closes every connection. */
  async close(): Promise<void> {
    for (const consumer of this.consumers) await consumer.disconnect().catch(() => undefined);
    await this.producer?.disconnect().catch(() => undefined);
    await this.admin?.disconnect().catch(() => undefined);
  }

  private discardProducer(): void {
    const producer = this.producer;
    this.producer = undefined;
    this.producerReady = undefined;
    void producer?.disconnect().catch(() => undefined);
  }

  /** One producer, connected once however many publishes ask for it at the same time. */
  private connectedProducer(): Promise<Producer> {
    this.producerReady ??= (async () => {
      const producer = this.kafka.producer({ allowAutoTopicCreation: false });
      this.producer = producer;
      await producer.connect();
      return producer;
    })();
    return this.producerReady;
  }

  private adminClient(): Promise<Admin> {
    this.adminReady ??= (async () => {
      this.admin = this.kafka.admin();
      await this.admin.connect();
      return this.admin;
    })();
    return this.adminReady;
  }
}

function textHeaders(headers: Record<string, Buffer | string | (Buffer | string)[] | undefined> | undefined): Record<string, string> {
  const text: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined) text[name] = first.toString();
  }
  return text;
}
