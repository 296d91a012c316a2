import { randomUUID } from 'node:crypto';
import { Test } from '@nestjs/testing';
import { type EntryRecordedData, type EventEnvelope, Topics, deadLetterTopicOf, eoiWorkflowId } from '@oioo/contracts';
import { DATABASE, type Database } from '@oioo/database';
import { DeadLetterHeaders, EventRejectedError, InMemoryKafkaTransport, KafkaModule, envelopeSchemaOf } from '@oioo/kafka';
import { TEMPORAL_CLIENT } from '@oioo/temporal';
import { type EoiCaseView, eoiCaseViewQuery, recordArrivalUpdate } from '@oioo/workflows-eoi';
import { FakeTemporalClient, updateRefusedError } from '@oioo/testing';
import { type TransportKit, openMigratedDatabase, quietLogger, transportKit } from '../test-support/transport-test-kit';
import { EntryEventsHandler } from './entry-events.handler';
import { EntryRecordsRepository } from './entry-records.repository';
import { EoiWorkflowGateway } from './eoi-workflow.gateway';
import { TravelBookingService } from './travel-booking.service';
import { TravelBookingsRepository } from './travel-bookings.repository';

let db: Database;
let kit: TransportKit;
let entries: EntryRecordsRepository;
let journeys: TravelBookingsRepository;
let temporal: FakeTemporalClient;
let handler: EntryEventsHandler;

beforeAll(async () => {
  db = await openMigratedDatabase();
  kit = await transportKit(db);
  entries = new EntryRecordsRepository(db);
  journeys = new TravelBookingsRepository(db);
}, 60_000);
beforeEach(() => {
  temporal = new FakeTemporalClient();
  handler = new EntryEventsHandler(entries, journeys, new EoiWorkflowGateway(temporal.asClient()));
});
afterAll(() => db?.close());

let sequence = 0;
function nextId(prefix: 'eoi' | 'per'): string {
  sequence += 1;
  return `${prefix}_ENT${String(sequence).padStart(10, '0')}`;
}

/** An EOI whose case workflow runs and takes every arrival, answering the state `granted` (a stand-in: the EOI workflow is not this service's). */
function grantedEoi(): { eoiId: string; personId: string } {
  const eoiId = nextId('eoi');
  temporal.run(eoiWorkflowId(eoiId), (call) => (call.kind === 'update' ? { state: 'granted' } : undefined));
  return { eoiId, personId: nextId('per') };
}

/** Border Force's entry event as the consumer hands it over: checked against the topic's schema. */
function entry(eoiId: string, personId: string, overrides: Partial<EntryRecordedData> = {}): EventEnvelope<EntryRecordedData> {
  return envelopeSchemaOf(Topics.entryRecorded).parse({
    eventId: randomUUID(),
    type: Topics.entryRecorded.name,
    source: 'uk-border',
    subject: eoiId,
    occurredAt: '2030-03-06T11:20:00.000Z',
    schemaVersion: 1,
    correlationId: eoiId,
    data: { eoiId, personId, arrivedAt: '2030-03-06T11:20:00.000Z', port: 'London St Pancras', ...overrides },
  });
}

async function rejection(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (failure: unknown) => failure,
  );
  expect(error).toBeInstanceOf(EventRejectedError);
  return (error as Error).message;
}

