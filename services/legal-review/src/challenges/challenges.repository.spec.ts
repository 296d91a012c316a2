import { randomUUID } from 'node:crypto';
import { type Database } from '@oioo/database';
import { emptyLegalReviewTables, openLegalReviewTestDatabase } from '../test-support/legal-review-test-database';
import { ChallengesRepository, type LodgedChallenge } from './challenges.repository';

let db: Database;
let repository: ChallengesRepository;

beforeAll(async () => {
  db = await openLegalReviewTestDatabase();
  repository = new ChallengesRepository(db);
}, 60_000);
afterEach(() => emptyLegalReviewTables(db));
afterAll(() => db?.close());

const CASE = 'case_01J9ZQ4X7K3M2N8P6R5T';

function lodged(challengeId: string, overrides: Partial<LodgedChallenge> = {}): LodgedChallenge {
  return {
    challengeId,
    caseId: CASE,
    personId: 'per_01J9ZQ4X7K3M2N8P6R5T',
    kind: 'injunction',
    lodgedAt: new Date('2025-09-03T10:00:00Z'),
    eventId: randomUUID(),
    ...overrides,
  };
}

describe('challenges repository', () => {
  it('enters a lodged challenge once: a second lodging of the same id changes nothing', async () => {
    await expect(repository.recordLodged(lodged('chl_REPO0000001'))).resolves.toBe(true);
    await expect(repository.recordLodged(lodged('chl_REPO0000001', { kind: 'human-rights-claim' }))).resolves.toBe(false);

    await expect(repository.find('chl_REPO0000001')).resolves.toEqual({
      challengeId: 'chl_REPO0000001',
      caseId: CASE,
      personId: 'per_01J9ZQ4X7K3M2N8P6R5T',
      kind: 'injunction',
      lodgedAt: new Date('2025-09-03T10:00:00Z'),
      status: 'lodged',
    });
  });

  it('records a decision once, and only for a lodged challenge', async () => {
    await repository.recordLodged(lodged('chl_REPO0000002'));
    const decision = { outcome: 'dismissed' as const, decidedAt: new Date('2025-09-05T12:00:00Z'), eventId: randomUUID() };

    await expect(repository.recordDecision('chl_REPO0000002', decision)).resolves.toBe(true);
    await expect(repository.recordDecision('chl_REPO0000002', { ...decision, outcome: 'upheld' })).resolves.toBe(false);
    await expect(repository.recordDecision('chl_UNKNOWN00001', decision)).resolves.toBe(false);

    await expect(repository.find('chl_REPO0000002')).resolves.toMatchObject({ status: 'decided', outcome: 'dismissed', decidedAt: decision.decidedAt });
    await expect(repository.find('chl_UNKNOWN00001')).resolves.toBeUndefined();
  });

  it('R5 lists the challenges of a case still lodged, oldest first, leaving out decided ones and other cases', async () => {
    await repository.recordLodged(lodged('chl_REPOLATER01', { kind: 'human-rights-claim', lodgedAt: new Date('2025-09-04T09:00:00Z') }));
    await repository.recordLodged(lodged('chl_REPOEARLY01', { lodgedAt: new Date('2025-09-02T09:00:00Z') }));
    await repository.recordLodged(lodged('chl_REPODECIDED', { kind: 'suspensive-appeal' }));
    await repository.recordLodged(lodged('chl_REPOOTHER01', { caseId: 'case_01J9ZQ4X7K3M2N8POTHER' }));
    await repository.recordDecision('chl_REPODECIDED', { outcome: 'withdrawn', decidedAt: new Date('2025-09-05T09:00:00Z'), eventId: randomUUID() });

    await expect(repository.pendingFor(CASE)).resolves.toEqual([
      { kind: 'injunction', reference: 'chl_REPOEARLY01' },
      { kind: 'human-rights-claim', reference: 'chl_REPOLATER01' },
    ]);
    await expect(repository.pendingFor('case_01J9ZQ4X7K3M2N8PNONE00')).resolves.toEqual([]);
  });

  it('refuses a decided row without its outcome (the schema keeps the register consistent)', async () => {
    await repository.recordLodged(lodged('chl_REPOBROKEN1'));
    await expect(db.query(`UPDATE challenges SET status = 'decided' WHERE challenge_id = 'chl_REPOBROKEN1'`)).rejects.toThrow(/challenges_decision_complete/);
  });
});
