import { setTimeout as sleep } from 'node:timers/promises';
import { isTransientFailure } from './transient-failure';
import { type z } from 'zod';
import { SpanKind, context, propagation, trace } from '@opentelemetry/api';
import { createLogger, type LogFields, type Logger } from '@oioo/config';
import { type EventEnvelope, type TopicDefinition } from '@oioo/contracts';
import { endSpan, kafkaMetrics, platformTracer, tracingEnabled } from '@oioo/observability';
import { deadLetterOf, type DeadLetterKind } from './dead-letter';
import { readEvent } from './event-reader';
import { DeadLetterError, EventRejectedError } from './kafka.errors';
import { type ConsumerTransport, type IncomingMessage, type MessageControls, type PartitionAssignment } from './kafka-transport';
import { type RawHeaders } from './event-producer';

/** Where an event came from, for handlers that log or need the raw headers. */
export interface EventMetadata {
  topic: string;
  partition: number;
  offset: string;
  headers: Readonly<Record<string, string>>;
  /** 1 on first delivery to the handler, higher on retries. */
  attempt: number;
}

/** Handles one validated event. Throwing makes the consumer retry, then dead-letter the event. */
export type EventHandlerFunction<Data> = (event: EventEnvelope<Data>, metadata: EventMetadata) => Promise<void> | void;

/** Where the consumer sends dead letters: the producer, which the consumer connects but never disconnects. */
export interface DeadLetterPublisher {
  connect(): Promise<void>;
  publishRaw(topicName: string, key: Buffer | string | null, value: Buffer | string | null, headers?: RawHeaders): Promise<void>;
}

/** Settings of an {@link EventConsumer}. */
export interface EventConsumerOptions {
  transport: ConsumerTransport;
  deadLetters: DeadLetterPublisher;
  /** Consumer group, usually the service name (`identity`); every instance of a service shares it. */
  groupId: string;
  /** Handler attempts per event before it is dead-lettered (`KAFKA_CONSUMER_MAX_ATTEMPTS`). */
  maxAttempts: number;
  /** First pause between attempts, doubled each time (`KAFKA_CONSUMER_RETRY_BACKOFF_MS`). */
  retryBackoffMs: number;
  /**
   * How long an event whose handler cannot reach a dependency (see isTransientFailure) keeps being retried before
   * it is dead-lettered (`KAFKA_CONSUMER_OUTAGE_RETRY_MS`); such failures do not count towards `maxAttempts`.
   * Unset, an outage is retried like any other failure.
   */
  outageRetryMs?: number;
  /** Where a new group starts on a partition it has never committed: the oldest message, or only new ones. */
  fromBeginning?: boolean;
  /** How often the group's lag per partition is read from the cluster for `oioo_kafka_consumer_lag`; unset, it is not read. */
  lagRefreshMs?: number;
  logger?: Logger;
}

/** Lifecycle of a consumer: it starts once and stops once. */
export type ConsumerState = 'idle' | 'starting' | 'running' | 'stopping' | 'stopped';

/** Longest pause between handler attempts, so a large attempt count cannot stall a partition for long. */
const MAX_BACKOFF_MS = 30_000;

interface Registration {
  topic: TopicDefinition;
  handler: EventHandlerFunction<unknown>;
}

/**
 * Consumes events of registered topics: validates each message, hands valid events to their handler
 * with retries, and dead-letters what cannot be read or handled, so bad input never stops the
 * consumer and no message is dropped without a trace.
 */
export class EventConsumer {
  private readonly registrations = new Map<string, Registration>();
  private readonly logger: Logger;
  private readonly inFlight = new Set<Promise<void>>();
  private state: ConsumerState = 'idle';
  private assignment: PartitionAssignment | undefined;
  private readonly joinWaiters = new Set<(assignment: PartitionAssignment) => void>();
  private removeJoinListener?: () => void;
  private starting?: Promise<void>;
  private stopping?: Promise<void>;
  /** Aborted when the consumer stops, so an event waiting out an outage gives way at once. */
  private readonly stopSignal = new AbortController();
  private lagTimer?: NodeJS.Timeout;

