import { Inject, Injectable } from '@nestjs/common';
import { type SecurityRefusalGround } from '@oioo/contracts';
import { DATABASE, type Database } from '@oioo/database';

/** A request for security and suitability checks about to be recorded (E7): opaque ids only (S3). */
export interface NewSecurityCheckRequest {
  checkReference: string;
  idempotencyKey: string;
  eoiId: string;
  personIds: string[];
  /** Id of the event that carries the request; every publish attempt reuses it, so the security services can drop copies. */
  eventId: string;
  /** When the checks were asked for: the time the request was recorded, stated in the event. */
  requestedAt: Date;
}

/** A request as stored. */
export interface SecurityCheckRequestRecord extends NewSecurityCheckRequest {
  /** When the request event was published; absent until a publish succeeds. */
  publishedAt?: Date;
}

/** One person's result, as forwarded to the EOI case, keyed by the result event's id. */
export interface SecurityCheckResultRecord {
  eventId: string;
  checkReference: string;
  eoiId: string;
  personId: string;
  outcome: 'clear' | 'refuse';
  ground?: SecurityRefusalGround;
  completedAt: Date;
}

interface RequestRow {
  check_reference: string;
  idempotency_key: string;
  eoi_id: string;
  person_ids: string[];
  event_id: string;
  requested_at: Date;
  published_at: Date | null;
}

interface ResultRow {
  event_id: string;
  check_reference: string;
  eoi_id: string;
  person_id: string;
  outcome: 'clear' | 'refuse';
  ground: SecurityRefusalGround | null;
  completed_at: Date;
}

const REQUEST_COLUMNS = 'check_reference, idempotency_key, eoi_id, person_ids, event_id, requested_at, published_at';
const RESULT_COLUMNS = 'event_id, check_reference, eoi_id, person_id, outcome, ground, completed_at';

/** The security-check requests legal-review issued and the results it forwarded (E7). */
@Injectable()
export class SecurityChecksRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  /** Records the request once per idempotency key; a key already used returns the request recorded under it. */
  async recordRequest(request: NewSecurityCheckRequest): Promise<{ created: boolean; request: SecurityCheckRequestRecord }> {
    return this.db.transaction(async (tx) => {
      const inserted = await tx.query<RequestRow>(
        `INSERT INTO security_check_requests (check_reference, idempotency_key, eoi_id, person_ids, event_id, requested_at)
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (idempotency_key) DO NOTHING RETURNING ${REQUEST_COLUMNS}`,
        [request.checkReference, request.idempotencyKey, request.eoiId, [...request.personIds], request.eventId, request.requestedAt],
      );
      if (inserted.rows[0]) return { created: true, request: toRequest(inserted.rows[0]) };
      const { rows } = await tx.query<RequestRow>(`SELECT ${REQUEST_COLUMNS} FROM security_check_requests WHERE idempotency_key = $1`, [request.idempotencyKey]);
      if (!rows[0]) throw new Error(`security check request under key ${request.idempotencyKey} vanished while being recorded`);
      return { created: false, request: toRequest(rows[0]) };
    });
  }

  /** Marks the request published at `at`, unless an earlier publish was recorded; returns the publication time that stands. */
  async markPublished(checkReference: string, at: Date): Promise<Date> {
    const { rows } = await this.db.query<{ published_at: Date }>(
      'UPDATE security_check_requests SET published_at = COALESCE(published_at, $2) WHERE check_reference = $1 RETURNING published_at',
      [checkReference, at],
    );
    if (!rows[0]) throw new Error(`no security check request ${checkReference} is recorded`);
    return rows[0].published_at;
  }

  /** The request with this reference, if legal-review issued it. */
  async findRequest(checkReference: string): Promise<SecurityCheckRequestRecord | undefined> {
    const { rows } = await this.db.query<RequestRow>(`SELECT ${REQUEST_COLUMNS} FROM security_check_requests WHERE check_reference = $1`, [checkReference]);
    return rows[0] && toRequest(rows[0]);
  }

  /** Every request issued for an EOI, oldest first. */
  async requestsFor(eoiId: string): Promise<SecurityCheckRequestRecord[]> {
    const { rows } = await this.db.query<RequestRow>(`SELECT ${REQUEST_COLUMNS} FROM security_check_requests WHERE eoi_id = $1 ORDER BY requested_at, check_reference`, [
      eoiId,
    ]);
    return rows.map(toRequest);
  }

  /** The result carried by this event, if it was already forwarded. */
  async findResult(eventId: string): Promise<SecurityCheckResultRecord | undefined> {
    const { rows } = await this.db.query<ResultRow>(`SELECT ${RESULT_COLUMNS} FROM security_check_results WHERE event_id = $1`, [eventId]);
    return rows[0] && toResult(rows[0]);
  }

  /** The result already forwarded for a person of a request, whichever event carried it. */
  async findResultFor(checkReference: string, personId: string): Promise<SecurityCheckResultRecord | undefined> {
    const { rows } = await this.db.query<ResultRow>(`SELECT ${RESULT_COLUMNS} FROM security_check_results WHERE check_reference = $1 AND person_id = $2`, [
      checkReference,
      personId,
    ]);
    return rows[0] && toResult(rows[0]);
  }

  /** Stores a forwarded result; false when this event, or a result for the same person of the request, was stored before. */
  async recordResult(result: SecurityCheckResultRecord): Promise<boolean> {
    const { rowCount } = await this.db.query(
      `INSERT INTO security_check_results (event_id, check_reference, eoi_id, person_id, outcome, ground, completed_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING`,
      [result.eventId, result.checkReference, result.eoiId, result.personId, result.outcome, result.ground ?? null, result.completedAt],
    );
    return rowCount === 1;
  }

  /** Every result forwarded for a request, in the order they were recorded. */
  async resultsFor(checkReference: string): Promise<SecurityCheckResultRecord[]> {
    const { rows } = await this.db.query<ResultRow>(`SELECT ${RESULT_COLUMNS} FROM security_check_results WHERE check_reference = $1 ORDER BY recorded_at, event_id`, [
      checkReference,
    ]);
    return rows.map(toResult);
  }
}

function toRequest(row: RequestRow): SecurityCheckRequestRecord {
  return {
    checkReference: row.check_reference,
    idempotencyKey: row.idempotency_key,
    eoiId: row.eoi_id,
    personIds: [...row.person_ids],
    eventId: row.event_id,
    requestedAt: row.requested_at,
    ...(row.published_at === null ? {} : { publishedAt: row.published_at }),
  };
}

function toResult(row: ResultRow): SecurityCheckResultRecord {
  return {
    eventId: row.event_id,
    checkReference: row.check_reference,
    eoiId: row.eoi_id,
    personId: row.person_id,
    outcome: row.outcome,
    ...(row.ground === null ? {} : { ground: row.ground }),
    completedAt: row.completed_at,
  };
}
