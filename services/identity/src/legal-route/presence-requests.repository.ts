import { Injectable } from '@nestjs/common';
import { type Queryable } from '@oioo/database';

/** E2: a request to the adults of an EOI to confirm their presence in France. */
export interface PresenceRequestRecord {
  idempotencyKey: string;
  eoiId: string;
  personIds: string[];
  confirmWithinMs: number;
  /** The request event's id, fixed when recorded so every publication of it is the same event. */
  eventId: string;
  /** When they were asked and the deadline: set once the request event is out, absent before. */
  asked?: { askedAt: Date; confirmBy: Date };
}

interface PresenceRequestRow {
  idempotency_key: string;
  eoi_id: string;
  person_ids: string[];
  confirm_within_ms: string;
  event_id: string;
  asked_at: Date | null;
  confirm_by: Date | null;
}

const COLUMNS = 'idempotency_key, eoi_id, person_ids, confirm_within_ms, event_id, asked_at, confirm_by';

/** E2: the presence requests identity made, one per idempotency key. */
@Injectable()
export class PresenceRequestsRepository {
  /** The request recorded under a key, if any. */
  async find(q: Queryable, idempotencyKey: string): Promise<PresenceRequestRecord | undefined> {
    const row = (await q.query<PresenceRequestRow>(`SELECT ${COLUMNS} FROM presence_requests WHERE idempotency_key = $1`, [idempotencyKey])).rows[0];
    return row ? toRecord(row) : undefined;
  }

  /** Records the request unless its key is taken, and returns the one that stands (the first). */
  async recordOnce(q: Queryable, request: Omit<PresenceRequestRecord, 'asked'>): Promise<PresenceRequestRecord> {
    const inserted = await q.query<PresenceRequestRow>(
      `INSERT INTO presence_requests (idempotency_key, eoi_id, person_ids, confirm_within_ms, event_id)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT (idempotency_key) DO NOTHING RETURNING ${COLUMNS}`,
      [request.idempotencyKey, request.eoiId, request.personIds, request.confirmWithinMs, request.eventId],
    );
    const row = inserted.rows[0];
    if (row) return toRecord(row);
    const existing = await this.find(q, request.idempotencyKey);
    if (!existing) throw new Error('presence request vanished');
    return existing;
  }

  /** Records when the people were asked; if a concurrent call got there first, its times stand and are returned. */
  async markAsked(q: Queryable, idempotencyKey: string, askedAt: Date, confirmBy: Date): Promise<{ askedAt: Date; confirmBy: Date }> {
    const { rows } = await q.query<{ asked_at: Date; confirm_by: Date }>(
      `UPDATE presence_requests SET asked_at = COALESCE(asked_at, $2), confirm_by = COALESCE(confirm_by, $3)
       WHERE idempotency_key = $1 RETURNING asked_at, confirm_by`,
      [idempotencyKey, askedAt, confirmBy],
    );
    const row = rows[0];
    if (!row) throw new Error('presence request vanished');
    return { askedAt: row.asked_at, confirmBy: row.confirm_by };
  }
}

function toRecord(row: PresenceRequestRow): PresenceRequestRecord {
  return {
    idempotencyKey: row.idempotency_key,
    eoiId: row.eoi_id,
    personIds: row.person_ids,
    confirmWithinMs: Number(row.confirm_within_ms),
    eventId: row.event_id,
    ...(row.asked_at === null || row.confirm_by === null ? {} : { asked: { askedAt: row.asked_at, confirmBy: row.confirm_by } }),
  };
}