  constructor(private readonly options: EventConsumerOptions) {
    this.logger = options.logger ?? createLogger('kafka-consumer', { groupId: options.groupId });
  }

  /** Registers the handler of a topic's events; one handler per topic, before `start`. */
  register<Data extends z.ZodType>(topic: TopicDefinition<Data>, handler: EventHandlerFunction<z.output<Data>>): void {
    if (this.state !== 'idle') throw new Error(`Cannot register a handler for ${topic.name}: consumer ${this.options.groupId} has already started`);
    if (this.registrations.has(topic.name)) {
      throw new Error(`Consumer ${this.options.groupId} already has a handler for ${topic.name}; register one handler per topic`);
    }
    this.registrations.set(topic.name, { topic, handler: handler as EventHandlerFunction<unknown> });
  }

  /** Names of the topics with a registered handler. */
  topics(): string[] {
    return [...this.registrations.keys()];
  }

  /** Connects, subscribes to every registered topic and starts consuming in the background. */
  start(): Promise<void> {
    if (this.state !== 'idle') return Promise.reject(new Error(`Consumer ${this.options.groupId} was already started`));
    if (this.registrations.size === 0) {
      return Promise.reject(new Error(`Consumer ${this.options.groupId} has no handlers; register at least one before start`));
    }
    this.state = 'starting';
    this.starting = this.connectAndRun().then(
      () => {
        this.state = 'running';
        this.logger.info('Consumer started', { topics: this.topics().join(',') });
        this.startLagRefresh();
      },
      async (error: unknown) => {
        this.removeJoinListener?.();
        this.state = 'stopped';
        // Whatever did connect is closed, so a failed boot leaves no half-open consumer behind.
        await this.options.transport.disconnect().catch(() => undefined);
        throw error;
      },
    );
    return this.starting;
  }

  private async connectAndRun(): Promise<void> {
    const { transport } = this.options;
    this.removeJoinListener = transport.onGroupJoin((assignment) => this.onGroupJoin(assignment));
    await this.options.deadLetters.connect();
    await transport.connect();
    await transport.subscribe(this.topics(), { fromBeginning: this.options.fromBeginning ?? false });
    await transport.run((message, controls) => this.track(this.process(message, controls)));
  }

  /**
   * Resolves with this member's partitions once it has joined its group. Integration tests await it
   * before producing; with `fromBeginning: false` a message sent before the first fetch may still be
   * skipped, so tests should use a fresh group with `fromBeginning: true`.
   */
  waitUntilJoined(timeoutMs = 30_000): Promise<PartitionAssignment> {
    if (this.assignment) return Promise.resolve(this.assignment);
    return new Promise((resolve, reject) => {
      const waiter = (assignment: PartitionAssignment) => {
        clearTimeout(timer);
        resolve(assignment);
      };
      const timer = setTimeout(() => {
        this.joinWaiters.delete(waiter);
        reject(new Error(`Consumer ${this.options.groupId} did not join its group within ${timeoutMs} ms`));
      }, timeoutMs);
      this.joinWaiters.add(waiter);
    });
  }

  /** Stops fetching, waits for events being handled (including their retries), then disconnects. Safe to call twice. */
  stop(): Promise<void> {
    if (this.state === 'idle') this.state = 'stopped';
    if (this.state === 'stopped') return this.stopping ?? Promise.resolve();
    this.stopping ??= this.stopAndDisconnect();
    return this.stopping;
  }

  private async stopAndDisconnect(): Promise<void> {
    // A start still under way finishes first, so there is a running consumer to stop.
    await this.starting?.catch(() => undefined);
    if (this.state === 'stopped') return;
    this.state = 'stopping';
    this.stopSignal.abort();
    clearInterval(this.lagTimer);
    const { transport } = this.options;
    try {
      await transport.stop();
      await Promise.allSettled([...this.inFlight]);
      await transport.disconnect();
    } finally {
      this.removeJoinListener?.();
      this.state = 'stopped';
      this.logger.info('Consumer stopped');
    }
  }

