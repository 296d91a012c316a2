import { Inject, Injectable } from '@nestjs/common';
import { DATABASE, type Database, appendChainedIn } from '@oioo/database';

/** A request about to be recorded: its references and a fingerprint of its content, never the content itself (R12, S3). */
export interface NewReadmissionRequest {
  requestReference: string;
  idempotencyKey: string;
  caseId: string;
  requestNumber: number;
  /** SHA-256 of the disclosed fields, so a key reused for other content is recognised without keeping the values. */
  contentSha256: string;
  /** Id of the event that carries the request; every publish attempt reuses it, so France can drop duplicates. */
  eventId: string;
}

/** A request as stored. */
export interface ReadmissionRequestRecord extends NewReadmissionRequest {
  recordedAt: Date;
  /** When the request event was published, i.e. reached France; absent until a publish succeeds. */
  publishedAt?: Date;
}

/** S3: a disclosure outside the UK, described without any of the values disclosed. */
export interface Disclosure {
  recipient: string;
  fields: readonly string[];
  purpose: string;
  channel: string;
}

/** A disclosure-log row, with when the disclosure actually left (its request's publication), if it has. */
export interface DisclosureRecord extends Disclosure {
  caseId: string;
  requestReference: string;
  eventId: string;
  loggedAt: Date;
  sentAt?: Date;
}

/** What recording a request found: a new request, the one already recorded under the key, or another request with the same number. */
export type RecordRequestResult =
  | { outcome: 'recorded'; request: ReadmissionRequestRecord }
  | { outcome: 'found-by-key'; request: ReadmissionRequestRecord }
  | { outcome: 'number-taken'; request: ReadmissionRequestRecord };

interface RequestRow {
  request_reference: string;
  idempotency_key: string;
  case_id: string;
  request_number: number;
  content_sha256: string;
  event_id: string;
  recorded_at: Date;
  published_at: Date | null;
}

/** S3: the hash-chained stream of disclosures: a view over disclosure_log (migration 0004) that the shared append writes through. */
export const DISCLOSURES_STREAM = 'disclosures';

const REQUEST_COLUMNS = 'request_reference, idempotency_key, case_id, request_number, content_sha256, event_id, recorded_at, published_at';

/** The readmission requests sent to France and the S3 log of what they disclosed. */
@Injectable()
export class ReadmissionRequestsRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  /**
   * Records a request and its disclosure-log row in one transaction, before anything is sent (S3: no
   * disclosure without its row); the row is the next link of the hash-chained `disclosures` stream. A key already used returns the request recorded under it; so does a
   * request number the case already used under another key, flagged as `number-taken`.
   */
  async recordWithDisclosure(request: NewReadmissionRequest, disclosure: Disclosure): Promise<RecordRequestResult> {
    return this.db.transaction(async (tx) => {
      // No conflict target: a clash on the key, the reference or the (case, number) pair all insert nothing.
      const inserted = await tx.query<RequestRow>(
        `INSERT INTO readmission_requests (request_reference, idempotency_key, case_id, request_number, content_sha256, event_id)
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING RETURNING ${REQUEST_COLUMNS}`,
        [request.requestReference, request.idempotencyKey, request.caseId, request.requestNumber, request.contentSha256, request.eventId],
      );
      const created = inserted.rows[0];
      if (created) {
        // S3: the next link of the disclosures chain, committed with the request or not at all.
        await appendChainedIn(tx, DISCLOSURES_STREAM, {
          recipient: disclosure.recipient,
          case_id: request.caseId,
          fields: [...disclosure.fields],
          purpose: disclosure.purpose,
          channel: disclosure.channel,
          request_reference: request.requestReference,
          event_id: request.eventId,
        });
        return { outcome: 'recorded', request: toRequest(created) };
      }
      const byKey = await tx.query<RequestRow>(`SELECT ${REQUEST_COLUMNS} FROM readmission_requests WHERE idempotency_key = $1`, [request.idempotencyKey]);
      if (byKey.rows[0]) return { outcome: 'found-by-key', request: toRequest(byKey.rows[0]) };
      const byNumber = await tx.query<RequestRow>(`SELECT ${REQUEST_COLUMNS} FROM readmission_requests WHERE case_id = $1 AND request_number = $2`, [
        request.caseId,
        request.requestNumber,
      ]);
      if (byNumber.rows[0]) return { outcome: 'number-taken', request: toRequest(byNumber.rows[0]) };
      // Only a clash on the freshly generated reference is left, which a retry with a new reference resolves.
      throw new Error(`request reference ${request.requestReference} is already taken`);
    });
  }

  /** Marks the request published at `at`, unless an earlier publish was recorded; returns the publication time that stands. */
  async markPublished(requestReference: string, at: Date): Promise<Date> {
    const { rows } = await this.db.query<{ published_at: Date }>(
      'UPDATE readmission_requests SET published_at = COALESCE(published_at, $2) WHERE request_reference = $1 RETURNING published_at',
      [requestReference, at],
    );
    if (!rows[0]) throw new Error(`no readmission request ${requestReference} is recorded`);
    return rows[0].published_at;
  }

  /** The request with this reference, if this service recorded it. */
  async findByReference(requestReference: string): Promise<ReadmissionRequestRecord | undefined> {
    const { rows } = await this.db.query<RequestRow>(`SELECT ${REQUEST_COLUMNS} FROM readmission_requests WHERE request_reference = $1`, [requestReference]);
    return rows[0] && toRequest(rows[0]);
  }

  /** S3: what was disclosed about a case, to whom and when, oldest first. */
  async disclosuresFor(caseId: string): Promise<DisclosureRecord[]> {
    const { rows } = await this.db.query<{
      recipient: string;
      case_id: string;
      fields: string[];
      purpose: string;
      channel: string;
      request_reference: string;
      event_id: string;
      logged_at: Date;
      published_at: Date | null;
    }>(
      `SELECT d.recipient, d.case_id, d.fields, d.purpose, d.channel, d.request_reference, d.event_id, d.logged_at, r.published_at
       FROM disclosure_log d JOIN readmission_requests r ON r.request_reference = d.request_reference
       WHERE d.case_id = $1 ORDER BY d.logged_at, d.disclosure_id`,
      [caseId],
    );
    return rows.map((row) => ({
      recipient: row.recipient,
      caseId: row.case_id,
      fields: row.fields,
      purpose: row.purpose,
      channel: row.channel,
      requestReference: row.request_reference,
      eventId: row.event_id,
      loggedAt: row.logged_at,
      ...(row.published_at === null ? {} : { sentAt: row.published_at }),
    }));
  }
}

function toRequest(row: RequestRow): ReadmissionRequestRecord {
  return {
    requestReference: row.request_reference,
    idempotencyKey: row.idempotency_key,
    caseId: row.case_id,
    requestNumber: row.request_number,
    contentSha256: row.content_sha256,
    eventId: row.event_id,
    recordedAt: row.recorded_at,
    ...(row.published_at === null ? {} : { publishedAt: row.published_at }),
  };
}
