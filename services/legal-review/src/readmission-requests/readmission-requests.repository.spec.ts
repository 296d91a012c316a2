import { randomUUID } from 'node:crypto';
import { type Database } from '@oioo/database';
import { emptyLegalReviewTables, openLegalReviewTestDatabase } from '../test-support/legal-review-test-database';
import { type Disclosure, type NewReadmissionRequest, ReadmissionRequestsRepository } from './readmission-requests.repository';

let db: Database;
let repository: ReadmissionRequestsRepository;

beforeAll(async () => {
  db = await openLegalReviewTestDatabase();
  repository = new ReadmissionRequestsRepository(db);
}, 60_000);
afterEach(() => emptyLegalReviewTables(db));
afterAll(() => db?.close());

const CASE = 'case_01J9ZQ4X7K3M2N8P6R5T';
const disclosure: Disclosure = { recipient: 'fr-ministry-interior', fields: ['caseId', 'personId'], purpose: 'R12 test', channel: 'readmission.request.sent.v1' };

function request(overrides: Partial<NewReadmissionRequest> = {}): NewReadmissionRequest {
  return {
    requestReference: `req_${randomUUID().replace(/-/g, '')}`,
    idempotencyKey: 'readmission:case_01J9ZQ4X7K3M2N8P6R5T:request:1',
    caseId: CASE,
    requestNumber: 1,
    contentSha256: 'a'.repeat(64),
    eventId: randomUUID(),
    ...overrides,
  };
}

describe('readmission requests repository', () => {
  it('records a request once per idempotency key, returning the first one to a repeat', async () => {
    const first = request();
    const recorded = await repository.recordWithDisclosure(first, disclosure);
    expect(recorded).toMatchObject({ outcome: 'recorded', request: { ...first, recordedAt: expect.any(Date) } });
    expect(recorded.request.publishedAt).toBeUndefined();

    const repeat = await repository.recordWithDisclosure(request(), disclosure);
    expect(repeat).toMatchObject({ outcome: 'found-by-key', request: { requestReference: first.requestReference, eventId: first.eventId } });
  });

  it('R10 finds the request a case already sent under the same number with another key', async () => {
    const first = request();
    await repository.recordWithDisclosure(first, disclosure);
    const clash = await repository.recordWithDisclosure(request({ idempotencyKey: 'another-key-0001' }), disclosure);
    expect(clash).toMatchObject({ outcome: 'number-taken', request: { requestReference: first.requestReference } });
    await expect(repository.recordWithDisclosure(request({ idempotencyKey: 'another-key-0001', requestNumber: 2 }), disclosure)).resolves.toMatchObject({
      outcome: 'recorded',
    });
  });

  it('keeps the first publication time when a request is published twice', async () => {
    const first = request();
    await repository.recordWithDisclosure(first, disclosure);
    const publishedAt = new Date('2025-09-10T08:00:00Z');
    await expect(repository.markPublished(first.requestReference, publishedAt)).resolves.toEqual(publishedAt);
    await expect(repository.markPublished(first.requestReference, new Date('2025-09-10T09:00:00Z'))).resolves.toEqual(publishedAt);
    await expect(repository.findByReference(first.requestReference)).resolves.toMatchObject({ publishedAt });
    await expect(repository.findByReference('req_UNKNOWN000001')).resolves.toBeUndefined();
  });

  it('S3 logs one disclosure per request, written with the request and before it is sent, with recipient, fields and case', async () => {
    const first = request();
    await repository.recordWithDisclosure(first, disclosure);
    await repository.recordWithDisclosure(request(), disclosure);

    const [entry, ...others] = await repository.disclosuresFor(CASE);
    expect(others).toEqual([]);
    expect(entry).toEqual({ ...disclosure, caseId: CASE, requestReference: first.requestReference, eventId: first.eventId, loggedAt: expect.any(Date) });

    await repository.markPublished(first.requestReference, new Date('2025-09-10T08:00:00Z'));
    await expect(repository.disclosuresFor(CASE)).resolves.toEqual([{ ...entry, sentAt: new Date('2025-09-10T08:00:00Z') }]);
  });

  it('S3 the disclosure log cannot be rewritten', async () => {
    await repository.recordWithDisclosure(request(), disclosure);
    await expect(db.query(`UPDATE disclosure_log SET recipient = 'someone-else'`)).rejects.toThrow(/append-only/);
  });
});
