import { createLogger } from '@oioo/config';
import { type ReadmissionRequestSentData, type SendReadmissionRequestBody, Topics, readmissionRequestSentDataSchema } from '@oioo/contracts';
import { DATABASE, type Database } from '@oioo/database';
import { EventProducer, InMemoryKafkaTransport } from '@oioo/kafka';
import { type TestHttpApp, problemDocument, startTestHttpApp } from '../test-support/http-app';
import { emptyLegalReviewTables, openLegalReviewTestDatabase } from '../test-support/legal-review-test-database';
import { ReadmissionRequestSender } from './readmission-request-sender.service';
import { ReadmissionRequestsController } from './readmission-requests.controller';
import { ReadmissionRequestsRepository } from './readmission-requests.repository';

let db: Database;
let transport: InMemoryKafkaTransport;
let app: TestHttpApp;
let repository: ReadmissionRequestsRepository;

beforeAll(async () => {
  db = await openLegalReviewTestDatabase();
  transport = new InMemoryKafkaTransport();
  const producer = new EventProducer(transport.createProducer(), createLogger('test', {}, () => undefined));
  await producer.connect();
  repository = new ReadmissionRequestsRepository(db);
  app = await startTestHttpApp(
    [ReadmissionRequestsController],
    [ReadmissionRequestSender, ReadmissionRequestsRepository, { provide: DATABASE, useValue: db }, { provide: EventProducer, useValue: producer }],
  );
}, 60_000);
afterEach(async () => {
  transport.sent.length = 0;
  transport.sendError = undefined;
  await emptyLegalReviewTables(db);
});
afterAll(async () => {
  await app?.close();
  await db?.close();
});

const CASE = 'case_01J9ZQ4X7K3M2N8P6R5T';

function body(overrides: Partial<SendReadmissionRequestBody> = {}): SendReadmissionRequestBody {
  return {
    caseId: CASE,
    personId: 'per_01J9ZQ4X7K3M2N8P6R5T',
    biometricReference: 'enr_01J9ZQ4X7K3M2N8P6R5T',
    crossingEvidence: [{ kind: 'interception-record', reference: 'BF-2025-0001' }],
    arrivedAt: '2025-09-01T03:12:00Z',
    requestNumber: 1,
    idempotencyKey: `readmission:${CASE}:request:1`,
    ...overrides,
  };
}

function sentRequests(): { key: string; event: { eventId: string; source: string; subject: string; occurredAt: string; data: ReadmissionRequestSentData } }[] {
  return transport.sentTo(Topics.readmissionRequestSent.name).map((message) => ({ key: String(message.key), event: JSON.parse(String(message.value)) }));
}

