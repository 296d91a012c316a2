import { type Queryable } from '@oioo/database';
import { type ServiceTable } from '../history';

/**
 * Legal review's readmission requests to France (R10, R12), for the record: a request is `sent` once its
 * event was published, `recorded` until then. References only, never the disclosed content.
 */
export async function readLegalReviewTables(db: Queryable): Promise<ServiceTable[]> {
  const requests = await db.query<{ case_id: string; request_reference: string; sent: boolean }>(
    'SELECT case_id, request_reference, published_at IS NOT NULL AS sent FROM readmission_requests ORDER BY recorded_at',
  );
  return [{ table: 'legal-review.requests', rows: requests.rows.map((row) => ({ caseId: row.case_id, requestReference: row.request_reference, status: row.sent ? 'sent' : 'recorded' })) }];
}
