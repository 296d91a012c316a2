import {
  ConfigResourceTypes,
  ConfigSource,
  Kafka,
  KafkaJSError,
  logLevel as KafkaJsLogLevel,
  Partitioners,
  type Admin,
  type Consumer,
  type KafkaConfig as KafkaJsConfig,
  type Producer,
  type SASLOptions,
} from 'kafkajs';
import { createLogger, type Logger } from '@oioo/config';
import { type KafkaConfig } from './kafka-config';
import { fixKafkaJsIdleLoop } from './kafkajs-idle-fix';
import { writeKafkaJsLog } from './kafkajs-log';
import { headerBytes } from './kafkajs-headers';
import { readTopicToEnd } from './kafkajs-topic-reader';
import {
  type ConsumerTransport,
  type ConsumerTransportOptions,
  type IncomingMessageHandler,
  type KafkaTransport,
  type OutgoingMessage,
  type PartitionAssignment,
  type PartitionLag,
  type ProducerTransport,
  type TopicSpec,
} from './kafka-transport';

/** Settings of the kafkajs-backed transport. */
export interface KafkaJsTransportOptions {
  config: KafkaConfig;
  /** Used unless `KAFKA_CLIENT_ID` overrides it. */
  clientId: string;
  logger?: Logger;
}

/** The single place kafkajs is used: a {@link KafkaTransport} over one kafkajs client. */
export function createKafkaJsTransport(options: KafkaJsTransportOptions): KafkaTransport {
  const logger = options.logger ?? createLogger('kafka');
  fixKafkaJsIdleLoop();
  const kafka = new Kafka(clientConfig(options, logger));
  return {
    createProducer: () =>
      new KafkaJsProducer(
        // Naming the partitioner silences kafkajs's v2 warning; the default one hashes keys like the Java client.
        kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner, allowAutoTopicCreation: false }),
      ),
    createConsumer: (consumerOptions) =>
      new KafkaJsConsumer(kafka.consumer({ groupId: consumerOptions.groupId, allowAutoTopicCreation: false }), consumerOptions, () => kafka.admin()),
    createMissingTopics: (topics) => createMissingTopics(kafka, topics),
    alignTopicRetention: (topics) => alignTopicRetention(kafka, topics),
    readTopic: (topic, readOptions) => readTopicToEnd(kafka, topic, readOptions?.timeoutMs ?? 30_000),
  };
}

/** Replication factor of provisioned topics: the cluster's default (1 on the local single-node broker). */
const CLUSTER_DEFAULT_REPLICATION = -1;

async function createMissingTopics(kafka: Kafka, topics: readonly TopicSpec[]): Promise<string[]> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = topics.filter((topic) => !existing.has(topic.name));
    if (missing.length === 0) return [];
    await admin.createTopics({
      // kafkajs's own wait asks one node and gives up on UNKNOWN_TOPIC_OR_PARTITION, which a node of a multi-node
      // cluster answers for a moment after another created the topic; waitForLeaders below tolerates that.
      waitForLeaders: false,
      topics: missing.map((topic) => ({
        topic: topic.name,
        numPartitions: topic.partitions,
        replicationFactor: CLUSTER_DEFAULT_REPLICATION,
        configEntries: [{ name: 'retention.ms', value: String(topic.retentionMs) }],
      })),
    });
    await waitForLeaders(admin, missing.map((topic) => topic.name));
    return missing.map((topic) => topic.name);
  } finally {
    await admin.disconnect();
  }
}

/** How long new topics may take to have a leader on every partition before provisioning gives up. */
const LEADER_WAIT_MS = 60_000;

