import { randomUUID } from 'node:crypto';
import { Test } from '@nestjs/testing';
import { createLogger } from '@oioo/config';
import { type EventEnvelope, type SecurityCheckCompletedData, Topics, deadLetterTopicOf, eoiWorkflowId } from '@oioo/contracts';
import { DATABASE, type Database } from '@oioo/database';
import { DeadLetterHeaders, EventProducer, EventRejectedError, InMemoryKafkaTransport, KafkaModule, envelopeSchemaOf } from '@oioo/kafka';
import { TEMPORAL_CLIENT } from '@oioo/temporal';
import { securityCheckCompletedSignal } from '@oioo/workflows-eoi';
import { FakeTemporalClient } from '@oioo/testing';
import { emptyLegalReviewTables, openLegalReviewTestDatabase } from '../test-support/legal-review-test-database';
import { EoiWorkflowGateway } from './eoi-workflow.gateway';
import { SecurityCheckRequester } from './security-check-requester.service';
import { SecurityCheckResultsHandler } from './security-check-results.handler';
import { SecurityChecksRepository } from './security-checks.repository';

const quiet = createLogger('test', {}, () => undefined);

let db: Database;
let checks: SecurityChecksRepository;
let requester: SecurityCheckRequester;
let temporal: FakeTemporalClient;
let handler: SecurityCheckResultsHandler;

beforeAll(async () => {
  db = await openLegalReviewTestDatabase();
  checks = new SecurityChecksRepository(db);
  const producer = new EventProducer(new InMemoryKafkaTransport().createProducer(), quiet);
  await producer.connect();
  requester = new SecurityCheckRequester(checks, producer);
}, 60_000);
beforeEach(() => {
  temporal = new FakeTemporalClient();
  handler = new SecurityCheckResultsHandler(checks, new EoiWorkflowGateway(temporal.asClient()));
});
afterEach(() => emptyLegalReviewTables(db));
afterAll(() => db?.close());

let sequence = 0;
function nextId(prefix: 'eoi' | 'per'): string {
  sequence += 1;
  return `${prefix}_T${String(sequence).padStart(12, '0')}`;
}

/** An EOI whose case workflow runs (a fake answering every signal), with a request for checks of its two people. */
async function requestedChecks(): Promise<{ eoiId: string; personIds: [string, string]; checkReference: string }> {
  const eoiId = nextId('eoi');
  const personIds: [string, string] = [nextId('per'), nextId('per')];
  temporal.run(eoiWorkflowId(eoiId));
  const { checkReference } = await requester.request({ eoiId, personIds, idempotencyKey: `eoi:${eoiId}:security-checks:1` });
  return { eoiId, personIds, checkReference };
}

/** The security services' result as the consumer hands it over: checked against the topic's schema. */
function completed(data: Omit<SecurityCheckCompletedData, 'completedAt'> & { completedAt?: string }): EventEnvelope<SecurityCheckCompletedData> {
  return envelopeSchemaOf(Topics.securityCheckCompleted).parse({
    eventId: randomUUID(),
    type: Topics.securityCheckCompleted.name,
    source: 'uk-security-checks',
    subject: data.eoiId,
    occurredAt: '2026-03-02T10:00:00.000Z',
    schemaVersion: 1,
    correlationId: data.eoiId,
    data: { completedAt: '2026-03-02T10:00:00.000Z', ...data },
  });
}

async function rejectionOf(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (failure: unknown) => failure,
  );
  expect(error).toBeInstanceOf(EventRejectedError);
  return (error as Error).message;
}

