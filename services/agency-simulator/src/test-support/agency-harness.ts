import { randomUUID } from 'node:crypto';
import { type z } from 'zod';
import { createLogger } from '@oioo/config';
import { type EventEnvelope, type TopicDefinition, eventEnvelopeSchema, topicVersion } from '@oioo/contracts';
import { EventProducer, InMemoryKafkaTransport } from '@oioo/kafka';
import { type AgencyContext } from '../agency-context';
import { SeededRandom } from '../seeded-random';
import { SimClock } from '../sim-clock';
import { simulatorConfigSchema } from '../simulator-config';

/** A simulated day passes in under a millisecond, so specs wait for days of simulated delay in no time. */
export const FAST_COMPRESSION = '100000000';

/** A clock that also records each simulated delay it was asked for. */
export class RecordingClock extends SimClock {
  readonly delays: number[] = [];

  override in(simulatedMs: number, task: () => Promise<void>, onError: (error: unknown) => void): void {
    this.delays.push(simulatedMs);
    super.in(simulatedMs, task, onError);
  }
}

/** An agency context on the in-memory broker, with a recording clock and a silent logger. */
export async function agencyHarness(env: Record<string, string> = {}) {
  const transport = new InMemoryKafkaTransport();
  const logger = createLogger('test', {}, () => undefined);
  const producer = new EventProducer(transport.createProducer(), logger);
  await producer.connect();
  const config = simulatorConfigSchema.parse({ SIM_TIME_COMPRESSION: FAST_COMPRESSION, ...env });
  const clock = new RecordingClock(config.SIM_TIME_COMPRESSION);
  const context: AgencyContext = { config, producer, logger, random: new SeededRandom(config.SIM_SEED), clock };
  return { transport, producer, config, clock, context };
}

/**
 * Every event sent to the topic, each parsed with the contract's schema of that topic (a failure throws),
 * with its envelope checked against the topic and its Kafka key against its subject.
 */
export function publishedOn<Data extends z.ZodType>(transport: InMemoryKafkaTransport, topic: TopicDefinition<Data>): EventEnvelope<z.output<Data>>[] {
  const schema = eventEnvelopeSchema(topic.data);
  return transport.sentTo(topic.name).map((message) => {
    const event = schema.parse(JSON.parse(message.value?.toString() ?? 'null')) as EventEnvelope<z.output<Data>>;
    if (event.type !== topic.name) throw new Error(`event type ${event.type} on topic ${topic.name}`);
    if (event.schemaVersion !== topicVersion(topic.name)) throw new Error(`schema version ${event.schemaVersion} on topic ${topic.name}`);
    if (message.key?.toString() !== event.subject) throw new Error(`key ${message.key?.toString()} differs from subject ${event.subject}`);
    return event;
  });
}

/** An incoming event on the topic as a platform service would send it, validated by the contract. */
export function incoming<Data extends z.ZodType>(topic: TopicDefinition<Data>, subject: string, data: z.input<Data>): EventEnvelope<z.output<Data>> {
  const eventId = randomUUID();
  return eventEnvelopeSchema(topic.data).parse({
    eventId,
    type: topic.name,
    source: 'uk-identity',
    subject,
    occurredAt: new Date().toISOString(),
    schemaVersion: topicVersion(topic.name),
    correlationId: `corr-${eventId}`,
    data,
  }) as EventEnvelope<z.output<Data>>;
}

/** Retries the check until it passes or the time runs out (the agencies act on timers). */
export async function eventually(check: () => void, timeoutMs = 2_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      check();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }
}

/** Waits a little real time, for specs that check that nothing happens. */
export function pause(ms = 50): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A real instant `ms` from now, as the platform stamps appointments and journeys. */
export function inMs(ms: number): string {
  return new Date(Date.now() + ms).toISOString();
}