/** Waits until every partition of `names` has a leader, reading metadata again while the cluster's nodes catch up. */
async function waitForLeaders(admin: Admin, names: string[]): Promise<void> {
  const deadline = Date.now() + LEADER_WAIT_MS;
  for (;;) {
    let lacking: string;
    try {
      const { topics } = await admin.fetchTopicMetadata({ topics: names });
      const withoutLeader = topics.filter((topic) => topic.partitions.length === 0 || topic.partitions.some((partition) => partition.leader < 0));
      if (withoutLeader.length === 0) return;
      lacking = withoutLeader.map((topic) => topic.name).join(', ');
    } catch (error) {
      lacking = `metadata not yet known (${(error as Error).message})`;
    }
    if (Date.now() > deadline) throw new Error(`new topics have no leader after ${LEADER_WAIT_MS / 1000} s: ${lacking}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

async function alignTopicRetention(kafka: Kafka, topics: readonly TopicSpec[]): Promise<string[]> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const present = topics.filter((topic) => existing.has(topic.name));
    if (present.length === 0) return [];
    const described = await admin.describeConfigs({ includeSynonyms: false, resources: present.map((topic) => ({ type: ConfigResourceTypes.TOPIC, name: topic.name })) });
    const altered: string[] = [];
    for (const topic of present) {
      const entries = described.resources.find((resource) => resource.resourceName === topic.name)?.configEntries ?? [];
      if (entries.find((entry) => entry.configName === 'retention.ms')?.configValue === String(topic.retentionMs)) continue;
      // AlterConfigs replaces the topic's whole dynamic configuration, so the topic's other overrides are sent back as they are.
      const kept = entries
        .filter((entry) => entry.configSource === ConfigSource.TOPIC_CONFIG && entry.configName !== 'retention.ms' && !entry.isSensitive && !entry.readOnly)
        .map((entry) => ({ name: entry.configName, value: entry.configValue }));
      await admin.alterConfigs({
        validateOnly: false,
        resources: [{ type: ConfigResourceTypes.TOPIC, name: topic.name, configEntries: [...kept, { name: 'retention.ms', value: String(topic.retentionMs) }] }],
      });
      altered.push(topic.name);
    }
    return altered;
  } finally {
    await admin.disconnect();
  }
}

/** kafkajs client settings from our config: production reaches a TLS/SASL cluster by configuration alone. */
function clientConfig(options: KafkaJsTransportOptions, logger: Logger): KafkaJsConfig {
  const { config } = options;
  return {
    clientId: config.clientId ?? options.clientId,
    brokers: config.brokers,
    ssl: config.ssl,
    ...(config.sasl ? { sasl: saslOptions(config.sasl) } : {}),
    logLevel: KafkaJsLogLevel.WARN,
    logCreator: () => (entry) => writeKafkaJsLog(logger, entry),
  };
}

/** kafkajs types SASL per mechanism, so the union is narrowed one mechanism at a time. */
function saslOptions({ mechanism, username, password }: NonNullable<KafkaConfig['sasl']>): SASLOptions {
  switch (mechanism) {
    case 'plain':
      return { mechanism, username, password };
    case 'scram-sha-256':
      return { mechanism, username, password };
    case 'scram-sha-512':
      return { mechanism, username, password };
  }
}

/** A kafkajs producer behind {@link ProducerTransport}. */
class KafkaJsProducer implements ProducerTransport {
  private connected = false;

  constructor(private readonly producer: Producer) {
    producer.on(producer.events.CONNECT, () => (this.connected = true));
    producer.on(producer.events.DISCONNECT, () => (this.connected = false));
  }

  async connect(): Promise<void> {
    await this.producer.connect();
  }

  async disconnect(): Promise<void> {
    await this.producer.disconnect();
  }

  async send(topic: string, messages: readonly OutgoingMessage[]): Promise<void> {
    await this.producer.send({
      topic,
      acks: -1,
      messages: messages.map((message) => ({ key: message.key, value: message.value, headers: { ...message.headers } })),
    });
  }

  isConnected(): boolean {
    return this.connected;
  }
}

/**
 * Thrown to kafkajs when a message could not be handled, so that kafkajs keeps the offset uncommitted
 * and delivers the message again. It is marked retriable: kafkajs crashes a consumer for good on
 * non-retriable errors (and on a thrown TypeError or RangeError), which would stop a whole service.
 */
class MessageNotHandledError extends Error {
  readonly retriable = true;

  constructor(cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause), { cause });
    this.name = 'MessageNotHandledError';
  }
}

/** A kafkajs consumer behind {@link ConsumerTransport}. */
class KafkaJsConsumer implements ConsumerTransport {
  private connected = false;
  private admin?: Promise<Admin>;

  constructor(
    private readonly consumer: Consumer,
    private readonly options: ConsumerTransportOptions,
    private readonly createAdmin: () => Admin,
  ) {
    const { events } = consumer;
    consumer.on(events.CONNECT, () => (this.connected = true));
    // After a crash kafkajs restarts the consumer without a new CONNECT event; rejoining the group means it is back.
    consumer.on(events.GROUP_JOIN, () => (this.connected = true));
    consumer.on(events.DISCONNECT, () => (this.connected = false));
    consumer.on(events.CRASH, () => (this.connected = false));
  }

  async connect(): Promise<void> {
    await this.consumer.connect();
  }

  async subscribe(topics: readonly string[], options: { fromBeginning: boolean }): Promise<void> {
    await this.consumer.subscribe({ topics: [...topics], fromBeginning: options.fromBeginning });
  }

  async run(handler: IncomingMessageHandler): Promise<void> {
    await this.consumer.run({
      // Offsets are committed only after eachMessage resolves, i.e. once the message was handled or dead-lettered.
      autoCommit: true,
      partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently ?? 1,
      eachMessage: async ({ topic, partition, message, heartbeat }) => {
        try {
          await handler(
            {
              topic,
              partition,
              offset: message.offset,
              key: message.key,
              value: message.value,
              headers: headerBytes(message.headers),
              timestamp: message.timestamp,
            },
            { heartbeat },
          );
        } catch (error) {
          // kafkajs's own errors (a rebalance seen by heartbeat, say) go back as they are, so it can react to them.
          throw error instanceof KafkaJSError ? error : new MessageNotHandledError(error);
        }
      },
    });
  }

  async stop(): Promise<void> {
    await this.consumer.stop();
  }

  async disconnect(): Promise<void> {
    const admin = this.admin;
    this.admin = undefined;
    await admin?.then((connected) => connected.disconnect()).catch(() => undefined);
    await this.consumer.disconnect();
  }

  isConnected(): boolean {
    return this.connected;
  }

  /** Log end offsets against the group's committed offsets, through one admin connection kept for the consumer's life. */
  async readLag(topics: readonly string[]): Promise<PartitionLag[]> {
    this.admin ??= (async () => {
      const admin = this.createAdmin();
      await admin.connect();
      return admin;
    })().catch((error: unknown) => {
      this.admin = undefined;
      throw error;
    });
    const admin = await this.admin;
    const committed = await admin.fetchOffsets({ groupId: this.options.groupId, topics: [...topics] });
    const lags: PartitionLag[] = [];
    for (const { topic, partitions } of committed) {
      const ends = new Map((await admin.fetchTopicOffsets(topic)).map((end) => [end.partition, end]));
      for (const { partition, offset } of partitions) {
        const end = ends.get(partition);
        if (!end) continue;
        // A group that never committed on a partition starts from its oldest retained message (fromBeginning).
        const from = Number(offset) >= 0 ? Number(offset) : Number(end.low);
        lags.push({ topic, partition, lag: Math.max(0, Number(end.high) - from) });
      }
    }
    return lags;
  }

  onGroupJoin(listener: (assignment: PartitionAssignment) => void): () => void {
    return this.consumer.on(this.consumer.events.GROUP_JOIN, (event) => listener(event.payload.memberAssignment));
  }
}
