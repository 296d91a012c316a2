import { Inject, Injectable } from '@nestjs/common';
import { DATABASE, type Database } from '@oioo/database';
import { PeopleRepository } from '../people/people.repository';
import { type AgeAssessment, type RecordAgeAssessmentBody } from './age-assessment.schemas';

/** What became of an age-assessment record call. */
export type RecordAgeAssessmentOutcome =
  | { kind: 'recorded' | 'replayed'; assessment: AgeAssessment }
  /** The reference is already recorded with other content: S2, a recorded decision is never edited. */
  | { kind: 'conflict' };

interface AgeAssessmentRow {
  reference: string;
  person_id: string;
  case_id: string;
  outcome: AgeAssessment['outcome'];
  assessed_by: string;
  assessed_at: Date;
  idempotency_key: string;
}

const COLUMNS = 'reference, person_id, case_id, outcome, assessed_by, assessed_at, idempotency_key';

/** R2: age assessments, recorded once and never edited (S2). */
@Injectable()
export class AgeAssessmentsRepository {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    private readonly people: PeopleRepository,
  ) {}

  /** Records an assessment; a repeated key returns the first record, and a known reference with the same content is a repeat too. */
  async record(input: RecordAgeAssessmentBody): Promise<RecordAgeAssessmentOutcome> {
    return this.db.transaction(async (tx) => {
      await this.people.ensure(tx, input.personId);
      const inserted = await tx.query<AgeAssessmentRow>(
        `INSERT INTO age_assessments (reference, person_id, case_id, outcome, assessed_by, assessed_at, idempotency_key)
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING RETURNING ${COLUMNS}`,
        [input.reference, input.personId, input.caseId, input.outcome, input.assessedBy, input.assessedAt, input.idempotencyKey],
      );
      const created = inserted.rows[0];
      if (created) return { kind: 'recorded', assessment: toAssessment(created) };
      const earlier = (await tx.query<AgeAssessmentRow>(`SELECT ${COLUMNS} FROM age_assessments WHERE idempotency_key = $1 OR reference = $2`, [input.idempotencyKey, input.reference]))
        .rows;
      const byKey = earlier.find((row) => row.idempotency_key === input.idempotencyKey);
      if (byKey) return { kind: 'replayed', assessment: toAssessment(byKey) };
      const byReference = earlier.find((row) => row.reference === input.reference);
      if (byReference && sameContent(toAssessment(byReference), input)) return { kind: 'replayed', assessment: toAssessment(byReference) };
      return { kind: 'conflict' };
    });
  }

  /** The assessments recorded for a case, oldest first. */
  async listForCase(caseId: string): Promise<AgeAssessment[]> {
    const result = await this.db.query<AgeAssessmentRow>(`SELECT ${COLUMNS} FROM age_assessments WHERE case_id = $1 ORDER BY assessed_at, reference`, [caseId]);
    return result.rows.map(toAssessment);
  }
}

function toAssessment(row: AgeAssessmentRow): AgeAssessment {
  return {
    caseId: row.case_id,
    personId: row.person_id,
    outcome: row.outcome,
    reference: row.reference,
    assessedBy: row.assessed_by,
    assessedAt: row.assessed_at.toISOString(),
  };
}

function sameContent(recorded: AgeAssessment, input: RecordAgeAssessmentBody): boolean {
  return (
    recorded.caseId === input.caseId &&
    recorded.personId === input.personId &&
    recorded.outcome === input.outcome &&
    recorded.assessedBy === input.assessedBy &&
    new Date(recorded.assessedAt).getTime() === new Date(input.assessedAt).getTime()
  );
}