describe('entries at the UK border forwarded to the EOI case', () => {
  it('E8 an entry is executed as recordArrival on eoi:<eoiId> with the event id as command id, and stored; a redelivery changes nothing', async () => {
    const { eoiId, personId } = grantedEoi();
    const { travelReference } = await new TravelBookingService(kit.config, journeys, kit.producer).book(
      { eoiId, personIds: [personId], notBefore: '2030-03-05T00:00:00Z', idempotencyKey: `eoi:${eoiId}:travel:1` },
      new Date('2030-03-01T00:00:00Z'),
    );
    const arrived = entry(eoiId, personId, { travelReference });

    await expect(handler.forward(arrived, new Date())).resolves.toBe('forwarded');

    expect(temporal.callsTo(eoiWorkflowId(eoiId))).toEqual([
      {
        workflowId: eoiWorkflowId(eoiId),
        kind: 'update',
        name: recordArrivalUpdate.name,
        args: [{ commandId: arrived.eventId, personId, arrivedAt: '2030-03-06T11:20:00.000Z', port: 'London St Pancras', travelReference }],
      },
    ]);
    await expect(entries.find(arrived.eventId)).resolves.toMatchObject({ eoiId, personId, travelReference, caseState: 'granted' });

    await expect(handler.onEntryRecorded(arrived)).resolves.toBeUndefined();
    expect(temporal.callsTo(eoiWorkflowId(eoiId))).toHaveLength(1);
  });

  it('E8 an entry without a travel reference, or quoting a journey not booked for the person, is forwarded all the same', async () => {
    const { eoiId, personId } = grantedEoi();
    await expect(handler.forward(entry(eoiId, personId), new Date())).resolves.toBe('forwarded');
    await expect(handler.forward(entry(eoiId, nextId('per'), { travelReference: 'trv_NOTBOOKEDHERE0001' }), new Date())).resolves.toBe('forwarded');

    const [first, second] = temporal.callsTo(eoiWorkflowId(eoiId)).map((call) => call.args[0]);
    expect(first).not.toHaveProperty('travelReference');
    expect(second).toMatchObject({ travelReference: 'trv_NOTBOOKEDHERE0001' });
  });

  it('E8 an arrival the EOI case refuses is rejected with the workflow’s reason and not stored', async () => {
    const eoiId = nextId('eoi');
    const personId = nextId('per');
    temporal.run(eoiWorkflowId(eoiId), () => {
      throw updateRefusedError('NO_GRANT', `recordArrival needs a grant covering ${personId}; this EOI is in state security-checks`);
    });
    const arrived = entry(eoiId, personId);

    await expect(rejection(handler.forward(arrived, new Date()))).resolves.toBe(`recordArrival needs a grant covering ${personId}; this EOI is in state security-checks`);
    await expect(entries.find(arrived.eventId)).resolves.toBeUndefined();
  });

  it('E8 an entry for an EOI that has no case workflow is rejected', async () => {
    const eoiId = nextId('eoi');
    await expect(rejection(handler.forward(entry(eoiId, nextId('per')), new Date()))).resolves.toBe(`unknown EOI: there is no EOI case workflow eoi:${eoiId}`);
  });

  it('E8 on a case that has ended, a late copy of an arrival it took is a duplicate; an arrival it never took is rejected', async () => {
    const { eoiId, personId } = grantedEoi();
    const latecomer = nextId('per');
    const view = { eoiId, state: 'admitted', people: [{ personId, arrivedAt: '2030-03-06T11:20:00.000Z' }, { personId: latecomer }] } as unknown as EoiCaseView;
    temporal.close(eoiWorkflowId(eoiId), (call) => (call.name === eoiCaseViewQuery.name ? view : undefined));

    // The same arrival under another event id (say, the first one's record was lost): the case counted it already.
    await expect(handler.forward(entry(eoiId, personId), new Date())).resolves.toBe('duplicate');
    await expect(rejection(handler.forward(entry(eoiId, latecomer), new Date()))).resolves.toBe(`the EOI case eoi:${eoiId} has ended (admitted) and takes no arrival`);
  });

  it('E8 an entry the EOI case refuses lands on the dead-letter topic, kind rejected, with the workflow’s reason', async () => {
    const transport = new InMemoryKafkaTransport();
    const moduleRef = await Test.createTestingModule({
      imports: [
        KafkaModule.forRoot({
          clientId: 'transport',
          groupId: 'transport',
          config: { brokers: ['127.0.0.1:9092'], ssl: false, consumer: { maxAttempts: 3, retryBackoffMs: 0 } },
          transport,
          logger: quietLogger,
        }),
      ],
      providers: [
        EntryEventsHandler,
        EntryRecordsRepository,
        TravelBookingsRepository,
        EoiWorkflowGateway,
        { provide: DATABASE, useValue: db },
        { provide: TEMPORAL_CLIENT, useValue: temporal.asClient() },
      ],
    }).compile();
    await moduleRef.init();
    try {
      const eoiId = nextId('eoi');
      const personId = nextId('per');
      // No grant yet: the workflow's update validator refuses the arrival.
      temporal.run(eoiWorkflowId(eoiId), () => {
        throw updateRefusedError('INVALID_STATE', 'recordArrival applies to an EOI in state granted; this EOI is in state decision');
      });

      await transport.deliver(Topics.entryRecorded.name, { key: eoiId, value: JSON.stringify(entry(eoiId, personId)) });

      const [dead, ...more] = transport.sentTo(deadLetterTopicOf(Topics.entryRecorded.name));
      expect(more).toEqual([]);
      expect(String(dead?.headers[DeadLetterHeaders.kind])).toBe('rejected');
      expect(String(dead?.headers[DeadLetterHeaders.reason])).toBe('recordArrival applies to an EOI in state granted; this EOI is in state decision');
      // Refused at once: the workflow was asked once, not retried.
      expect(temporal.callsTo(eoiWorkflowId(eoiId))).toHaveLength(1);
    } finally {
      await moduleRef.close();
    }
  });
});
