import {
  type ConsumerTransport,
  type ConsumerTransportOptions,
  type IncomingMessage,
  type IncomingMessageHandler,
  type KafkaTransport,
  type OutgoingMessage,
  type PartitionAssignment,
  type ProducerTransport,
  type TopicSpec,
} from './kafka-transport';

/** A message some producer of an {@link InMemoryKafkaTransport} sent. */
export interface SentMessage {
  topic: string;
  key: Buffer | null;
  value: Buffer | null;
  headers: Record<string, Buffer>;
}

/** A message to hand to a consumer, as in {@link InMemoryKafkaTransport.deliver}. */
export interface DeliveryInput {
  key?: Buffer | string | null;
  value: Buffer | string | null;
  headers?: Readonly<Record<string, Buffer | string>>;
  partition?: number;
}

/**
 * A {@link KafkaTransport} in memory for unit tests of services and of this library: producers record
 * what they send, and tests deliver messages to consumers one at a time and see whether each was
 * committed. Nothing reaches a broker.
 */
export class InMemoryKafkaTransport implements KafkaTransport {
  /** Everything sent, in order. */
  readonly sent: SentMessage[] = [];
  /** When set, every send fails with it (to test dead-letter failures). */
  sendError: Error | undefined;
  private readonly consumers: InMemoryConsumer[] = [];

  /** Creates a producer that records into {@link sent}. */
  createProducer(): ProducerTransport {
    return new InMemoryProducer((topic, messages) => this.record(topic, messages));
  }

  /** Creates a consumer that receives what {@link deliver} hands it. */
  createConsumer(options: ConsumerTransportOptions): ConsumerTransport {
    const consumer = new InMemoryConsumer(options.groupId);
    this.consumers.push(consumer);
    return consumer;
  }

  /** Topics created through {@link createMissingTopics}. */
  readonly topics = new Set<string>();

  /** Records the topics as created, returning those that were new. */
  async createMissingTopics(topics: readonly TopicSpec[]): Promise<string[]> {
    const created = topics.map((topic) => topic.name).filter((name) => !this.topics.has(name));
    for (const name of created) this.topics.add(name);
    return created;
  }

  /** What was sent to the topic, as one partition whose offsets count from 0. */
  async readTopic(topic: string): Promise<IncomingMessage[]> {
    return this.sentTo(topic).map((message, index) => ({ topic, partition: 0, offset: String(index), key: message.key, value: message.value, headers: message.headers, timestamp: '0' }));
  }

  /** Messages sent to one topic. */
  sentTo(topic: string): SentMessage[] {
    return this.sent.filter((message) => message.topic === topic);
  }

  /**
   * Hands a message to every running consumer subscribed to the topic, after the messages before it on
   * the same partition. Resolves with its offset once committed; rejects if a consumer left it uncommitted.
   */
  async deliver(topic: string, input: DeliveryInput): Promise<{ offset: string }> {
    const targets = this.consumers.filter((consumer) => consumer.isSubscribedTo(topic));
    if (targets.length === 0) throw new Error(`No running consumer is subscribed to ${topic}`);
    const partition = input.partition ?? 0;
    let offset = '';
    for (const consumer of targets) offset = await consumer.receive(topic, partition, input);
    return { offset };
  }

  /** Offset of the next message a group would read on a partition, i.e. the committed position (`-1` if none). */
  committedOffset(groupId: string, topic: string, partition = 0): string {
    const consumer = this.consumers.find((candidate) => candidate.groupId === groupId);
    return consumer?.committed.get(`${topic}:${partition}`) ?? '-1';
  }

  private record(topic: string, messages: readonly OutgoingMessage[]): void {
    if (this.sendError) throw this.sendError;
    for (const message of messages) {
      this.sent.push({ topic, key: toBytes(message.key), value: toBytes(message.value), headers: headerBytes(message.headers) });
    }
  }
}

class InMemoryProducer implements ProducerTransport {
  private connected = false;

  constructor(private readonly record: (topic: string, messages: readonly OutgoingMessage[]) => void) {}

  async connect(): Promise<void> {
    this.connected = true;
  }

  async disconnect(): Promise<void> {
    this.connected = false;
  }

  async send(topic: string, messages: readonly OutgoingMessage[]): Promise<void> {
    if (!this.connected) throw new Error('The producer is not connected');
    this.record(topic, messages);
  }

  isConnected(): boolean {
    return this.connected;
  }
}

class InMemoryConsumer implements ConsumerTransport {
  /** Committed position per `topic:partition`. */
  readonly committed = new Map<string, string>();
  private connected = false;
  private running = false;
  private topics: readonly string[] = [];
  private handler: IncomingMessageHandler | undefined;
  private readonly nextOffsets = new Map<string, number>();
  private readonly partitionQueues = new Map<string, Promise<unknown>>();
  private readonly joinListeners = new Set<(assignment: PartitionAssignment) => void>();

  constructor(readonly groupId: string) {}

  async connect(): Promise<void> {
    this.connected = true;
  }

  async subscribe(topics: readonly string[]): Promise<void> {
    this.topics = [...topics];
  }

  async run(handler: IncomingMessageHandler): Promise<void> {
    this.handler = handler;
    this.running = true;
    const assignment = Object.fromEntries(this.topics.map((topic) => [topic, [0]]));
    for (const listener of this.joinListeners) listener(assignment);
  }

  async stop(): Promise<void> {
    this.running = false;
    await Promise.allSettled([...this.partitionQueues.values()]);
  }

  async disconnect(): Promise<void> {
    this.connected = false;
  }

  isConnected(): boolean {
    return this.connected;
  }

  onGroupJoin(listener: (assignment: PartitionAssignment) => void): () => void {
    this.joinListeners.add(listener);
    return () => this.joinListeners.delete(listener);
  }

  isSubscribedTo(topic: string): boolean {
    return this.running && this.topics.includes(topic);
  }

  /** Delivers after earlier messages of the partition, like a real consumer reading one partition in order. */
  receive(topic: string, partition: number, input: DeliveryInput): Promise<string> {
    const slot = `${topic}:${partition}`;
    const offset = this.nextOffsets.get(slot) ?? 0;
    this.nextOffsets.set(slot, offset + 1);
    const previous = this.partitionQueues.get(slot) ?? Promise.resolve();
    const delivery = previous
      .catch(() => undefined)
      .then(async () => {
        const handler = this.handler;
        if (!handler) throw new Error('The consumer is not running');
        const message: IncomingMessage = {
          topic,
          partition,
          offset: String(offset),
          key: toBytes(input.key ?? null),
          value: toBytes(input.value),
          headers: headerBytes(input.headers),
          timestamp: String(Date.now()),
        };
        await handler(message, { heartbeat: async () => undefined });
        this.committed.set(slot, String(offset + 1));
        return String(offset);
      });
    this.partitionQueues.set(slot, delivery);
    return delivery;
  }
}

function toBytes(value: Buffer | string | null): Buffer | null {
  if (value === null) return null;
  return Buffer.isBuffer(value) ? value : Buffer.from(value);
}

function headerBytes(headers: Readonly<Record<string, Buffer | string>> | undefined): Record<string, Buffer> {
  return Object.fromEntries(Object.entries(headers ?? {}).map(([name, value]) => [name, Buffer.isBuffer(value) ? value : Buffer.from(value)]));
}