describe('POST /readmission-requests', () => {
  it('R12 sends France only the fields the readmission needs, keyed and sourced as the contract says', async () => {
    const answer = await app.request('POST', '/readmission-requests', { ...body(), asylumClaimSummary: 'must never leave the UK' });

    expect(answer.status).toBe(200);
    const { requestReference, sentAt } = answer.body as { requestReference: string; sentAt: string };
    expect(requestReference).toMatch(/^req_[0-9a-f]{32}$/);
    const [sent, ...more] = sentRequests();
    expect(more).toEqual([]);
    expect(sent?.key).toBe(CASE);
    expect(sent?.event).toMatchObject({ source: 'uk-legal-review', subject: CASE, occurredAt: sentAt });
    expect(Object.keys(sent?.event.data ?? {}).sort()).toEqual(Object.keys(readmissionRequestSentDataSchema.shape).sort());
    expect(sent?.event.data).toEqual({
      requestReference,
      caseId: CASE,
      personId: 'per_01J9ZQ4X7K3M2N8P6R5T',
      biometricReference: 'enr_01J9ZQ4X7K3M2N8P6R5T',
      crossingEvidence: [{ kind: 'interception-record', reference: 'BF-2025-0001' }],
      arrivedAt: '2025-09-01T03:12:00Z',
      requestNumber: 1,
    });
    expect(JSON.stringify(sent?.event)).not.toContain('asylumClaimSummary');
    expect(JSON.stringify(sent?.event)).not.toContain('idempotency');
  });

  it('is idempotent by key: a repeat answers the same reference and sentAt and sends nothing more', async () => {
    const first = await app.request('POST', '/readmission-requests', body());
    const repeat = await app.request('POST', '/readmission-requests', body());

    expect(repeat).toEqual(first);
    expect(sentRequests()).toHaveLength(1);
    expect(await repository.disclosuresFor(CASE)).toHaveLength(1);
  });

  it('S3 logs the disclosure: to France, which fields, for which case and when, never the values', async () => {
    const answer = await app.request('POST', '/readmission-requests', body());
    const { requestReference, sentAt } = answer.body as { requestReference: string; sentAt: string };

    const [entry, ...more] = await repository.disclosuresFor(CASE);
    expect(more).toEqual([]);
    expect(entry).toMatchObject({
      recipient: 'fr-ministry-interior',
      caseId: CASE,
      fields: Object.keys(readmissionRequestSentDataSchema.shape),
      channel: Topics.readmissionRequestSent.name,
      requestReference,
      eventId: sentRequests()[0]?.event.eventId,
      sentAt: new Date(sentAt),
    });
    const { rows } = await db.query('SELECT * FROM disclosure_log');
    for (const value of ['per_01J9ZQ4X7K3M2N8P6R5T', 'enr_01J9ZQ4X7K3M2N8P6R5T', 'BF-2025-0001', '2025-09-01']) {
      expect(JSON.stringify(rows)).not.toContain(value);
    }
  });

  it('answers 503 when the event cannot be published, and the retry with the same key publishes it under the same reference', async () => {
    transport.sendError = new Error('broker unreachable');
    const failed = await app.request('POST', '/readmission-requests', body());
    expect(failed.status).toBe(503);
    expect(failed.body).toMatchObject({ code: 'PUBLISH_FAILED' });
    expect(sentRequests()).toEqual([]);
    const [pending] = (await db.query<{ request_reference: string; published_at: Date | null }>('SELECT request_reference, published_at FROM readmission_requests')).rows;
    expect(pending?.published_at).toBeNull();
    // S3: the disclosure was logged before anything could leave, so a send can never go unlogged.
    expect(await repository.disclosuresFor(CASE)).toHaveLength(1);

    transport.sendError = undefined;
    const retried = await app.request('POST', '/readmission-requests', body());
    expect(retried.status).toBe(200);
    expect(retried.body).toMatchObject({ requestReference: pending?.request_reference });
    const [sent, ...more] = sentRequests();
    expect(more).toEqual([]);
    expect(sent?.event.occurredAt).toBe((retried.body as { sentAt: string }).sentAt);
    await expect(app.request('POST', '/readmission-requests', body())).resolves.toEqual(retried);
    expect(sentRequests()).toHaveLength(1);
  });

  it('R10 a corrected request with the next number is a new request, sent and logged on its own', async () => {
    const first = await app.request('POST', '/readmission-requests', body());
    const corrected = await app.request('POST', '/readmission-requests', body({ requestNumber: 2, idempotencyKey: `readmission:${CASE}:request:2` }));

    expect(corrected.status).toBe(200);
    expect((corrected.body as { requestReference: string }).requestReference).not.toBe((first.body as { requestReference: string }).requestReference);
    expect(sentRequests().map((sent) => sent.event.data.requestNumber)).toEqual([1, 2]);
    expect(await repository.disclosuresFor(CASE)).toHaveLength(2);
  });

  it('refuses a key reused for different content, and a request number the case already used under another key, sending nothing', async () => {
    await app.request('POST', '/readmission-requests', body());

    const reused = await app.request('POST', '/readmission-requests', body({ biometricReference: 'enr_SOMETHINGELSE01' }));
    expect(reused.status).toBe(409);
    expect(reused.body).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
    expect(JSON.stringify(reused.body)).not.toContain('enr_SOMETHINGELSE01');

    const sameNumber = await app.request('POST', '/readmission-requests', body({ idempotencyKey: 'some-other-key-01' }));
    expect(sameNumber.status).toBe(409);
    expect(sameNumber.body).toMatchObject({ code: 'REQUEST_NUMBER_TAKEN' });

    expect(sentRequests()).toHaveLength(1);
    expect(await repository.disclosuresFor(CASE)).toHaveLength(1);
  });

  it('refuses a body that breaks its contract with 400 INVALID_INPUT naming the field', async () => {
    const answer = await app.request('POST', '/readmission-requests', body({ caseId: 'Jane Doe' as never, crossingEvidence: [] }));
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual(problemDocument(400, 'INVALID_INPUT', expect.stringContaining('caseId')));
    expect((answer.body as { detail: string }).detail).toContain('crossingEvidence');
    expect((answer.body as { detail: string }).detail).not.toContain('Jane Doe');
    expect(sentRequests()).toEqual([]);
    expect((await db.query('SELECT 1 FROM readmission_requests')).rowCount).toBe(0);
  });
});