describe('security check results', () => {
  it('E7 a result for a person of a request legal-review issued is signalled to eoi:<eoiId> and stored; a redelivery changes nothing', async () => {
    const { eoiId, personIds, checkReference } = await requestedChecks();
    const clear = completed({ eoiId, checkReference, personId: personIds[0], outcome: 'clear' });

    await expect(handler.forward(clear)).resolves.toBe('forwarded');

    expect(temporal.callsTo(eoiWorkflowId(eoiId))).toEqual([
      {
        workflowId: eoiWorkflowId(eoiId),
        kind: 'signal',
        name: securityCheckCompletedSignal.name,
        args: [{ eventId: clear.eventId, personId: personIds[0], checkReference, outcome: 'clear', completedAt: '2026-03-02T10:00:00.000Z' }],
      },
    ]);
    await expect(checks.resultsFor(checkReference)).resolves.toEqual([
      { eventId: clear.eventId, checkReference, eoiId, personId: personIds[0], outcome: 'clear', completedAt: new Date('2026-03-02T10:00:00.000Z') },
    ]);

    await expect(handler.onSecurityCheckCompleted(clear)).resolves.toBeUndefined();
    // A copy of the same result under another event id is recognised too.
    await expect(handler.forward({ ...clear, eventId: randomUUID() })).resolves.toBe('duplicate');
    expect(temporal.callsTo(eoiWorkflowId(eoiId))).toHaveLength(1);
    await expect(checks.resultsFor(checkReference)).resolves.toHaveLength(1);
  });

  it('E7 a refusal is forwarded with its ground', async () => {
    const { eoiId, personIds, checkReference } = await requestedChecks();
    const refused = completed({ eoiId, checkReference, personId: personIds[1], outcome: 'refuse', ground: 'criminality' });

    await expect(handler.forward(refused)).resolves.toBe('forwarded');

    expect(temporal.callsTo(eoiWorkflowId(eoiId)).map((call) => call.args[0])).toEqual([
      { eventId: refused.eventId, personId: personIds[1], checkReference, outcome: 'refuse', ground: 'criminality', completedAt: '2026-03-02T10:00:00.000Z' },
    ]);
    await expect(checks.findResult(refused.eventId)).resolves.toMatchObject({ outcome: 'refuse', ground: 'criminality' });
  });

  it('E7 a result quoting a check legal-review never issued is rejected: no security check request <ref> was issued', async () => {
    const { eoiId, personIds } = await requestedChecks();
    await expect(rejectionOf(handler.forward(completed({ eoiId, checkReference: 'sec_NEVERISSUED00001', personId: personIds[0], outcome: 'clear' })))).resolves.toBe(
      'no security check request sec_NEVERISSUED00001 was issued by legal-review',
    );
    expect(temporal.calls).toEqual([]);
  });

  it('E7 a result for a person who is not in the request, or naming another EOI, is rejected and not signalled', async () => {
    const { eoiId, personIds, checkReference } = await requestedChecks();
    const stranger = nextId('per');
    const otherEoi = nextId('eoi');

    await expect(rejectionOf(handler.forward(completed({ eoiId, checkReference, personId: stranger, outcome: 'clear' })))).resolves.toBe(
      `person ${stranger} is not among the people of security check request ${checkReference}`,
    );
    await expect(rejectionOf(handler.forward(completed({ eoiId: otherEoi, checkReference, personId: personIds[0], outcome: 'clear' })))).resolves.toBe(
      `security check request ${checkReference} was issued for EOI ${eoiId}, not for EOI ${otherEoi}`,
    );
    expect(temporal.calls).toEqual([]);
    await expect(checks.resultsFor(checkReference)).resolves.toEqual([]);
  });

  it('E7 a refusal without a ground is rejected, and so is a clear result carrying one', async () => {
    const { eoiId, personIds, checkReference } = await requestedChecks();

    await expect(rejectionOf(handler.forward(completed({ eoiId, checkReference, personId: personIds[0], outcome: 'refuse' })))).resolves.toMatch(
      new RegExp(`^the refusal of person ${personIds[0]} under security check request ${checkReference} gives no ground`),
    );
    await expect(rejectionOf(handler.forward(completed({ eoiId, checkReference, personId: personIds[0], outcome: 'clear', ground: 'security' })))).resolves.toMatch(
      /is clear but gives a ground for refusal \(security\)$/,
    );
    expect(temporal.calls).toEqual([]);
  });

  it('E7 a second, different result for the same person is rejected; the first stands', async () => {
    const { eoiId, personIds, checkReference } = await requestedChecks();
    await handler.forward(completed({ eoiId, checkReference, personId: personIds[0], outcome: 'clear' }));

    await expect(rejectionOf(handler.forward(completed({ eoiId, checkReference, personId: personIds[0], outcome: 'refuse', ground: 'deception' })))).resolves.toBe(
      `person ${personIds[0]} under security check request ${checkReference} already has the result clear; a different one (refuse on ground deception) is refused`,
    );
    expect(temporal.callsTo(eoiWorkflowId(eoiId))).toHaveLength(1);
  });

  it('E7 a result for an EOI whose case workflow is not running is rejected and not stored', async () => {
    const { eoiId, personIds, checkReference } = await requestedChecks();
    temporal.close(eoiWorkflowId(eoiId));
    const result = completed({ eoiId, checkReference, personId: personIds[0], outcome: 'clear' });

    await expect(rejectionOf(handler.forward(result))).resolves.toBe(`unknown EOI: no running EOI case eoi:${eoiId} (never opened, or already ended)`);
    await expect(checks.findResult(result.eventId)).resolves.toBeUndefined();
  });

  it('E7 a result for an unknown check lands on the dead-letter topic, kind rejected, with the reason', async () => {
    const transport = new InMemoryKafkaTransport();
    const moduleRef = await Test.createTestingModule({
      imports: [
        KafkaModule.forRoot({
          clientId: 'legal-review',
          groupId: 'legal-review',
          config: { brokers: ['127.0.0.1:9092'], ssl: false, consumer: { maxAttempts: 3, retryBackoffMs: 0 } },
          transport,
          logger: quiet,
        }),
      ],
      providers: [
        SecurityCheckResultsHandler,
        SecurityChecksRepository,
        EoiWorkflowGateway,
        { provide: DATABASE, useValue: db },
        { provide: TEMPORAL_CLIENT, useValue: temporal.asClient() },
      ],
    }).compile();
    await moduleRef.init();
    try {
      const { eoiId, personIds, checkReference } = await requestedChecks();
      const deliver = (event: EventEnvelope<SecurityCheckCompletedData>) => transport.deliver(Topics.securityCheckCompleted.name, { key: eoiId, value: JSON.stringify(event) });

      await deliver(completed({ eoiId, checkReference: 'sec_NEVERISSUED00002', personId: personIds[0], outcome: 'clear' }));
      await deliver(completed({ eoiId, checkReference, personId: personIds[1], outcome: 'clear' }));

      const [dead, ...more] = transport.sentTo(deadLetterTopicOf(Topics.securityCheckCompleted.name));
      expect(more).toEqual([]);
      expect(String(dead?.headers[DeadLetterHeaders.kind])).toBe('rejected');
      expect(String(dead?.headers[DeadLetterHeaders.reason])).toBe('no security check request sec_NEVERISSUED00002 was issued by legal-review');
      // The valid result that followed went through to the case.
      expect(temporal.callsTo(eoiWorkflowId(eoiId)).map((call) => (call.args[0] as { personId: string }).personId)).toEqual([personIds[1]]);
    } finally {
      await moduleRef.close();
    }
  });
});
