import { randomUUID } from 'node:crypto';
import { pendingMattersResponseSchema } from '@oioo/contracts';
import { DATABASE, type Database } from '@oioo/database';
import { type TestHttpApp, problemDocument, startTestHttpApp } from '../test-support/http-app';
import { emptyLegalReviewTables, openLegalReviewTestDatabase } from '../test-support/legal-review-test-database';
import { ChallengesRepository } from './challenges.repository';
import { PendingMattersController } from './pending-matters.controller';

let db: Database;
let app: TestHttpApp;
let register: ChallengesRepository;

beforeAll(async () => {
  db = await openLegalReviewTestDatabase();
  register = new ChallengesRepository(db);
  app = await startTestHttpApp([PendingMattersController], [ChallengesRepository, { provide: DATABASE, useValue: db }]);
}, 60_000);
afterEach(() => emptyLegalReviewTables(db));
afterAll(async () => {
  await app?.close();
  await db?.close();
});

const CASE = 'case_01J9ZQ4X7K3M2N8P6R5T';

function lodge(challengeId: string, kind: 'injunction' | 'trafficking-referral', lodgedAt: string) {
  return register.recordLodged({ challengeId, caseId: CASE, personId: 'per_01J9ZQ4X7K3M2N8P6R5T', kind, lodgedAt: new Date(lodgedAt), eventId: randomUUID() });
}

describe('GET /cases/:caseId/pending-matters', () => {
  it('R5 answers the challenges lodged and not yet decided at the moment of each call', async () => {
    const before = await app.request('GET', `/cases/${CASE}/pending-matters`);
    expect(before.status).toBe(200);
    expect(pendingMattersResponseSchema.parse(before.body).pending).toEqual([]);

    await lodge('chl_PENDING00001', 'injunction', '2025-09-03T10:00:00Z');
    await lodge('chl_PENDING00002', 'trafficking-referral', '2025-09-04T10:00:00Z');
    const both = pendingMattersResponseSchema.parse((await app.request('GET', `/cases/${CASE}/pending-matters`)).body);
    expect(both.pending).toEqual([
      { kind: 'injunction', reference: 'chl_PENDING00001' },
      { kind: 'trafficking-referral', reference: 'chl_PENDING00002' },
    ]);

    await register.recordDecision('chl_PENDING00001', { outcome: 'dismissed', decidedAt: new Date('2025-09-06T10:00:00Z'), eventId: randomUUID() });
    const after = pendingMattersResponseSchema.parse((await app.request('GET', `/cases/${CASE}/pending-matters`)).body);
    expect(after.pending).toEqual([{ kind: 'trafficking-referral', reference: 'chl_PENDING00002' }]);
    expect(new Date(after.checkedAt).getTime()).toBeGreaterThanOrEqual(new Date(both.checkedAt).getTime());
  });

  it('refuses a case id that is not an opaque id with 400 INVALID_INPUT, without echoing it', async () => {
    const answer = await app.request('GET', `/cases/${encodeURIComponent('Jane Doe 1990-01-01')}/pending-matters`);
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual(problemDocument(400, 'INVALID_INPUT', expect.stringContaining('caseId')));
    expect(JSON.stringify(answer.body)).not.toContain('Jane');
  });
});
