import { Topics, type ArrivalRecordedData } from '@oioo/contracts';
import { EventProducer } from './event-producer';
import { InMemoryKafkaTransport } from './in-memory-kafka.transport';
import { EventValidationError } from './kafka.errors';
import { arrivalData, memoryLogger, subject } from './testing/fixtures';

async function connectedProducer() {
  const transport = new InMemoryKafkaTransport();
  const producer = new EventProducer(transport.createProducer(), memoryLogger().logger);
  await producer.connect();
  return { transport, producer };
}

describe('EventProducer', () => {
  it('sends the whole envelope keyed by subject, with event-id and event-type headers', async () => {
    const { transport, producer } = await connectedProducer();

    const event = await producer.publish(Topics.arrivalRecorded, {
      subject,
      source: 'uk-border-force',
      data: arrivalData,
      occurredAt: new Date('2025-09-01T03:15:00Z'),
    });

    const [sent] = transport.sentTo('border-force.arrival.recorded.v1');
    expect(sent?.key?.toString()).toBe(subject);
    expect(JSON.parse(sent?.value?.toString() ?? '')).toEqual({
      eventId: event.eventId,
      type: 'border-force.arrival.recorded.v1',
      source: 'uk-border-force',
      subject,
      occurredAt: '2025-09-01T03:15:00.000Z',
      schemaVersion: 1,
      correlationId: event.eventId,
      data: arrivalData,
    });
    expect(sent?.headers['event-id']?.toString()).toBe(event.eventId);
    expect(sent?.headers['event-type']?.toString()).toBe('border-force.arrival.recorded.v1');
    expect(event.eventId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('keeps a given event id, correlation and causation', async () => {
    const { producer } = await connectedProducer();
    const event = await producer.publish(Topics.arrivalRecorded, {
      subject,
      source: 'uk-border-force',
      data: arrivalData,
      occurredAt: '2025-09-01T03:15:00Z',
      eventId: '0f8fad5b-d9cb-469f-a165-70867728950e',
      correlationId: 'flow-1',
      causationId: 'cmd-1',
    });
    expect(event).toMatchObject({ eventId: '0f8fad5b-d9cb-469f-a165-70867728950e', correlationId: 'flow-1', causationId: 'cmd-1' });
  });

  it('rejects invalid data with an error naming the field, and sends nothing', async () => {
    const { transport, producer } = await connectedProducer();
    const data = { ...arrivalData, caseId: 'Jane Doe', route: 'swam' } as unknown as ArrivalRecordedData;

    const publishing = producer.publish(Topics.arrivalRecorded, { subject, source: 'uk-border-force', data, occurredAt: '2025-09-01T03:15:00Z' });

    await expect(publishing).rejects.toBeInstanceOf(EventValidationError);
    await expect(publishing).rejects.toThrow(/data\.caseId: .*opaque id/);
    await expect(publishing).rejects.toThrow(/data\.route: /);
    await expect(publishing).rejects.toThrow(expect.objectContaining({ message: expect.not.stringContaining('Jane Doe') }));
    expect(transport.sent).toHaveLength(0);
  });

  it('rejects a subject that is not an opaque id, so no name can become a key', async () => {
    const { transport, producer } = await connectedProducer();
    await expect(
      producer.publish(Topics.arrivalRecorded, { subject: 'jane.doe', source: 'uk-border-force', data: arrivalData, occurredAt: '2025-09-01T03:15:00Z' }),
    ).rejects.toThrow(/subject: /);
    expect(transport.sent).toHaveLength(0);
  });

  it('publishes raw messages untouched, for simulators of misbehaving senders', async () => {
    const { transport, producer } = await connectedProducer();
    await producer.publishRaw('border-force.arrival.recorded.v1', 'case_01J9ZQ4X7K3M2N8P6R5T', '{not json', { 'x-test': '1' });
    expect(transport.sent).toEqual([
      {
        topic: 'border-force.arrival.recorded.v1',
        key: Buffer.from('case_01J9ZQ4X7K3M2N8P6R5T'),
        value: Buffer.from('{not json'),
        headers: { 'x-test': Buffer.from('1') },
      },
    ]);
  });

  it('connects once however many callers ask', async () => {
    const transport = new InMemoryKafkaTransport();
    const producerTransport = transport.createProducer();
    const connect = jest.spyOn(producerTransport, 'connect');
    const producer = new EventProducer(producerTransport, memoryLogger().logger);
    await Promise.all([producer.connect(), producer.connect()]);
    expect(connect).toHaveBeenCalledTimes(1);
    expect(producer.isConnected()).toBe(true);
    await producer.disconnect();
    expect(producer.isConnected()).toBe(false);
  });
});
