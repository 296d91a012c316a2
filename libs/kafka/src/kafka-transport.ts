/**
 * The only shape of Kafka the rest of the platform sees. The client library (today kafkajs, which is
 * unmaintained upstream) lives behind it in one file, so swapping it touches nothing else and unit
 * tests fake this interface instead of mocking a client library.
 */

/** A message to write: key, value and headers as strings or bytes. */
export interface OutgoingMessage {
  key: Buffer | string | null;
  value: Buffer | string | null;
  headers?: Readonly<Record<string, Buffer | string>>;
}

/** A message as read from a partition, bytes untouched so it can be dead-lettered exactly as received. */
export interface IncomingMessage {
  topic: string;
  partition: number;
  /** Offset as a decimal string (offsets can exceed 2^53). */
  offset: string;
  key: Buffer | null;
  value: Buffer | null;
  /** Headers by name; when a name repeats, the last value wins. */
  headers: Readonly<Record<string, Buffer>>;
  /** Broker or producer timestamp, epoch milliseconds as a string. */
  timestamp: string;
}

/** What a message handler may do while it holds a message. */
export interface MessageControls {
  /** Tells the group coordinator this member is alive, so a slow retry does not cost the partition. */
  heartbeat(): Promise<void>;
}

/**
 * Handles one message. Resolving marks the message consumed (its offset is committed); rejecting
 * leaves it uncommitted, and the transport delivers it again.
 */
export type IncomingMessageHandler = (message: IncomingMessage, controls: MessageControls) => Promise<void>;

/** Topic to partitions assigned to this group member. */
export type PartitionAssignment = Readonly<Record<string, readonly number[]>>;

/** Writes messages to topics. */
export interface ProducerTransport {
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  /** Resolves once the cluster acknowledged every message (all in-sync replicas). */
  send(topic: string, messages: readonly OutgoingMessage[]): Promise<void>;
  isConnected(): boolean;
}

/** Reads messages of a consumer group, one at a time per partition, so order per key holds. */
export interface ConsumerTransport {
  connect(): Promise<void>;
  subscribe(topics: readonly string[], options: { fromBeginning: boolean }): Promise<void>;
  /** Starts consuming in the background and resolves once started. */
  run(handler: IncomingMessageHandler): Promise<void>;
  /** Stops fetching and waits for the message being handled; committed offsets are kept. */
  stop(): Promise<void>;
  /** Leaves the group and closes connections. */
  disconnect(): Promise<void>;
  isConnected(): boolean;
  /** Calls the listener each time this member (re)joins its group; returns a function that removes it. */
  onGroupJoin(listener: (assignment: PartitionAssignment) => void): () => void;
  /** The group's lag on every partition of the topics, read from the cluster (absent where a transport cannot tell). */
  readLag?(topics: readonly string[]): Promise<PartitionLag[]>;
}

/** How far a consumer group is behind on one partition: messages after its committed offset. */
export interface PartitionLag {
  topic: string;
  partition: number;
  lag: number;
}

/** Settings of one consumer. */
export interface ConsumerTransportOptions {
  groupId: string;
  /** Partitions handled in parallel (order still holds within each); 1 unless a service needs more. */
  partitionsConsumedConcurrently?: number;
}

/** Creates producers and consumers of one cluster. */
export interface KafkaTransport {
  createProducer(): ProducerTransport;
  createConsumer(options: ConsumerTransportOptions): ConsumerTransport;
  /** Creates the topics that do not exist yet and returns their names; existing topics are left as they are. */
  createMissingTopics(topics: readonly TopicSpec[]): Promise<string[]>;
  /** Sets `retention.ms` of those topics that exist and differ from the spec; returns the names it changed (absent where a transport keeps no retention). */
  alignTopicRetention?(topics: readonly TopicSpec[]): Promise<string[]>;
  /** Every message the topic holds now, oldest first per partition, read without moving any group's offsets (operators' tools). */
  readTopic(topic: string, options?: { timeoutMs?: number }): Promise<IncomingMessage[]>;
}

/** A topic to provision: its name, partition count and retention. */
export interface TopicSpec {
  name: string;
  partitions: number;
  retentionMs: number;
}
