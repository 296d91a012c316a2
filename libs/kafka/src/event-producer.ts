import { randomUUID } from 'node:crypto';
import { type z } from 'zod';
import { SpanKind, context, propagation, trace } from '@opentelemetry/api';
import { createLogger, type Logger } from '@oioo/config';
import { topicVersion, type EventEnvelope, type SourceSystem, type TopicDefinition } from '@oioo/contracts';
import { endSpan, kafkaMetrics, platformTracer, tracingEnabled } from '@oioo/observability';
import { envelopeSchemaOf } from './envelope-schemas';
import { EventValidationError } from './kafka.errors';
import { type ProducerTransport } from './kafka-transport';
import { fieldProblems } from './zod-issues';

/** Headers every published event carries, so tools can route and trace without parsing the value. */
export const EventHeaders = {
  eventId: 'event-id',
  eventType: 'event-type',
} as const;

/** What a publisher states about a fact; the producer fills in the rest of the envelope. */
export interface PublishInput<Data> {
  /** Opaque id of the case or person the fact is about; becomes the message key, so one subject's events stay in order. */
  subject: string;
  source: SourceSystem;
  data: Data;
  /** When the fact happened in the world. */
  occurredAt: string | Date;
  /** Defaults to the event's own id, i.e. this event starts a new business flow. */
  correlationId?: string;
  causationId?: string;
  /** Defaults to a random UUID; pass one to make a retried publish recognisable as a duplicate. */
  eventId?: string;
}

/** Raw message contents, for tests and simulators that must put malformed messages on a topic. */
export type RawHeaders = Readonly<Record<string, Buffer | string>>;

/** Publishes typed events, validating the whole envelope before anything is sent. */
export class EventProducer {
  private connecting?: Promise<void>;

  constructor(
    private readonly transport: ProducerTransport,
    private readonly logger: Logger = createLogger('kafka-producer'),
  ) {}

  /** Connects once; later calls share the same connection (the consumer's dead-letter path calls it too). */
  connect(): Promise<void> {
    this.connecting ??= this.transport.connect().catch((error: unknown) => {
      this.connecting = undefined;
      throw error;
    });
    return this.connecting;
  }

  /** Disconnects after pending sends; a later `connect` reconnects. */
  async disconnect(): Promise<void> {
    if (!this.connecting) return;
    this.connecting = undefined;
    await this.transport.disconnect();
  }

  /** True while the producer is connected to the cluster. */
  isConnected(): boolean {
    return this.transport.isConnected();
  }

  /**
   * Builds the envelope, validates it against the topic's schema and sends it keyed by subject.
   * Throws {@link EventValidationError} naming each bad field, in which case nothing is sent.
   */
  async publish<Data extends z.ZodType>(topic: TopicDefinition<Data>, input: PublishInput<z.input<Data>>): Promise<EventEnvelope<z.output<Data>>> {
    const eventId = input.eventId ?? randomUUID();
    const candidate = {
      eventId,
      type: topic.name,
      source: input.source,
      subject: input.subject,
      occurredAt: input.occurredAt instanceof Date ? input.occurredAt.toISOString() : input.occurredAt,
      schemaVersion: topicVersion(topic.name),
      correlationId: input.correlationId ?? eventId,
      ...(input.causationId === undefined ? {} : { causationId: input.causationId }),
      data: input.data,
    };
    const parsed = envelopeSchemaOf(topic).safeParse(candidate);
    if (!parsed.success) throw new EventValidationError(topic.name, fieldProblems(parsed.error.issues));
    const event = parsed.data;
    const headers: Record<string, string> = { [EventHeaders.eventId]: event.eventId, [EventHeaders.eventType]: event.type };
    await this.sendTraced(topic.name, () => this.transport.send(topic.name, [{ key: event.subject, value: JSON.stringify(event), headers }]), headers);
    kafkaMetrics.published.inc({ topic: topic.name });
    this.logger.debug('Event published', { topic: topic.name, eventId: event.eventId, subject: event.subject });
    return event;
  }

  /** Runs a send inside a producer span whose W3C context goes into the headers, when tracing is on. */
  private async sendTraced(topicName: string, send: () => Promise<void>, headers: Record<string, string>): Promise<void> {
    if (!tracingEnabled()) return send();
    const span = platformTracer().startSpan(`${topicName} publish`, { kind: SpanKind.PRODUCER, attributes: { 'messaging.system': 'kafka', 'messaging.destination.name': topicName } });
    propagation.inject(trace.setSpan(context.active(), span), headers);
    try {
      await send();
      endSpan(span);
    } catch (error) {
      endSpan(span, error);
      throw error;
    }
  }

  /** Sends a message as given, without validation: for dead letters, tests and simulators of misbehaving agencies. */
  async publishRaw(topicName: string, key: Buffer | string | null, value: Buffer | string | null, headers: RawHeaders = {}): Promise<void> {
    await this.transport.send(topicName, [{ key, value, headers }]);
  }
}
