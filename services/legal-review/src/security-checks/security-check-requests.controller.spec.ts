import { createLogger } from '@oioo/config';
import { type RequestSecurityChecksBody, type SecurityCheckRequestedData, Topics, requestSecurityChecksResponseSchema } from '@oioo/contracts';
import { DATABASE, type Database } from '@oioo/database';
import { EventProducer, InMemoryKafkaTransport } from '@oioo/kafka';
import { type TestHttpApp, problemDocument, startTestHttpApp } from '../test-support/http-app';
import { emptyLegalReviewTables, openLegalReviewTestDatabase } from '../test-support/legal-review-test-database';
import { SecurityCheckRequester } from './security-check-requester.service';
import { SecurityCheckRequestsController } from './security-check-requests.controller';
import { SecurityChecksRepository } from './security-checks.repository';

let db: Database;
let transport: InMemoryKafkaTransport;
let app: TestHttpApp;
let repository: SecurityChecksRepository;

beforeAll(async () => {
  db = await openLegalReviewTestDatabase();
  transport = new InMemoryKafkaTransport();
  const producer = new EventProducer(transport.createProducer(), createLogger('test', {}, () => undefined));
  await producer.connect();
  repository = new SecurityChecksRepository(db);
  app = await startTestHttpApp(
    [SecurityCheckRequestsController],
    [SecurityCheckRequester, SecurityChecksRepository, { provide: DATABASE, useValue: db }, { provide: EventProducer, useValue: producer }],
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

const EOI = 'eoi_01J9ZQ4X7K3M2N8P6R5T';
const PEOPLE = ['per_01J9ZQ4X7K3M2N8P6R5A', 'per_01J9ZQ4X7K3M2N8P6R5B'];

function body(overrides: Partial<RequestSecurityChecksBody> = {}): RequestSecurityChecksBody {
  return { eoiId: EOI, personIds: PEOPLE, idempotencyKey: `eoi:${EOI}:security-checks:1`, ...overrides };
}

function sentRequests(): { key: string; event: { eventId: string; source: string; subject: string; occurredAt: string; correlationId: string; data: SecurityCheckRequestedData } }[] {
  return transport.sentTo(Topics.securityCheckRequested.name).map((message) => ({ key: String(message.key), event: JSON.parse(String(message.value)) }));
}

describe('POST /security-check-requests', () => {
  it('E7 records the request and publishes security.check.requested.v1 keyed by the EOI id, with opaque ids only', async () => {
    const answer = await app.request('POST', '/security-check-requests', body());

    expect(answer.status).toBe(200);
    const { checkReference, requestedAt } = requestSecurityChecksResponseSchema.parse(answer.body);
    expect(checkReference).toMatch(/^sec_[0-9a-f]{32}$/);
    const [sent, ...more] = sentRequests();
    expect(more).toEqual([]);
    expect(sent?.key).toBe(EOI);
    expect(sent?.event).toMatchObject({ source: 'uk-legal-review', subject: EOI, occurredAt: requestedAt, correlationId: `eoi:${EOI}` });
    expect(sent?.event.data).toEqual({ eoiId: EOI, checkReference, personIds: PEOPLE, requestedAt });
    expect(JSON.stringify(sent?.event)).not.toContain('idempotency');
    await expect(repository.findRequest(checkReference)).resolves.toMatchObject({ eoiId: EOI, personIds: PEOPLE, requestedAt: new Date(requestedAt), publishedAt: expect.any(Date) });
  });

  it('E7 is idempotent by key: a repeat answers the same reference and time and publishes nothing more', async () => {
    const first = await app.request('POST', '/security-check-requests', body());
    const repeat = await app.request('POST', '/security-check-requests', body({ personIds: [...PEOPLE].reverse() }));

    expect(repeat).toEqual(first);
    expect(sentRequests()).toHaveLength(1);
    await expect(repository.requestsFor(EOI)).resolves.toHaveLength(1);
  });

  it('E7 answers 503 when the event cannot be published, and the retry with the same key publishes it under the same reference and event id', async () => {
    transport.sendError = new Error('broker unreachable');
    const failed = await app.request('POST', '/security-check-requests', body());
    expect(failed.status).toBe(503);
    expect(failed.body).toMatchObject({ code: 'PUBLISH_FAILED' });
    expect(sentRequests()).toEqual([]);
    const [pending] = await repository.requestsFor(EOI);
    expect(pending?.publishedAt).toBeUndefined();

    transport.sendError = undefined;
    const retried = await app.request('POST', '/security-check-requests', body());
    expect(retried.status).toBe(200);
    expect(retried.body).toEqual({ checkReference: pending?.checkReference, requestedAt: pending?.requestedAt.toISOString() });
    const [sent, ...more] = sentRequests();
    expect(more).toEqual([]);
    expect(sent?.event.eventId).toBe(pending?.eventId);
    await expect(app.request('POST', '/security-check-requests', body())).resolves.toEqual(retried);
    expect(sentRequests()).toHaveLength(1);
  });

  it('E7 a new key for the same EOI is a new request with its own reference', async () => {
    const first = await app.request('POST', '/security-check-requests', body());
    const second = await app.request('POST', '/security-check-requests', body({ idempotencyKey: `eoi:${EOI}:security-checks:2` }));

    expect((second.body as { checkReference: string }).checkReference).not.toBe((first.body as { checkReference: string }).checkReference);
    expect(sentRequests()).toHaveLength(2);
  });

  it('refuses a key reused for other content with 409 IDEMPOTENCY_KEY_REUSED, publishing nothing', async () => {
    await app.request('POST', '/security-check-requests', body());

    const reused = await app.request('POST', '/security-check-requests', body({ personIds: [PEOPLE[0] as string] }));
    expect(reused.status).toBe(409);
    expect(reused.body).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
    expect(sentRequests()).toHaveLength(1);
  });

  it('refuses a body that breaks its contract with 400 INVALID_INPUT naming the field', async () => {
    const answer = await app.request('POST', '/security-check-requests', body({ eoiId: 'Jane Doe' as never, personIds: [] }));
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual(problemDocument(400, 'INVALID_INPUT', expect.stringContaining('eoiId')));
    expect((answer.body as { detail: string }).detail).toContain('personIds');
    expect((answer.body as { detail: string }).detail).not.toContain('Jane Doe');
    expect(sentRequests()).toEqual([]);
    expect((await db.query('SELECT 1 FROM security_check_requests')).rowCount).toBe(0);
  });
});
