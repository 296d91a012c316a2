import { Topics, type ArrivalRecordedEvent } from '@oioo/contracts';
import { EventConsumer, type EventHandlerFunction, type EventMetadata } from './event-consumer';
import { EventProducer } from './event-producer';
import { InMemoryKafkaTransport, type SentMessage } from './in-memory-kafka.transport';
import { DeadLetterError, EventRejectedError } from './kafka.errors';
import { arrivalData, memoryLogger, subject } from './testing/fixtures';

const TOPIC = 'border-force.arrival.recorded.v1';
const DLQ = 'border-force.arrival.recorded.v1.dlq';
const GROUP = 'identity';

type ArrivalData = ArrivalRecordedEvent['data'];

/** A consumer of arrival events over the in-memory transport, with a handler the test controls. */
async function startConsumer(handler: EventHandlerFunction<ArrivalData>, maxAttempts = 3, retry: { outageRetryMs?: number; retryBackoffMs?: number } = {}) {
  const transport = new InMemoryKafkaTransport();
  const { logger, lines } = memoryLogger();
  const producer = new EventProducer(transport.createProducer(), logger);
  const consumer = new EventConsumer({
    transport: transport.createConsumer({ groupId: GROUP }),
    deadLetters: producer,
    groupId: GROUP,
    maxAttempts,
    retryBackoffMs: retry.retryBackoffMs ?? 1,
    ...(retry.outageRetryMs === undefined ? {} : { outageRetryMs: retry.outageRetryMs }),
    logger,
  });
  consumer.register(Topics.arrivalRecorded, handler);
  await consumer.start();
  return { transport, producer, consumer, lines };
}

/** A valid arrival event as the producer would send it. */
async function validMessage(transport: InMemoryKafkaTransport, producer: EventProducer): Promise<SentMessage> {
  await producer.publish(Topics.arrivalRecorded, { subject, source: 'uk-border-force', data: arrivalData, occurredAt: '2025-09-01T03:15:00Z' });
  const sent = transport.sentTo(TOPIC).at(-1);
  if (!sent) throw new Error('nothing was published');
  return sent;
}

/** A well-formed envelope with some fields replaced, as a JSON string. */
function envelopeWith(overrides: Record<string, unknown>): string {
  return JSON.stringify({
    eventId: '0f8fad5b-d9cb-469f-a165-70867728950e',
    type: TOPIC,
    source: 'uk-border-force',
    subject,
    occurredAt: '2025-09-01T03:15:00Z',
    schemaVersion: 1,
    correlationId: 'flow-1',
    data: arrivalData,
    ...overrides,
  });
}

function header(message: SentMessage | undefined, name: string): string | undefined {
  return message?.headers[name]?.toString();
}

