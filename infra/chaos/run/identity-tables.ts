import { type Queryable } from '@oioo/database';
import { type ServiceTable } from '../history';

/**
 * Identity's account of what each Border Force record became (R11), for `arrival-opens-one-case`: a
 * screened record opened its own case; a linked record opened none and joined the person's existing case.
 * Read through identity's own database connection; rows are opaque ids only.
 */
export async function readIdentityTables(db: Queryable): Promise<ServiceTable[]> {
  const opened = await db.query<{ case_id: string; person_id: string }>('SELECT case_id, person_id FROM arrival_screenings ORDER BY screened_at');
  const linked = await db.query<{ record_case_id: string; person_id: string }>('SELECT record_case_id, person_id FROM arrival_record_links ORDER BY linked_at');
  return [
    {
      table: 'identity.arrival-cases',
      rows: [
        ...opened.rows.map((row) => ({ recordCaseId: row.case_id, personId: row.person_id, openedCaseId: row.case_id })),
        ...linked.rows.map((row) => ({ recordCaseId: row.record_case_id, personId: row.person_id, openedCaseId: null })),
      ],
    },
  ];
}