  /** Reads the group's lag on the refresh interval (not per scrape), so the gauge shows a consumer that is stuck as well as one that is slow. */
  private startLagRefresh(): void {
    const { lagRefreshMs, transport, groupId } = this.options;
    if (lagRefreshMs === undefined || !transport.readLag) return;
    const readLag = transport.readLag.bind(transport);
    const refresh = async () => {
      try {
        for (const { topic, partition, lag } of await readLag(this.topics())) kafkaMetrics.lag.set({ group: groupId, topic, partition: String(partition) }, lag);
      } catch (error) {
        this.logger.warn('Consumer lag could not be read; the gauge keeps its last value', { error: error instanceof Error ? error.message : String(error) });
      }
    };
    void refresh();
    this.lagTimer = setInterval(() => void refresh(), lagRefreshMs);
    this.lagTimer.unref();
  }

  /** True while the consumer is running and connected to its group. */
  isHealthy(): boolean {
    return this.state === 'running' && this.options.transport.isConnected();
  }

  /** The consumer's lifecycle state, for health details. */
  status(): ConsumerState {
    return this.state;
  }

  private onGroupJoin(assignment: PartitionAssignment): void {
    this.assignment = assignment;
    this.logger.info('Consumer joined its group', { partitions: Object.values(assignment).reduce((sum, list) => sum + list.length, 0) });
    for (const waiter of this.joinWaiters) waiter(assignment);
    this.joinWaiters.clear();
  }

  /** Remembers a message being handled, so `stop` can wait for it. */
  private track(work: Promise<void>): Promise<void> {
    this.inFlight.add(work);
    const forget = () => this.inFlight.delete(work);
    work.then(forget, forget);
    return work;
  }

  /** Handles one message inside a consumer span continuing the producer's trace, when tracing is on. */
  private process(message: IncomingMessage, controls: MessageControls): Promise<void> {
    if (!tracingEnabled()) return this.handle(message, controls);
    const carrier = textHeaders(message.headers);
    const parent = propagation.extract(context.active(), carrier);
    const span = platformTracer().startSpan(`${message.topic} process`, {
      kind: SpanKind.CONSUMER,
      attributes: { 'messaging.system': 'kafka', 'messaging.destination.name': message.topic, 'messaging.kafka.destination.partition': message.partition, 'messaging.consumer.group.name': this.options.groupId },
    }, parent);
    return context.with(trace.setSpan(parent, span), () => this.handle(message, controls)).then(
      () => endSpan(span),
      (error: unknown) => {
        endSpan(span, error);
        throw error;
      },
    );
  }

