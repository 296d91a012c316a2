import { Inject, Injectable } from '@nestjs/common';
import { type FranceRefusalGround } from '@oioo/contracts';
import { DATABASE, type Database } from '@oioo/database';

/** France's reply as forwarded to its case (R4, R10), keyed by the reply event's id. */
export interface FranceReplyRecord {
  eventId: string;
  requestReference: string;
  caseId: string;
  kind: 'accepted' | 'refused' | 'extended';
  ground?: FranceRefusalGround;
  repliedAt: Date;
  /** The state the case workflow was left in by the reply. */
  caseState: string;
}

interface ReplyRow {
  event_id: string;
  request_reference: string;
  case_id: string;
  kind: FranceReplyRecord['kind'];
  ground: FranceRefusalGround | null;
  replied_at: Date;
  case_state: string;
}

/** France's replies to the service's readmission requests. */
@Injectable()
export class FranceRepliesRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  /** The reply carried by this event, if it was already forwarded. */
  async find(eventId: string): Promise<FranceReplyRecord | undefined> {
    const { rows } = await this.db.query<ReplyRow>(
      'SELECT event_id, request_reference, case_id, kind, ground, replied_at, case_state FROM france_replies WHERE event_id = $1',
      [eventId],
    );
    return rows[0] && toReply(rows[0]);
  }

  /** Stores a forwarded reply; false when this event was stored before. */
  async record(reply: FranceReplyRecord): Promise<boolean> {
    const { rowCount } = await this.db.query(
      `INSERT INTO france_replies (event_id, request_reference, case_id, kind, ground, replied_at, case_state)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (event_id) DO NOTHING`,
      [reply.eventId, reply.requestReference, reply.caseId, reply.kind, reply.ground ?? null, reply.repliedAt, reply.caseState],
    );
    return rowCount === 1;
  }

  /** Every reply to one request, in the order they were recorded. */
  async forRequest(requestReference: string): Promise<FranceReplyRecord[]> {
    const { rows } = await this.db.query<ReplyRow>(
      'SELECT event_id, request_reference, case_id, kind, ground, replied_at, case_state FROM france_replies WHERE request_reference = $1 ORDER BY recorded_at, event_id',
      [requestReference],
    );
    return rows.map(toReply);
  }
}

function toReply(row: ReplyRow): FranceReplyRecord {
  return {
    eventId: row.event_id,
    requestReference: row.request_reference,
    caseId: row.case_id,
    kind: row.kind,
    ...(row.ground === null ? {} : { ground: row.ground }),
    repliedAt: row.replied_at,
    caseState: row.case_state,
  };
}
