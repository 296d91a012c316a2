import { Topics } from '@oioo/contracts';
import { metricsRegistry } from '@oioo/observability';
import { EventConsumer } from './event-consumer';
import { EventProducer } from './event-producer';
import { InMemoryKafkaTransport } from './in-memory-kafka.transport';
import { type ConsumerTransport, type PartitionLag } from './kafka-transport';
import { EventRejectedError } from './kafka.errors';
import { arrivalData, memoryLogger, subject } from './testing/fixtures';

const TOPIC = 'border-force.arrival.recorded.v1';
const GROUP = 'metrics-spec';

/** The value of one series of the registry, 0 when it has none yet. */
async function valueOf(name: string, labels: Record<string, string>): Promise<number> {
  const metric = (await metricsRegistry.getMetricsAsJSON()).find((candidate) => candidate.name === name);
  const series = (metric?.values ?? []).find((value) => Object.entries(labels).every(([key, wanted]) => String(value.labels[key]) === wanted));
  return series?.value ?? 0;
}

/** Waits until the series has the value the refresh loop should set (it runs on its own timer). */
async function untilValue(name: string, labels: Record<string, string>, wanted: number): Promise<void> {
  for (let tries = 0; tries < 200 && (await valueOf(name, labels)) !== wanted; tries += 1) await new Promise((resolvePromise) => setTimeout(resolvePromise, 10));
  expect(await valueOf(name, labels)).toBe(wanted);
}

async function consumerWith(handler: () => void, transportOf: (transport: InMemoryKafkaTransport) => ConsumerTransport = (t) => t.createConsumer({ groupId: GROUP }), lagRefreshMs?: number) {
  const transport = new InMemoryKafkaTransport();
  const { logger } = memoryLogger();
  const producer = new EventProducer(transport.createProducer(), logger);
  const consumer = new EventConsumer({
    transport: transportOf(transport),
    deadLetters: producer,
    groupId: GROUP,
    maxAttempts: 2,
    retryBackoffMs: 1,
    ...(lagRefreshMs === undefined ? {} : { lagRefreshMs }),
    logger,
  });
  consumer.register(Topics.arrivalRecorded, handler);
  await consumer.start();
  return { transport, producer, consumer };
}

describe('consumer metrics', () => {
  beforeEach(() => metricsRegistry.resetMetrics());

  it('count handled messages per partition, dead letters by kind and failures by reason, with no key or event data in any label', async () => {
    let fail: 'no' | 'throw' | 'reject' = 'no';
    const { transport, producer } = await consumerWith(() => {
      if (fail === 'throw') throw new Error('downstream down');
      if (fail === 'reject') throw new EventRejectedError('not ours');
    });
    await producer.publish(Topics.arrivalRecorded, { subject, source: 'uk-border-force', data: arrivalData, occurredAt: '2025-09-01T03:15:00Z' });
    const valid = transport.sentTo(TOPIC).at(-1);
    if (!valid) throw new Error('nothing was published');
    await transport.deliver(TOPIC, valid);
    fail = 'throw';
    await transport.deliver(TOPIC, valid);
    fail = 'reject';
    await transport.deliver(TOPIC, valid);
    await transport.deliver(TOPIC, { key: 'k', value: 'not json' });

    expect(await valueOf('oioo_kafka_consumer_messages_total', { group: GROUP, topic: TOPIC, partition: '0', outcome: 'handled' })).toBe(1);
    expect(await valueOf('oioo_kafka_consumer_messages_total', { group: GROUP, topic: TOPIC, partition: '0', outcome: 'dead-lettered' })).toBe(3);
    expect(await valueOf('oioo_kafka_dead_letters_total', { group: GROUP, topic: TOPIC, kind: 'handler-failed' })).toBe(1);
    expect(await valueOf('oioo_kafka_dead_letters_total', { group: GROUP, topic: TOPIC, kind: 'rejected' })).toBe(1);
    expect(await valueOf('oioo_kafka_dead_letters_total', { group: GROUP, topic: TOPIC, kind: 'invalid' })).toBe(1);
    expect(await valueOf('oioo_kafka_consumer_errors_total', { group: GROUP, topic: TOPIC, reason: 'handler-failed' })).toBe(2);
    expect(await valueOf('oioo_kafka_produced_messages_total', { topic: TOPIC })).toBe(1);
    const exposition = await metricsRegistry.metrics();
    expect(exposition).not.toContain(subject);
    expect(exposition).not.toContain(arrivalData.caseId);
  });

  it('set the lag gauge per partition from the transport on the refresh interval', async () => {
    const lags: PartitionLag[] = [
      { topic: TOPIC, partition: 0, lag: 4 },
      { topic: TOPIC, partition: 1, lag: 0 },
    ];
    const { consumer } = await consumerWith(() => undefined, (transport) => Object.assign(transport.createConsumer({ groupId: GROUP }), { readLag: async () => lags }), 10);
    await untilValue('oioo_kafka_consumer_lag', { group: GROUP, topic: TOPIC, partition: '0' }, 4);
    lags[0] = { topic: TOPIC, partition: 0, lag: 1 };
    await untilValue('oioo_kafka_consumer_lag', { group: GROUP, topic: TOPIC, partition: '0' }, 1);
    await consumer.stop();
  });
});
