import { Injectable } from '@nestjs/common';
import { type ArrivalRecordedData } from '@oioo/contracts';
import { type Queryable } from '@oioo/database';

type ArrivalRoute = ArrivalRecordedData['route'];

/** A recorded irregular entry to the UK: a small-boat arrival, with the enrolment taken at it (E4). */
export interface IrregularEntry {
  caseId: string;
  personId: string;
  enrolmentReference: string;
  route: ArrivalRoute;
  arrivedAt: string;
}

interface IrregularEntryRow {
  case_id: string;
  person_id: string;
  enrolment_reference: string;
  route: ArrivalRoute;
  arrived_at: Date;
}

/** E4: the register of recorded irregular entries, one per arrival case. */
@Injectable()
export class IrregularEntriesRepository {
  /** Records the entry once per case; a repeat changes nothing. */
  async record(q: Queryable, entry: IrregularEntry): Promise<void> {
    await q.query(
      `INSERT INTO irregular_entries (case_id, person_id, enrolment_reference, route, arrived_at)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT (case_id) DO NOTHING`,
      [entry.caseId, entry.personId, entry.enrolmentReference, entry.route, entry.arrivedAt],
    );
  }

  /** The entry recorded for a case, if any. */
  async find(q: Queryable, caseId: string): Promise<IrregularEntry | undefined> {
    const row = (
      await q.query<IrregularEntryRow>('SELECT case_id, person_id, enrolment_reference, route, arrived_at FROM irregular_entries WHERE case_id = $1', [caseId])
    ).rows[0];
    return row
      ? { caseId: row.case_id, personId: row.person_id, enrolmentReference: row.enrolment_reference, route: row.route, arrivedAt: row.arrived_at.toISOString() }
      : undefined;
  }
}
