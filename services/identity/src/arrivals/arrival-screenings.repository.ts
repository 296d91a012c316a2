import { Injectable } from '@nestjs/common';
import { type Queryable } from '@oioo/database';
import { type ArrivalScreening } from '@oioo/workflows-readmission';

/** What screening found for an arrival, with the match behind a re-entry flag. */
export interface ArrivalScreeningRecord {
  caseId: string;
  eventId: string;
  personId: string;
  screening: ArrivalScreening;
  /** The returns-register enrolment that matched, and its score, when the arrival is a re-entry. */
  match?: { enrolmentReference: string; score: number };
}

interface ScreeningRow {
  case_id: string;
  event_id: string;
  person_id: string;
  enrolment_reference: string;
  re_entry: boolean;
  previous_case_id: string | null;
  earlier_case_id: string | null;
  matched_enrolment_reference: string | null;
  match_score: number | null;
}

const COLUMNS = 'case_id, event_id, person_id, enrolment_reference, re_entry, previous_case_id, earlier_case_id, matched_enrolment_reference, match_score';

/** R11: the screening of each arrival, kept so every copy of the arrival event sends its case the same screening. */
@Injectable()
export class ArrivalScreeningsRepository {
  /** The screening recorded for a case, if any. */
  async find(q: Queryable, caseId: string): Promise<ArrivalScreeningRecord | undefined> {
    const row = (await q.query<ScreeningRow>(`SELECT ${COLUMNS} FROM arrival_screenings WHERE case_id = $1`, [caseId])).rows[0];
    return row ? toRecord(row) : undefined;
  }

  /** Records the case's screening unless one exists, and returns the one that stands (the first). */
  async recordOnce(q: Queryable, record: ArrivalScreeningRecord): Promise<ArrivalScreeningRecord> {
    const inserted = await q.query<ScreeningRow>(
      `INSERT INTO arrival_screenings (case_id, event_id, person_id, enrolment_reference, re_entry, previous_case_id, earlier_case_id, matched_enrolment_reference, match_score)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (case_id) DO NOTHING RETURNING ${COLUMNS}`,
      [
        record.caseId,
        record.eventId,
        record.personId,
        record.screening.enrolmentReference,
        record.screening.reEntry,
        record.screening.previousCaseId ?? null,
        record.screening.earlierCaseId ?? null,
        record.match?.enrolmentReference ?? null,
        record.match?.score ?? null,
      ],
    );
    const row = inserted.rows[0];
    if (row) return toRecord(row);
    const existing = await this.find(q, record.caseId);
    if (!existing) throw new Error(`screening of case ${record.caseId} vanished`);
    return existing;
  }

  /** Notes that the case's workflow has started (or was found started); the first time stands. */
  async markOpened(q: Queryable, caseId: string): Promise<void> {
    await q.query('UPDATE arrival_screenings SET case_opened_at = now() WHERE case_id = $1 AND case_opened_at IS NULL', [caseId]);
  }

  /** When each of these cases' workflows was seen to start; a case screened but not yet started maps to null. */
  async openedAt(q: Queryable, caseIds: readonly string[]): Promise<Map<string, string | null>> {
    if (caseIds.length === 0) return new Map();
    const rows = await q.query<{ case_id: string; case_opened_at: Date | null }>('SELECT case_id, case_opened_at FROM arrival_screenings WHERE case_id = ANY($1)', [caseIds]);
    return new Map(rows.rows.map((row) => [row.case_id, row.case_opened_at?.toISOString() ?? null]));
  }
}

function toRecord(row: ScreeningRow): ArrivalScreeningRecord {
  return {
    caseId: row.case_id,
    eventId: row.event_id,
    personId: row.person_id,
    screening: {
      reEntry: row.re_entry,
      ...(row.previous_case_id === null ? {} : { previousCaseId: row.previous_case_id }),
      ...(row.earlier_case_id === null ? {} : { earlierCaseId: row.earlier_case_id }),
      enrolmentReference: row.enrolment_reference,
    },
    ...(row.matched_enrolment_reference === null || row.match_score === null
      ? {}
      : { match: { enrolmentReference: row.matched_enrolment_reference, score: Number(row.match_score) } }),
  };
}