  /** Handles one message; resolves once it was handled or dead-lettered, rejects only if dead-lettering failed. */
  private async handle(message: IncomingMessage, controls: MessageControls): Promise<void> {
    const where = { topic: message.topic, partition: message.partition, offset: message.offset };
    const registration = this.registrations.get(message.topic);
    const group = this.options.groupId;
    if (!registration) {
      kafkaMetrics.errors.inc({ group, topic: message.topic, reason: 'invalid' });
      await this.deadLetter(message, 'invalid', `No handler is registered for ${message.topic} in consumer group ${this.options.groupId}.`);
      return;
    }
    const read = readEvent(registration.topic, message.value);
    if (!read.ok) {
      // Only the position is logged: an invalid message's subject is not known to be an opaque id.
      this.logger.warn('Invalid event dead-lettered', where);
      kafkaMetrics.errors.inc({ group, topic: message.topic, reason: 'invalid' });
      await this.deadLetter(message, 'invalid', read.reason);
      return;
    }
    const event = read.event;
    const logFields = { ...where, eventId: event.eventId, subject: event.subject };
    const headers = textHeaders(message.headers);
    const { maxAttempts, retryBackoffMs, outageRetryMs } = this.options;
    let lastError: unknown;
    let failures = 0;
    let outageSince: number | undefined;
    for (let attempt = 1; ; attempt += 1) {
      try {
        await registration.handler(event, { ...where, headers, attempt });
        kafkaMetrics.messages.inc({ group, topic: message.topic, partition: String(message.partition), outcome: 'handled' });
        return;
      } catch (error) {
        if (error instanceof EventRejectedError) {
          this.logger.warn('Event rejected by its handler and dead-lettered', { ...logFields, attempt });
          kafkaMetrics.errors.inc({ group, topic: message.topic, reason: 'rejected' });
          await this.deadLetter(message, 'rejected', error.message, attempt);
          return;
        }
        lastError = error;
        kafkaMetrics.errors.inc({ group, topic: message.topic, reason: 'handler-failed' });
        // A dependency that cannot be reached (a service restarting, a partition) is waited out, not blamed on the
        // event: dead-lettering after a few seconds would lose a valid arrival to a 7 s restart (issue 11's chaos run).
        const outage = outageRetryMs !== undefined && isTransientFailure(error);
        if (outage) outageSince ??= Date.now();
        else failures += 1;
        // Only the error's class is logged: its message may quote event data.
        this.logger.warn('Event handler failed', { ...logFields, attempt, maxAttempts, errorName: errorName(error), ...(outage ? { dependencyUnavailable: true } : {}) });
        const outageOver = outage && Date.now() - (outageSince ?? Date.now()) >= (outageRetryMs ?? 0);
        if ((!outage && failures >= maxAttempts) || outageOver) break;
        await this.pauseBeforeRetry(Math.min(retryBackoffMs * 2 ** Math.min(attempt - 1, 20), MAX_BACKOFF_MS), logFields);
        await controls.heartbeat();
      }
    }
    const attempts = failures + (outageSince === undefined ? 0 : 1);
    this.logger.error('Event dead-lettered after its handler kept failing', { ...logFields, attempts });
    const cause = `last error: ${errorName(lastError)}: ${lastError instanceof Error ? lastError.message : String(lastError)}`;
    const reason =
      outageSince !== undefined && failures < maxAttempts
        ? `Handler could not reach a dependency for ${Math.round((Date.now() - outageSince) / 1000)} s; ${cause}`
        : `Handler failed ${failures} time(s); ${cause}`;
    await this.deadLetter(message, 'handler-failed', reason, attempts);
  }

  /** Waits before the next attempt; a consumer told to stop leaves the event uncommitted for its next owner instead. */
  private async pauseBeforeRetry(ms: number, logFields: LogFields): Promise<void> {
    try {
      await sleep(ms, undefined, { signal: this.stopSignal.signal });
    } catch {
      this.logger.info('Consumer stopping; the event is left for redelivery', logFields);
      throw new Error('consumer stopping: the event was not handled and will be delivered again');
    }
  }

  /** Sends the original message to the topic's dead-letter topic; a failure propagates so the offset is not committed. */
  private async deadLetter(message: IncomingMessage, kind: DeadLetterKind, reason: string, attempts?: number): Promise<void> {
    const letter = deadLetterOf(message, {
      kind,
      reason,
      consumerGroup: this.options.groupId,
      failedAt: new Date(),
      ...(attempts === undefined ? {} : { attempts }),
    });
    try {
      await this.options.deadLetters.publishRaw(letter.topic, letter.message.key, letter.message.value, letter.message.headers);
      const group = this.options.groupId;
      kafkaMetrics.deadLetters.inc({ group, topic: message.topic, kind });
      kafkaMetrics.messages.inc({ group, topic: message.topic, partition: String(message.partition), outcome: 'dead-lettered' });
    } catch (error) {
      kafkaMetrics.errors.inc({ group: this.options.groupId, topic: message.topic, reason: 'dead-letter-send-failed' });
      this.logger.error('Dead-letter send failed; the message will be delivered again', {
        topic: message.topic,
        partition: message.partition,
        offset: message.offset,
        // Transport errors are technical (an unknown topic, a broker down) and operators need them.
        error: error instanceof Error ? error.message : String(error),
      });
      throw new DeadLetterError(message.topic, message.partition, message.offset, error);
    }
  }
}

/** Headers as UTF-8 text, for handlers. */
function textHeaders(headers: Readonly<Record<string, Buffer>>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, value.toString('utf8')]));
}

function errorName(error: unknown): string {
  return error instanceof Error ? error.name : typeof error;
}
