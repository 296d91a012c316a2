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
  matched_enrolment_reference: string | null;
  match_score: number | null;
}

const COLUMNS = 'case_id, event_id, person_id, enrolment_reference, re_entry, previous_case_id, matched_enrolment_reference, match_score';

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
      `INSERT INTO arrival_screenings (case_id, event_id, person_id, enrolment_reference, re_entry, previous_case_id, matched_enrolment_reference, match_score)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (case_id) DO NOTHING RETURNING ${COLUMNS}`,
      [
        record.caseId,
        record.eventId,
        record.personId,
        record.screening.enrolmentReference,
        record.screening.reEntry,
        record.screening.previousCaseId ?? null,
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
}

function toRecord(row: ScreeningRow): ArrivalScreeningRecord {
  return {
    caseId: row.case_id,
    eventId: row.event_id,
    personId: row.person_id,
    screening: {
      reEntry: row.re_entry,
      ...(row.previous_case_id === null ? {} : { previousCaseId: row.previous_case_id }),
      enrolmentReference: row.enrolment_reference,
    },
    ...(row.matched_enrolment_reference === null || row.match_score === null
      ? {}
      : { match: { enrolmentReference: row.matched_enrolment_reference, score: Number(row.match_score) } }),
  };
}