describe('EventConsumer', () => {
  it('hands a valid event to its handler, typed, with its metadata, and commits it', async () => {
    const received: [ArrivalRecordedEvent, EventMetadata][] = [];
    const { transport, producer } = await startConsumer(async (event, metadata) => {
      received.push([event, metadata]);
    });

    const message = await validMessage(transport, producer);
    await transport.deliver(TOPIC, message);

    expect(received).toHaveLength(1);
    const [event, metadata] = received[0] ?? [];
    expect(event?.data.caseId).toBe(arrivalData.caseId);
    expect(event?.type).toBe(TOPIC);
    expect(metadata).toMatchObject({ topic: TOPIC, partition: 0, offset: '0', attempt: 1 });
    expect(metadata?.headers['event-type']).toBe(TOPIC);
    expect(transport.committedOffset(GROUP, TOPIC)).toBe('1');
    expect(transport.sentTo(DLQ)).toHaveLength(0);
  });

  it('dead-letters malformed JSON with the reason and source position, then goes on with the next message', async () => {
    const handler = jest.fn();
    const { transport, producer, lines } = await startConsumer(handler);

    await transport.deliver(TOPIC, { key: subject, value: '{"name": "Jane Doe", oops', headers: { 'trace-id': 't-1' } });
    await transport.deliver(TOPIC, await validMessage(transport, producer));

    const [letter] = transport.sentTo(DLQ);
    expect(letter?.key?.toString()).toBe(subject);
    expect(letter?.value?.toString()).toBe('{"name": "Jane Doe", oops');
    expect(header(letter, 'dlq-kind')).toBe('invalid');
    expect(header(letter, 'dlq-reason')).toMatch(/^Message on border-force\.arrival\.recorded\.v1 is not valid JSON: /);
    expect(header(letter, 'dlq-source-topic')).toBe(TOPIC);
    expect(header(letter, 'dlq-source-partition')).toBe('0');
    expect(header(letter, 'dlq-source-offset')).toBe('0');
    expect(new Date(header(letter, 'dlq-failed-at') ?? '').getTime()).not.toBeNaN();
    expect(header(letter, 'dlq-consumer-group')).toBe(GROUP);
    expect(header(letter, 'trace-id')).toBe('t-1');
    expect(handler).toHaveBeenCalledTimes(1);
    expect(transport.committedOffset(GROUP, TOPIC)).toBe('2');
    expect(lines.join('\n')).not.toContain('Jane Doe');
  });

  it('dead-letters an event whose data breaks the schema, naming the fields', async () => {
    const handler = jest.fn();
    const { transport } = await startConsumer(handler);

    await transport.deliver(TOPIC, { key: subject, value: envelopeWith({ data: { ...arrivalData, personId: 'Jane Doe', departedFrom: 'France' } }) });

    const [letter] = transport.sentTo(DLQ);
    expect(header(letter, 'dlq-kind')).toBe('invalid');
    expect(header(letter, 'dlq-reason')).toMatch(/data\.personId: .*opaque id/);
    expect(header(letter, 'dlq-reason')).toMatch(/data\.departedFrom: /);
    expect(handler).not.toHaveBeenCalled();
    expect(transport.committedOffset(GROUP, TOPIC)).toBe('1');
  });

  it.each([
    ['an event of another type', { type: 'border-force.arrival.cancelled.v1' }, /type: must equal the topic name border-force\.arrival\.recorded\.v1/],
    ['an event of another schema version', { schemaVersion: 2 }, /schemaVersion: must be 1/],
  ])('dead-letters %s', async (_name, overrides, reason) => {
    const handler = jest.fn();
    const { transport } = await startConsumer(handler);

    await transport.deliver(TOPIC, { key: subject, value: envelopeWith(overrides) });

    expect(header(transport.sentTo(DLQ)[0], 'dlq-reason')).toMatch(reason);
    expect(handler).not.toHaveBeenCalled();
  });

  it('dead-letters a message without a value', async () => {
    const { transport } = await startConsumer(jest.fn());
    await transport.deliver(TOPIC, { key: subject, value: null });
    expect(header(transport.sentTo(DLQ)[0], 'dlq-reason')).toMatch(/has no value/);
  });

  it('retries a failing handler and, once it succeeds, does not dead-letter', async () => {
    let calls = 0;
    const attempts: number[] = [];
    const { transport, producer } = await startConsumer(async (_event, metadata) => {
      attempts.push(metadata.attempt);
      calls += 1;
      if (calls <= 2) throw new Error('database busy');
    });

    await transport.deliver(TOPIC, await validMessage(transport, producer));

    expect(attempts).toEqual([1, 2, 3]);
    expect(transport.sentTo(DLQ)).toHaveLength(0);
    expect(transport.committedOffset(GROUP, TOPIC)).toBe('1');
  });

  it('dead-letters as handler-failed after the maximum attempts, with the last error, and moves on', async () => {
    let calls = 0;
    const { transport, producer, lines } = await startConsumer(async () => {
      calls += 1;
      throw new Error(`identity register unavailable (${calls})`);
    }, 4);

    const message = await validMessage(transport, producer);
    await transport.deliver(TOPIC, message);

    expect(calls).toBe(4);
    const [letter] = transport.sentTo(DLQ);
    expect(letter?.value).toEqual(message.value);
    expect(letter?.key?.toString()).toBe(subject);
    expect(header(letter, 'dlq-kind')).toBe('handler-failed');
    expect(header(letter, 'dlq-attempts')).toBe('4');
    expect(header(letter, 'dlq-reason')).toBe('Handler failed 4 time(s); last error: Error: identity register unavailable (4)');
    expect(transport.committedOffset(GROUP, TOPIC)).toBe('1');
    // Logs carry ids and positions, never the error text (which could quote event data).
    expect(lines.join('\n')).not.toContain('identity register unavailable');
    expect(lines.join('\n')).toContain(arrivalData.caseId);
  });

  it('dead-letters at once, as rejected with the handler\'s reason, an event its handler refuses for a business reason', async () => {
    let calls = 0;
    const { transport, producer } = await startConsumer(async () => {
      calls += 1;
      throw new EventRejectedError('no readmission request is awaiting France\'s reply');
    }, 5);

    await transport.deliver(TOPIC, await validMessage(transport, producer));

    expect(calls).toBe(1);
    const [letter] = transport.sentTo(DLQ);
    expect(header(letter, 'dlq-kind')).toBe('rejected');
    expect(header(letter, 'dlq-reason')).toBe('no readmission request is awaiting France\'s reply');
    expect(transport.committedOffset(GROUP, TOPIC)).toBe('1');
  });

  it('lets the error propagate and leaves the offset uncommitted when the dead-letter send fails', async () => {
    const { transport } = await startConsumer(jest.fn());
    transport.sendError = new Error('This server does not host this topic-partition');

    const delivery = transport.deliver(TOPIC, { key: subject, value: 'not json' });

    await expect(delivery).rejects.toBeInstanceOf(DeadLetterError);
    await expect(delivery).rejects.toThrow(/Could not dead-letter border-force\.arrival\.recorded\.v1 partition 0 offset 0/);
    expect(transport.committedOffset(GROUP, TOPIC)).toBe('-1');
  });

  it('truncates a long reason to a few kilobytes', async () => {
    const { transport } = await startConsumer(async () => {
      throw new Error('x'.repeat(20_000));
    }, 1);
    await transport.deliver(TOPIC, { key: subject, value: envelopeWith({}) });
    const reason = header(transport.sentTo(DLQ)[0], 'dlq-reason') ?? '';
    expect(Buffer.byteLength(reason)).toBeLessThanOrEqual(4096);
    expect(reason).toMatch(/… \(truncated\)$/);
  });

  it('waits out a dependency it cannot reach beyond the maximum attempts, and handles the event once it is back', async () => {
    let calls = 0;
    const { transport, producer, lines } = await startConsumer(
      async () => {
        calls += 1;
        if (calls <= 5) throw Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }) });
      },
      2,
      { outageRetryMs: 60_000 },
    );

    await transport.deliver(TOPIC, await validMessage(transport, producer));

    expect(calls).toBe(6);
    expect(transport.sentTo(DLQ)).toHaveLength(0);
    expect(transport.committedOffset(GROUP, TOPIC)).toBe('1');
    expect(lines.filter((line) => line.includes('dependencyUnavailable'))).toHaveLength(5);
  });

  it('dead-letters an event whose dependency stays out of reach past the outage budget, saying so', async () => {
    const { transport, producer } = await startConsumer(
      async () => {
        throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:3001'), { code: 'ECONNREFUSED' });
      },
      2,
      { outageRetryMs: 30 },
    );

    await transport.deliver(TOPIC, await validMessage(transport, producer));

    const [letter] = transport.sentTo(DLQ);
    expect(header(letter, 'dlq-kind')).toBe('handler-failed');
    expect(header(letter, 'dlq-reason')).toMatch(/^Handler could not reach a dependency for \d+ s; last error: Error: connect ECONNREFUSED/);
    expect(transport.committedOffset(GROUP, TOPIC)).toBe('1');
  });

  it('counts a failure of its own against the maximum attempts even while a dependency comes and goes', async () => {
    let calls = 0;
    const { transport, producer } = await startConsumer(
      async () => {
        calls += 1;
        if (calls % 2 === 1) throw Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
        throw new Error('a bug in the handler');
      },
      3,
      { outageRetryMs: 60_000 },
    );

    await transport.deliver(TOPIC, await validMessage(transport, producer));

    expect(calls).toBe(6);
    expect(header(transport.sentTo(DLQ)[0], 'dlq-reason')).toBe('Handler failed 3 time(s); last error: Error: a bug in the handler');
  });

  it('leaves an event waiting out an outage uncommitted, for redelivery, when it is stopped', async () => {
    const { transport, producer, consumer } = await startConsumer(
      async () => {
        throw Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }) });
      },
      2,
      { outageRetryMs: 600_000, retryBackoffMs: 20_000 },
    );

    const delivery = transport.deliver(TOPIC, await validMessage(transport, producer));
    await new Promise((resolve) => setTimeout(resolve, 20));
    await consumer.stop();

    await expect(delivery).rejects.toThrow();
    expect(transport.sentTo(DLQ)).toHaveLength(0);
    expect(transport.committedOffset(GROUP, TOPIC)).toBe('-1');
  });

  it('waits for an event being handled before it disconnects', async () => {
    let release: () => void = () => undefined;
    const finished: string[] = [];
    const { transport, producer, consumer } = await startConsumer(async () => {
      await new Promise<void>((resolve) => (release = resolve));
      finished.push('handled');
    });

    const delivery = transport.deliver(TOPIC, await validMessage(transport, producer));
    await new Promise((resolve) => setImmediate(resolve));
    const stopping = consumer.stop().then(() => finished.push('stopped'));
    await new Promise((resolve) => setImmediate(resolve));
    expect(consumer.status()).toBe('stopping');
    release();
    await Promise.all([delivery, stopping]);

    expect(finished).toEqual(['handled', 'stopped']);
    expect(consumer.status()).toBe('stopped');
    expect(consumer.isHealthy()).toBe(false);
  });

  it('reports when it has joined its group, with its partitions', async () => {
    const { consumer } = await startConsumer(jest.fn());
    await expect(consumer.waitUntilJoined(1000)).resolves.toEqual({ [TOPIC]: [0] });
    expect(consumer.isHealthy()).toBe(true);
  });

  it('refuses a second handler for a topic and late registrations', async () => {
    const { consumer } = await startConsumer(jest.fn());
    expect(() => consumer.register(Topics.arrivalRecorded, jest.fn())).toThrow(/already started/);
    const fresh = new EventConsumer({
      transport: new InMemoryKafkaTransport().createConsumer({ groupId: GROUP }),
      deadLetters: { connect: async () => undefined, publishRaw: async () => undefined },
      groupId: GROUP,
      maxAttempts: 1,
      retryBackoffMs: 0,
    });
    fresh.register(Topics.arrivalRecorded, jest.fn());
    expect(() => fresh.register(Topics.arrivalRecorded, jest.fn())).toThrow(/already has a handler/);
  });
});

describe('EventConsumer start failures', () => {
  it('rejects, disconnects what it opened and reports itself stopped', async () => {
    const transport = new InMemoryKafkaTransport().createConsumer({ groupId: GROUP });
    jest.spyOn(transport, 'subscribe').mockRejectedValue(new Error('unknown topic'));
    const disconnect = jest.spyOn(transport, 'disconnect');
    const consumer = new EventConsumer({
      transport,
      deadLetters: { connect: async () => undefined, publishRaw: async () => undefined },
      groupId: GROUP,
      maxAttempts: 1,
      retryBackoffMs: 0,
      logger: memoryLogger().logger,
    });
    consumer.register(Topics.arrivalRecorded, jest.fn());

    await expect(consumer.start()).rejects.toThrow('unknown topic');
    expect(disconnect).toHaveBeenCalled();
    expect(consumer.status()).toBe('stopped');
    await expect(consumer.stop()).resolves.toBeUndefined();
  });
});
