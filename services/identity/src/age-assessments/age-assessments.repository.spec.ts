import { type Database } from '@oioo/database';
import { PeopleRepository } from '../people/people.repository';
import { opaqueId, openIdentityDatabase } from '../test-support/identity-test-kit';
import { type RecordAgeAssessmentBody } from './age-assessment.schemas';
import { AgeAssessmentsRepository } from './age-assessments.repository';

let db: Database;
let repository: AgeAssessmentsRepository;

beforeAll(async () => {
  db = await openIdentityDatabase();
  repository = new AgeAssessmentsRepository(db, new PeopleRepository());
}, 60_000);

afterAll(() => db?.close());

function assessment(overrides: Partial<RecordAgeAssessmentBody> = {}): RecordAgeAssessmentBody {
  const caseId = overrides.caseId ?? opaqueId('case');
  return {
    caseId,
    personId: opaqueId('per'),
    outcome: 'accompanied-minor',
    reference: `AA-${caseId.slice(5, 17)}`,
    assessedBy: 'cw_ASSESSOR00001',
    assessedAt: '2025-09-02T10:00:00+01:00',
    idempotencyKey: `age:${caseId}:1`,
    ...overrides,
  };
}

describe('age assessments', () => {
  it('R2 records who assessed, when, the outcome and the reference, for the person and case', async () => {
    const input = assessment();
    const { idempotencyKey: _key, ...expected } = input;

    await expect(repository.record(input)).resolves.toEqual({ kind: 'recorded', assessment: { ...expected, assessedAt: '2025-09-02T09:00:00.000Z' } });
    await expect(repository.listForCase(input.caseId)).resolves.toEqual([{ ...expected, assessedAt: '2025-09-02T09:00:00.000Z' }]);
  });

  it('S2 a repeated key returns the first record, whatever the repeat says', async () => {
    const input = assessment();
    const first = await repository.record(input);
    await expect(repository.record({ ...input, outcome: 'adult' })).resolves.toEqual({ kind: 'replayed', assessment: first.kind === 'conflict' ? undefined : first.assessment });
  });

  it('S2 the same reference with the same content under a new key is a repeat; with other content it is refused', async () => {
    const input = assessment();
    await repository.record(input);
    await expect(repository.record({ ...input, idempotencyKey: 'another-key-0001' })).resolves.toMatchObject({ kind: 'replayed' });
    await expect(repository.record({ ...input, idempotencyKey: 'another-key-0002', outcome: 'adult' })).resolves.toEqual({ kind: 'conflict' });
    await expect(repository.listForCase(input.caseId)).resolves.toHaveLength(1);
  });
});
